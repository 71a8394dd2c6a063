#include "participant-client/participant_window.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/change_password_dialog.h"
#include "client-shared/error_reporter.h"
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

  QMenu* account = menuBar()->addMenu(QStringLiteral("&Account"));
  QAction* change = account->addAction(QStringLiteral("Change password…"));
  change->setObjectName("changePasswordAction");
  connect(change, &QAction::triggered, this, [this] {
    auto* dialog = new client::ChangePasswordDialog(api_, /*required=*/false, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { statusBar()->showMessage(QStringLiteral("Password changed."), 8000); });
    dialog->open();
  });
  QAction* signOut = account->addAction(QStringLiteral("Sign out"));
  signOut->setObjectName("signOutAction");
  connect(signOut, &QAction::triggered, this, [this] { api_.logout(); });
  resize(980, 720);
  programme_->refresh();
}

}  // namespace cft::participant
