#include "participant-client/participant_window.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "participant-client/programme_page.h"

namespace cft::participant {

ParticipantWindow::ParticipantWindow(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent)
    : QMainWindow(parent), api_(api) {
  setObjectName("participantWindow");
  setWindowTitle(QStringLiteral("CFT Groups"));
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  const client::UserInfo& me = api_.currentUser();
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
  programme_ = new ProgrammePage(api_, errors);
  layout->addWidget(programme_, 1);
  setCentralWidget(central);
  statusBar()->setObjectName("statusBar");

  client::installAccountMenu(this, api_);
  resize(980, 720);
  programme_->refresh();
}

}  // namespace cft::participant
