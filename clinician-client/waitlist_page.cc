#include "clinician-client/waitlist_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QUuid>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/call_dialog.h"
#include "clinician-client/table_models.h"

namespace cft::clinician {

struct WaitlistPage::Models {
  ReferralTableModel* referrals;
};

namespace {

// Collects a referral; the idempotency key makes a retried save harmless.
class ReferralDialog : public CallDialog {
 public:
  ReferralDialog(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent)
      : CallDialog(api, errors, "referralDialog", QStringLiteral("Add a referral"), QString(), parent) {
    auto* name = new QLineEdit;
    name->setObjectName("referralNameEdit");
    auto* email = new QLineEdit;
    email->setObjectName("referralEmailEdit");
    auto* source = new QLineEdit;
    source->setObjectName("referralSourceEdit");
    source->setPlaceholderText(QStringLiteral("GP, self-referral, team…"));
    auto* screening = new QComboBox;
    screening->setObjectName("screeningCombo");
    screening->addItems({"Pending", "Suitable", "Unsuitable"});
    auto* note = new QPlainTextEdit;
    note->setObjectName("screeningNoteEdit");
    note->setPlaceholderText(QStringLiteral("Screening notes (required when unsuitable)"));
    form()->addRow(QStringLiteral("Name"), name);
    form()->addRow(QStringLiteral("E-mail address"), email);
    form()->addRow(QStringLiteral("Referred by"), source);
    form()->addRow(QStringLiteral("Screening"), screening);
    form()->addRow(QStringLiteral("Notes"), note);
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    setAction(
        "saveReferralButton", QStringLiteral("Save"),
        [&api, name, email, source, screening, note, key] {
          return api.addReferral({name->text().trimmed(), email->text().trimmed(), source->text().trimmed(),
                                  screening->currentText(), note->toPlainText().trimmed(), key});
        },
        &client::ApiClient::referralAdded);
  }
};

// Chooses the cohort for one referral and allocates the place.
class AllocateDialog : public CallDialog {
 public:
  AllocateDialog(client::ApiClient& api, client::ErrorReporter& errors, const client::ReferralInfo& referral,
                 QWidget* parent)
      : CallDialog(api, errors, "allocateDialog", QStringLiteral("Offer %1 a place").arg(referral.name), QString(),
                   parent) {
    auto* cohort = new QComboBox;
    cohort->setObjectName("allocateCohortCombo");
    auto* override_closed =
        new QCheckBox(QStringLiteral("Add as a late joiner even though the closed group has started"));
    override_closed->setObjectName("overrideClosedCheck");
    form()->addRow(QStringLiteral("Cohort"), cohort);
    form()->addRow(QString(), override_closed);
    setAction(
        "allocateButton", QStringLiteral("Allocate"),
        [&api, cohort, override_closed, id = referral.id] {
          return api.allocate(id, cohort->currentData().toLongLong(), override_closed->isChecked());
        },
        &client::ApiClient::allocated);
    const int cohorts = api.listCohorts();
    loading(cohorts);
    connect(&api, &client::ApiClient::cohortsListed, this, [cohort, cohorts](int id, const QList<client::CohortInfo>& list) {
      if (id != cohorts) return;
      for (const auto& c : list) {
        if (c.status != QStringLiteral("Planned") && c.status != QStringLiteral("Running")) continue;
        cohort->addItem(QStringLiteral("%1 (%2 of %3 places)").arg(c.name).arg(c.enrolled).arg(c.capacity), c.id);
      }
    });
  }
};

}  // namespace

WaitlistPage::WaitlistPage(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), api_(api), errors_(errors), m_(new Models{makeReferralModel(this)}) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  summary_ = new QLabel(QStringLiteral("Loading the waitlist…"));
  summary_->setObjectName("waitlistSummary");
  bar->addWidget(summary_, 1);
  auto* add = new QPushButton(QStringLiteral("Add referral…"));
  add->setObjectName("addReferralButton");
  allocate_ = new QPushButton(QStringLiteral("Offer a place…"));
  allocate_->setObjectName("allocateReferralButton");
  allocate_->setEnabled(false);
  bar->addWidget(add);
  bar->addWidget(allocate_);
  layout->addLayout(bar);
  table_ = new QTableView;
  table_->setObjectName("waitlistTable");
  table_->setModel(m_->referrals);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setVisible(false);
  layout->addWidget(table_);

  connect(add, &QPushButton::clicked, this, &WaitlistPage::addReferral);
  connect(allocate_, &QPushButton::clicked, this, &WaitlistPage::allocate);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
    const auto* r = m_->referrals->rowAt(i.row());
    allocate_->setEnabled(r != nullptr && !r->allocated && r->screening == QStringLiteral("Suitable"));
  });
  connect(&api_, &client::ApiClient::waitlistLoaded, this, [this](int id, const QList<client::ReferralInfo>& list) {
    if (id != request_) return;
    m_->referrals->setRows(list);
    table_->resizeColumnsToContents();
    int waiting = 0;
    for (const auto& r : list) waiting += r.allocated ? 0 : 1;
    summary_->setText(QStringLiteral("%1 waiting").arg(waiting));
  });
  connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
    if (id == request_) errors_.report(e);
  });
}

QAbstractItemModel* WaitlistPage::model() const { return m_->referrals; }

void WaitlistPage::refresh() { request_ = api_.listWaitlist(); }

void WaitlistPage::selectReferral(int row) { table_->setCurrentIndex(m_->referrals->index(row, 0)); }

void WaitlistPage::addReferral() {
  auto* dialog = new ReferralDialog(api_, errors_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::finished, this, &WaitlistPage::refresh);
  dialog->open();
}

void WaitlistPage::allocate() {
  const auto* r = m_->referrals->rowAt(table_->currentIndex().row());
  if (r == nullptr) return;
  auto* dialog = new AllocateDialog(api_, errors_, *r, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::finished, this, &WaitlistPage::refresh);
  dialog->open();
}

}  // namespace cft::clinician
