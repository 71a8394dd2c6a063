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
#include "clinician-client/table_models.h"

namespace cft::clinician {

struct WaitlistPage::Models {
  ReferralTableModel* referrals;
};

namespace {

// Collects a referral; the idempotency key makes a retried save harmless.
class ReferralDialog : public QDialog {
 public:
  ReferralDialog(client::ApiClient& api, QWidget* parent) : QDialog(parent), api_(api) {
    setObjectName("referralDialog");
    setWindowTitle(QStringLiteral("Add a referral"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    name_ = new QLineEdit;
    name_->setObjectName("referralNameEdit");
    email_ = new QLineEdit;
    email_->setObjectName("referralEmailEdit");
    source_ = new QLineEdit;
    source_->setObjectName("referralSourceEdit");
    source_->setPlaceholderText(QStringLiteral("GP, self-referral, team…"));
    screening_ = new QComboBox;
    screening_->setObjectName("screeningCombo");
    screening_->addItems({"Pending", "Suitable", "Unsuitable"});
    note_ = new QPlainTextEdit;
    note_->setObjectName("screeningNoteEdit");
    note_->setPlaceholderText(QStringLiteral("Screening notes (required when unsuitable)"));
    form->addRow(QStringLiteral("Name"), name_);
    form->addRow(QStringLiteral("E-mail address"), email_);
    form->addRow(QStringLiteral("Referred by"), source_);
    form->addRow(QStringLiteral("Screening"), screening_);
    form->addRow(QStringLiteral("Notes"), note_);
    layout->addLayout(form);
    error_ = client::makeErrorLabel();
    layout->addWidget(error_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    save_ = buttons->button(QDialogButtonBox::Save);
    save_->setObjectName("saveReferralButton");
    layout->addWidget(buttons);
    key_ = QUuid::createUuid().toString(QUuid::WithoutBraces);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(save_, &QPushButton::clicked, this, [this] {
      client::ErrorReporter::clear(error_);
      save_->setEnabled(false);
      request_ = api_.addReferral({name_->text().trimmed(), email_->text().trimmed(), source_->text().trimmed(),
                                   screening_->currentText(), note_->toPlainText().trimmed(), key_});
    });
    connect(&api_, &client::ApiClient::referralAdded, this, [this](int id, const client::ReferralInfo&) {
      if (id == request_) accept();
    });
    connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
      if (id != request_) return;
      save_->setEnabled(true);
      error_->setText(e.message);
      error_->setVisible(true);
    });
  }

 private:
  client::ApiClient& api_;
  QLineEdit* name_;
  QLineEdit* email_;
  QLineEdit* source_;
  QComboBox* screening_;
  QPlainTextEdit* note_;
  QLabel* error_;
  QPushButton* save_;
  QString key_;
  int request_ = 0;
};

// Chooses the cohort for one referral and allocates the place.
class AllocateDialog : public QDialog {
 public:
  AllocateDialog(client::ApiClient& api, const client::ReferralInfo& referral, QWidget* parent)
      : QDialog(parent), api_(api), referral_(referral) {
    setObjectName("allocateDialog");
    setWindowTitle(QStringLiteral("Offer %1 a place").arg(referral.name));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    cohort_ = new QComboBox;
    cohort_->setObjectName("allocateCohortCombo");
    override_ = new QCheckBox(QStringLiteral("Add as a late joiner even though the closed group has started"));
    override_->setObjectName("overrideClosedCheck");
    form->addRow(QStringLiteral("Cohort"), cohort_);
    form->addRow(QString(), override_);
    layout->addLayout(form);
    error_ = client::makeErrorLabel();
    layout->addWidget(error_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    ok_ = buttons->button(QDialogButtonBox::Ok);
    ok_->setText(QStringLiteral("Allocate"));
    ok_->setObjectName("allocateButton");
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(ok_, &QPushButton::clicked, this, [this] {
      client::ErrorReporter::clear(error_);
      ok_->setEnabled(false);
      request_ = api_.allocate(referral_.id, cohort_->currentData().toLongLong(), override_->isChecked());
    });
    connect(&api_, &client::ApiClient::cohortsListed, this, [this](int id, const QList<client::CohortInfo>& list) {
      if (id != cohortsRequest_) return;
      for (const auto& c : list) {
        if (c.status != QStringLiteral("Planned") && c.status != QStringLiteral("Running")) continue;
        cohort_->addItem(QStringLiteral("%1 (%2 of %3 places)").arg(c.name).arg(c.enrolled).arg(c.capacity), c.id);
      }
    });
    connect(&api_, &client::ApiClient::allocated, this, [this](int id, const client::ParticipantInfo&) {
      if (id == request_) accept();
    });
    connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
      if (id != request_ && id != cohortsRequest_) return;
      ok_->setEnabled(true);
      error_->setText(e.message);
      error_->setVisible(true);
    });
    cohortsRequest_ = api_.listCohorts();
  }

 private:
  client::ApiClient& api_;
  client::ReferralInfo referral_;
  QComboBox* cohort_;
  QCheckBox* override_;
  QLabel* error_;
  QPushButton* ok_;
  int request_ = 0;
  int cohortsRequest_ = 0;
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
  auto* dialog = new ReferralDialog(api_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::finished, this, &WaitlistPage::refresh);
  dialog->open();
}

void WaitlistPage::allocate() {
  const auto* r = m_->referrals->rowAt(table_->currentIndex().row());
  if (r == nullptr) return;
  auto* dialog = new AllocateDialog(api_, *r, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::finished, this, &WaitlistPage::refresh);
  dialog->open();
}

}  // namespace cft::clinician
