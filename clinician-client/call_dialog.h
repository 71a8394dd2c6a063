// A dialog for one server call, shared by the clinician client's pages: it
// says what will happen, collects what the call needs in its form, keeps its
// button disabled while the call runs, shows the server's plain sentence
// with the refused input marked when the call fails, and closes once it
// succeeds. The call answers the dialog itself (it is the call's caller), so
// an answer arriving after the dialog closed goes nowhere.
#pragma once

#include <QDialog>
#include <QStringList>
#include <functional>

#include "client-shared/call.h"
#include "client-shared/field_marks.h"

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;

namespace cft::client {
class ErrorReporter;
}

namespace cft::clinician {

class CallDialog : public QDialog {
  Q_OBJECT

 public:
  CallDialog(client::ErrorReporter& errors, const QString& name, const QString& title, const QString& explanation,
             QWidget* parent);

  QFormLayout* form() const { return form_; }
  client::FieldMarks& fields() { return fields_; }
  // A form row for the request field `field` (see FieldMarks).
  void addField(const QString& field, const QString& label, QWidget* input);
  // A required reason, as the server asks for one (request field "reason").
  QPlainTextEdit* addReason(const QString& placeholder);

  // The button that sends. `send` makes the call with this dialog as its
  // caller and succeeded()/failed() as its callbacks, and returns it.
  void setAction(const char* buttonName, const QString& label, std::function<client::Call()> send);

  // For `send`: closes the dialog once the call answers, after `then` has
  // seen the answer.
  auto succeeded() {
    return [this](const auto&...) { accept(); };
  }
  template <typename Then>
  auto succeeded(Then then) {
    return [this, then](const auto& answer) {
      then(answer);
      accept();
    };
  }
  // For `send`, and for calls that fill the form: shows the error here.
  client::Failed failed();

 signals:
  // The server's warnings about what was saved, for the page to pass on.
  void warned(const QStringList& warnings);

 private:
  client::ErrorReporter& errors_;
  client::FieldMarks fields_;
  QFormLayout* form_;
  QLabel* error_;
  QDialogButtonBox* buttons_;
  client::Call call_;
};

}  // namespace cft::clinician
