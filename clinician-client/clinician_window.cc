#include "clinician-client/clinician_window.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/cohorts_page.h"
#include "clinician-client/staff_page.h"
#include "clinician-client/waitlist_page.h"

namespace cft::clinician {

ClinicianWindow::ClinicianWindow(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent)
    : QMainWindow(parent), api_(api) {
  setObjectName("clinicianWindow");
  setWindowTitle(QStringLiteral("CFT Groups — Clinician"));
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  const client::UserInfo& me = api_.currentUser();
  account_ = new QLabel(QStringLiteral("<b>%1</b> · %2 · %3")
                            .arg(me.displayName.toHtmlEscaped(), client::roleLabel(me.role),
                                 me.organisationName.toHtmlEscaped()));
  account_->setObjectName("accountLabel");
  layout->addWidget(account_);
  tabs_ = new QTabWidget;
  tabs_->setObjectName("mainTabs");
  cohorts_ = new CohortsPage(api_, errors);
  tabs_->addTab(cohorts_, QStringLiteral("Cohorts"));
  waitlist_ = new WaitlistPage(api_, errors);
  tabs_->addTab(waitlist_, QStringLiteral("Waitlist"));
  staff_ = new StaffPage(api_, errors);
  tabs_->addTab(staff_, QStringLiteral("Staff"));
  layout->addWidget(tabs_);
  setCentralWidget(central);
  statusBar()->setObjectName("statusBar");

  client::installAccountMenu(this, api_);

  resize(1100, 720);
  cohorts_->refresh();
  waitlist_->refresh();
  staff_->refresh();
}

}  // namespace cft::clinician
