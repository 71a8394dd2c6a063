// The form for one practice log, built from the practice kind the server
// sent: a text box for each text field, a number in the field's range, yes
// or no, a choice of the field's options, or a step of the assignment's
// ladder; then distress before and after, how helpful it was, a note, and
// the private/shared choice explained in one sentence where it is made. It
// checks what it can before sending (required fields, lengths), hands the
// log to the page model's outbox, and closes once the server has it or it
// waits safely on this computer; a refusal marks the field the server named.
#pragma once

#include <QDialog>
#include <QHash>

#include "client-shared/field_marks.h"
#include "client-shared/homework_types.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimeEdit;

namespace cft::client {
class ErrorReporter;
}

namespace cft::participant {

class HomeworkPageModel;

class LogPracticeDialog : public QDialog {
  Q_OBJECT

 public:
  // `draft`: the values to start from (the minutes from the player, the
  // pacer's counts as fields). `kind` may be null: the common fields only.
  LogPracticeDialog(HomeworkPageModel& model, client::ErrorReporter& errors, const client::AssignmentInfo& assignment,
                    const client::PracticeKindInfo* kind, const client::PracticeEntry& draft, QWidget* parent = nullptr);

  // What the form holds now, without a key.
  client::PracticeEntry entry() const;
  // The input for a request field path ("minutes", "fields.situation").
  QWidget* input(const QString& field) const { return inputs_.value(field); }

 signals:
  // The server has the log (`waiting` false), or it waits on this computer
  // to be sent when the server can be reached (`waiting` true).
  void saved(bool waiting);

 private:
  struct FieldInput {
    client::PracticeFieldDef def;
    QWidget* widget = nullptr;
  };

  // `caption` above the input; `label` names it in sentences about it
  // ("Minutes must be ...").
  void addRow(const QString& field, const QString& caption, const QString& label, QWidget* input,
              const QString& help = {});
  QWidget* makeInput(const client::PracticeFieldDef& def, const client::PracticeEntry& draft);
  // The problems the server would name, found before sending.
  QList<client::FieldViolation> check() const;
  void save();
  void settled(const QString& key, bool delivered, bool waiting, const client::RpcError* error);

  HomeworkPageModel& model_;
  client::ErrorReporter& errors_;
  client::AssignmentInfo assignment_;
  const client::PracticeKindInfo* kind_;
  client::FieldMarks fields_;
  QHash<QString, QWidget*> inputs_;
  QList<FieldInput> kindInputs_;
  QFormLayout* form_;
  QDateEdit* date_;
  QTimeEdit* time_;
  QSpinBox* minutes_;
  QSpinBox* distressBefore_;
  QSpinBox* distressAfter_;
  QSpinBox* helpfulness_;
  QPlainTextEdit* note_;
  QCheckBox* shared_;
  QLabel* status_;
  QLabel* error_;
  QPushButton* save_;
  // The key of the log being sent, while this form waits to hear.
  QString pending_;
};

}  // namespace cft::participant
