#include "clinician-client/clinician_window.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "client-shared/api_session.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/cohorts/cohorts_page.h"
#include "clinician-client/cohorts/cohorts_page_model.h"
#include "clinician-client/staff/staff_page.h"
#include "clinician-client/staff/staff_page_model.h"
#include "clinician-client/waitlist/waitlist_page.h"
#include "clinician-client/waitlist/waitlist_page_model.h"

namespace cft::clinician {

ClinicianWindow::ClinicianWindow(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QMainWindow(parent) {
  setObjectName("clinicianWindow");
  setWindowTitle(QStringLiteral("CFT Groups — Clinician"));
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  const client::UserInfo& me = session.currentUser();
  account_ = new QLabel(QStringLiteral("<b>%1</b> · %2 · %3")
                            .arg(me.displayName.toHtmlEscaped(), client::roleLabel(me.role),
                                 me.organisationName.toHtmlEscaped()));
  account_->setObjectName("accountLabel");
  layout->addWidget(account_);
  tabs_ = new QTabWidget;
  tabs_->setObjectName("mainTabs");
  cohorts_ = new CohortsPage(session, errors);
  tabs_->addTab(cohorts_, QStringLiteral("Cohorts"));
  waitlist_ = new WaitlistPage(session, errors);
  tabs_->addTab(waitlist_, QStringLiteral("Waitlist"));
  staff_ = new StaffPage(session, errors);
  tabs_->addTab(staff_, QStringLiteral("Staff"));
  layout->addWidget(tabs_);
  setCentralWidget(central);
  statusBar()->setObjectName("statusBar");

  client::installAccountMenu(this, session, errors);

  resize(1100, 720);
  // All three load at once: the calls run side by side.
  cohorts_->pageModel()->refresh();
  waitlist_->pageModel()->refresh();
  staff_->pageModel()->refresh();
}

}  // namespace cft::clinician
