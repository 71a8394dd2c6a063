#include "clinician-client/staff_page.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/staff_table_model.h"

namespace cft::clinician {
namespace {

// Collects the new colleague's details, sends them, and then shows the
// temporary password in place of the form.
class AddStaffDialog : public QDialog {
 public:
  AddStaffDialog(client::ApiClient& api, QWidget* parent) : QDialog(parent), api_(api) {
    setObjectName("addStaffDialog");
    setWindowTitle(QStringLiteral("Add a staff member"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    name_ = new QLineEdit;
    name_->setObjectName("staffNameEdit");
    email_ = new QLineEdit;
    email_->setObjectName("staffEmailEdit");
    role_ = new QComboBox;
    role_->setObjectName("staffRoleCombo");
    role_->addItem(QStringLiteral("Clinician"), static_cast<int>(client::UserRole::Clinician));
    role_->addItem(QStringLiteral("Administrator"), static_cast<int>(client::UserRole::Admin));
    form->addRow(QStringLiteral("Name"), name_);
    form->addRow(QStringLiteral("E-mail address"), email_);
    form->addRow(QStringLiteral("Role"), role_);
    layout->addLayout(form);
    error_ = client::makeErrorLabel();
    layout->addWidget(error_);
    result_ = new QLabel;
    result_->setObjectName("resultLabel");
    result_->setWordWrap(true);
    result_->setVisible(false);
    layout->addWidget(result_);
    temporary_ = new QLineEdit;
    temporary_->setObjectName("temporaryPasswordField");
    temporary_->setReadOnly(true);
    temporary_->setVisible(false);
    layout->addWidget(temporary_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Create account"));
    buttons_->button(QDialogButtonBox::Ok)->setObjectName("createStaffButton");
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
      if (done_) {
        accept();
        return;
      }
      client::ErrorReporter::clear(error_);
      buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
      request_ = api_.createStaffAccount(email_->text().trimmed(), name_->text().trimmed(),
                                         static_cast<client::UserRole>(role_->currentData().toInt()));
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&api_, &client::ApiClient::staffAccountCreated, this,
            [this](int id, const client::UserInfo& user, const QString& temporary) {
              if (id != request_) return;
              done_ = true;
              result_->setText(QStringLiteral(
                                   "%1 can now sign in as %2 with this temporary password. Give "
                                   "it to them in person or by phone; they choose their own "
                                   "password when they first sign in.")
                                   .arg(user.displayName.toHtmlEscaped(), user.email.toHtmlEscaped()));
              result_->setVisible(true);
              temporary_->setText(temporary);
              temporary_->setVisible(true);
              for (QWidget* w : std::initializer_list<QWidget*>{name_, email_, role_}) w->setEnabled(false);
              buttons_->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Done"));
              buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
              buttons_->button(QDialogButtonBox::Cancel)->setVisible(false);
            });
    connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
      if (id != request_) return;
      buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
      error_->setText(e.message);
      error_->setVisible(true);
    });
  }

 private:
  client::ApiClient& api_;
  QLineEdit* name_;
  QLineEdit* email_;
  QComboBox* role_;
  QLabel* error_;
  QLabel* result_;
  QLineEdit* temporary_;
  QDialogButtonBox* buttons_;
  int request_ = 0;
  bool done_ = false;
};

}  // namespace

StaffPage::StaffPage(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), api_(api), errors_(errors), model_(new StaffTableModel(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  summary_ = new QLabel(QStringLiteral("Loading staff…"));
  summary_->setObjectName("staffSummary");
  bar->addWidget(summary_, 1);
  add_ = new QPushButton(QStringLiteral("Add staff member…"));
  add_->setObjectName("addStaffButton");
  add_->setVisible(api_.currentUser().role == client::UserRole::Admin);
  bar->addWidget(add_);
  auto* refresh = new QPushButton(QStringLiteral("Refresh"));
  refresh->setObjectName("refreshStaffButton");
  bar->addWidget(refresh);
  layout->addLayout(bar);
  table_ = new QTableView;
  table_->setObjectName("staffTable");
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setVisible(false);
  layout->addWidget(table_);

  connect(add_, &QPushButton::clicked, this, &StaffPage::addStaffMember);
  connect(refresh, &QPushButton::clicked, this, &StaffPage::refresh);
  connect(&api_, &client::ApiClient::staffListed, this,
          [this](int id, const QList<client::UserInfo>& staff) {
            if (id != listRequest_) return;  // a newer request is on its way
            model_->setStaff(staff);
            table_->resizeColumnsToContents();
            summary_->setText(staff.size() == 1 ? QStringLiteral("1 staff member")
                                                : QStringLiteral("%1 staff members").arg(staff.size()));
          });
  connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
    if (id != listRequest_) return;
    summary_->setText(QStringLiteral("Staff could not be loaded."));
    errors_.report(e);
  });
}

void StaffPage::refresh() { listRequest_ = api_.listStaff(false); }

void StaffPage::addStaffMember() {
  // open(), not exec(): the window stays responsive to replies meanwhile.
  auto* dialog = new AddStaffDialog(api_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::finished, this, &StaffPage::refresh);
  dialog->open();
}

}  // namespace cft::clinician
