// A dialog for one server call, shared by the clinician client's pages.
#pragma once

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>
#include <functional>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"

namespace cft::clinician {

// A dialog for one call: it says what will happen, collects what the call
// needs in its form, keeps its button disabled while the call runs, shows
// the server's plain sentence when the call fails, and closes once it succeeds.
class CallDialog : public QDialog {
 public:
  CallDialog(client::ApiClient& api, client::ErrorReporter& errors, const QString& name, const QString& title,
             const QString& explanation, QWidget* parent)
      : QDialog(parent), api_(api), errors_(errors) {
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
    layout->addWidget(buttons_);
    setMinimumWidth(460);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
      if (id == 0 || (id != request_ && !loading_.contains(id))) return;
      if (id == request_) request_ = 0;
      buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
      errors_.report(e, error_);
      // Room for the new line without squeezing the wrapped explanation.
      adjustSize();
    });
  }

  QFormLayout* form() const { return form_; }

  // A call that fills the form (a list to choose from): its failure shows
  // in the dialog like the action's.
  void loading(int requestId) { loading_.insert(requestId); }

  // A required reason, as the server asks for one.
  QPlainTextEdit* addReason(const QString& placeholder) {
    auto* reason = new QPlainTextEdit;
    reason->setObjectName("reasonEdit");
    reason->setPlaceholderText(placeholder);
    reason->setTabChangesFocus(true);
    reason->setFixedHeight(reason->fontMetrics().lineSpacing() * 4);
    form_->addRow(QStringLiteral("Reason"), reason);
    return reason;
  }

  // The button that sends: `send` makes the call and returns its request id;
  // `succeeded` is the ApiClient signal that answers it.
  template <typename... Args>
  void setAction(const char* buttonName, const QString& label, std::function<int()> send,
                 void (client::ApiClient::*succeeded)(int, Args...)) {
    QPushButton* ok = buttons_->button(QDialogButtonBox::Ok);
    ok->setObjectName(buttonName);
    ok->setText(label);
    connect(ok, &QPushButton::clicked, this, [this, ok, send = std::move(send)] {
      client::ErrorReporter::clear(error_);
      ok->setEnabled(false);
      request_ = send();
    });
    connect(&api_, succeeded, this, [this](int id, Args...) {
      if (id == request_) accept();
    });
  }

 private:
  client::ApiClient& api_;
  client::ErrorReporter& errors_;
  QFormLayout* form_;
  QLabel* error_;
  QDialogButtonBox* buttons_;
  int request_ = 0;
  QSet<int> loading_;
};

}  // namespace cft::clinician
