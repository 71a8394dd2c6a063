#include "clinician-client/clinician_window.h"

#include <QLabel>
#include <QHBoxLayout>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "client-shared/api_session.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/cohorts/cohorts_page.h"
#include "clinician-client/cohorts/cohorts_page_model.h"
#include "client-shared/measure_logic.h"
#include "clinician-client/measures/outcomes_page.h"
#include "clinician-client/measures/outcomes_model.h"
#include "clinician-client/measures/risk_inbox_model.h"
#include "clinician-client/measures/risk_inbox_page.h"
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
  auto* top = new QHBoxLayout;
  top->addWidget(account_, 1);
  riskBadge_ = new QPushButton;
  riskBadge_->setObjectName("riskBadge");
  riskBadge_->setFlat(true);
  riskBadge_->setToolTip(QStringLiteral("Open the risk inbox"));
  top->addWidget(riskBadge_);
  layout->addLayout(top);
  tabs_ = new QTabWidget;
  tabs_->setObjectName("mainTabs");
  cohorts_ = new CohortsPage(session, errors);
  tabs_->addTab(cohorts_, QStringLiteral("Cohorts"));
  waitlist_ = new WaitlistPage(session, errors);
  tabs_->addTab(waitlist_, QStringLiteral("Waitlist"));
  staff_ = new StaffPage(session, errors);
  tabs_->addTab(staff_, QStringLiteral("Staff"));
  riskInbox_ = new RiskInboxPage(session, errors);
  tabs_->addTab(riskInbox_, QStringLiteral("Risk inbox"));
  outcomes_ = new OutcomesPage(session, errors);
  tabs_->addTab(outcomes_, QStringLiteral("Outcomes"));
  auto showCounts = [this](const client::RiskAlertCountsInfo& c) {
    const QString text = client::riskBadgeText(c);
    riskBadge_->setText(QStringLiteral("⚑ ") + text);
    riskBadge_->setAccessibleName(text);
    // The words carry the meaning; the colour only draws the eye.
    const QString colour = c.red > 0 || c.overdue > 0 ? QStringLiteral("#b00020")
                           : c.amber > 0              ? QStringLiteral("#b26a00")
                                                      : QStringLiteral("#2e7d32");
    riskBadge_->setStyleSheet(QStringLiteral("QPushButton { color: white; background: %1; font-weight: bold; "
                                             "padding: 4px 10px; border-radius: 4px; }")
                                  .arg(colour));
  };
  showCounts({});
  riskBadge_->setText(QStringLiteral("⚑ Risk alerts: loading…"));
  connect(riskInbox_->pageModel(), &RiskInboxModel::countsChanged, this, showCounts);
  connect(riskBadge_, &QPushButton::clicked, this, [this] { tabs_->setCurrentWidget(riskInbox_); });
  layout->addWidget(tabs_);
  setCentralWidget(central);
  statusBar()->setObjectName("statusBar");

  client::installAccountMenu(this, session, errors);

  resize(1100, 720);
  // All three load at once: the calls run side by side.
  cohorts_->pageModel()->refresh();
  waitlist_->pageModel()->refresh();
  staff_->pageModel()->refresh();
  riskInbox_->pageModel()->refresh();
  outcomes_->pageModel()->refresh();
}

}  // namespace cft::clinician
