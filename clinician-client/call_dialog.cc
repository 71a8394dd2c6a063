#include "clinician-client/call_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"

namespace cft::clinician {

CallDialog::CallDialog(client::ErrorReporter& errors, const QString& name, const QString& title,
                       const QString& explanation, QWidget* parent)
    : QDialog(parent), errors_(errors) {
  setObjectName(name);
  setWindowTitle(title);
  auto* layout = new QVBoxLayout(this);
  if (!explanation.isEmpty()) {
    auto* text = new QLabel(explanation);
    text->setObjectName("explanationLabel");
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    layout->addWidget(text);
  }
  form_ = new QFormLayout;
  layout->addLayout(form_);
  error_ = client::makeErrorLabel();
  layout->addWidget(error_);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  // "Cancel" would be ambiguous next to "Cancel session".
  buttons_->button(QDialogButtonBox::Cancel)->setText(QStringLiteral("Go back"));
  buttons_->button(QDialogButtonBox::Cancel)->setObjectName("goBackButton");
  layout->addWidget(buttons_);
  setMinimumWidth(460);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void CallDialog::addField(const QString& field, const QString& label, QWidget* input) {
  client::addField(form_, &fields_, field, label, input);
}

QPlainTextEdit* CallDialog::addReason(const QString& placeholder) {
  auto* reason = new QPlainTextEdit;
  reason->setObjectName("reasonEdit");
  reason->setPlaceholderText(placeholder);
  reason->setTabChangesFocus(true);
  reason->setFixedHeight(reason->fontMetrics().lineSpacing() * 4);
  addField(QStringLiteral("reason"), QStringLiteral("Reason"), reason);
  return reason;
}

void CallDialog::setAction(const char* buttonName, const QString& label, std::function<client::Call()> send) {
  QPushButton* ok = buttons_->button(QDialogButtonBox::Ok);
  ok->setObjectName(buttonName);
  ok->setText(label);
  connect(ok, &QPushButton::clicked, this, [this, ok, send = std::move(send)] {
    if (call_.isRunning()) return;
    client::ErrorReporter::clear(error_, &fields_);
    ok->setEnabled(false);
    call_ = send();
  });
}

client::Failed CallDialog::failed() {
  return [this](const client::RpcError& e) {
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
    errors_.report(e, error_, &fields_);
    // Room for the new line without squeezing the wrapped explanation.
    adjustSize();
  };
}

}  // namespace cft::clinician
