#include "participant-client/participant_window.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

#include "client-shared/api_session.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "participant-client/programme/programme_page.h"
#include "participant-client/programme/programme_page_model.h"

namespace cft::participant {

ParticipantWindow::ParticipantWindow(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QMainWindow(parent) {
  setObjectName("participantWindow");
  setWindowTitle(QStringLiteral("CFT Groups"));
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  const client::UserInfo& me = session.currentUser();
  greeting_ = new QLabel(QStringLiteral("<h2>Welcome, %1</h2><p>%2</p>")
                             .arg(me.displayName.toHtmlEscaped(), me.organisationName.toHtmlEscaped()));
  greeting_->setObjectName("greetingLabel");
  greeting_->setWordWrap(true);
  layout->addWidget(greeting_);
  auto* privacy = new QLabel(QStringLiteral(
      "Only you and your group's facilitators can see your programme and your answers. "
      "Other members of the group never see them."));
  privacy->setObjectName("privacyLabel");
  privacy->setWordWrap(true);
  layout->addWidget(privacy);
  programme_ = new ProgrammePage(session, errors);
  layout->addWidget(programme_, 1);
  setCentralWidget(central);
  statusBar()->setObjectName("statusBar");

  client::installAccountMenu(this, session, errors);
  resize(980, 720);
  programme_->pageModel()->refresh();
}

}  // namespace cft::participant
