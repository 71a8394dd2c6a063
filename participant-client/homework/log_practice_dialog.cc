#include "participant-client/homework/log_practice_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "participant-client/homework/homework_page_model.h"

namespace cft::participant {
namespace {

constexpr int kNoteLength = 2000;

// A spin box whose lowest value means "not given".
QSpinBox* ratingSpin(const char* name, int min, int max, const QString& notGiven, std::optional<int> value) {
  auto* s = new QSpinBox;
  s->setObjectName(name);
  s->setRange(min - 1, max);
  s->setSpecialValueText(notGiven);
  s->setValue(value.value_or(min - 1));
  return s;
}

std::optional<int> ratingOf(const QSpinBox* s) {
  if (s->value() == s->minimum()) return std::nullopt;
  return s->value();
}

QPlainTextEdit* textBox(const char* name, int lines) {
  auto* t = new QPlainTextEdit;
  t->setObjectName(name);
  t->setTabChangesFocus(true);
  t->setMinimumHeight(t->fontMetrics().lineSpacing() * lines + 12);
  return t;
}

const client::FieldValue* draftValue(const client::PracticeEntry& draft, const QString& key) {
  for (const client::FieldValue& v : draft.fields) {
    if (v.key == key) return &v;
  }
  return nullptr;
}

QString fieldPath(const QString& key) { return QStringLiteral("fields.") + key; }

}  // namespace

LogPracticeDialog::LogPracticeDialog(HomeworkPageModel& model, client::ErrorReporter& errors,
                                     const client::AssignmentInfo& assignment, const client::PracticeKindInfo* kind,
                                     const client::PracticeEntry& draft, QWidget* parent)
    : QDialog(parent), model_(model), errors_(errors), assignment_(assignment), kind_(kind) {
  setObjectName("logPracticeDialog");
  setWindowTitle(QStringLiteral("Log: %1").arg(assignment.title));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(QStringLiteral("Log this practice: %1. Keep it light: a few words are plenty.")
                               .arg(assignment.title));
  intro->setObjectName("logIntro");
  intro->setWordWrap(true);
  layout->addWidget(intro);

  auto* scroll = new QScrollArea;
  scroll->setObjectName("logFormScroll");
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* body = new QWidget;
  form_ = new QFormLayout(body);
  // Labels above their inputs: long questions stay whole at large text sizes.
  form_->setRowWrapPolicy(QFormLayout::WrapAllRows);

  const QDateTime now = model.nowLocal();
  date_ = new QDateEdit(draft.practisedOn.isValid() ? draft.practisedOn : now.date());
  date_->setObjectName("practisedOnEdit");
  date_->setCalendarPopup(true);
  date_->setDisplayFormat(QStringLiteral("ddd d MMM yyyy"));
  date_->setMaximumDate(now.date());
  if (model.mine().earliestPracticeDate.isValid()) date_->setMinimumDate(model.mine().earliestPracticeDate);
  addRow(QStringLiteral("practised_on"), QStringLiteral("Day"), QStringLiteral("Day"), date_);
  time_ = new QTimeEdit(draft.practisedAt.isValid() ? draft.practisedAt : now.time());
  time_->setObjectName("practisedAtEdit");
  time_->setDisplayFormat(QStringLiteral("HH:mm"));
  addRow(QStringLiteral("practised_at"), QStringLiteral("Time"), QStringLiteral("Time"), time_);
  minutes_ = new QSpinBox;
  minutes_->setObjectName("minutesSpin");
  minutes_->setRange(1, 180);
  minutes_->setSuffix(QStringLiteral(" min"));
  minutes_->setValue(draft.minutes > 0 ? draft.minutes : std::max(1, assignment.dose.minutes));
  addRow(QStringLiteral("minutes"), QStringLiteral("Minutes"), QStringLiteral("Minutes"), minutes_);

  if (kind != nullptr) {
    for (const client::PracticeFieldDef& def : kind->fields) {
      QWidget* w = makeInput(def, draft);
      if (w == nullptr) continue;
      kindInputs_.append({def, w});
      addRow(fieldPath(def.key), def.required ? def.label + QStringLiteral(" (required)") : def.label, def.label, w,
             def.help);
    }
  }

  const bool distressRequired = kind != nullptr && kind->distressRequired;
  const QString notGiven = distressRequired ? QStringLiteral("Choose 0 to 10") : QStringLiteral("Not given");
  const QString suffix = distressRequired ? QStringLiteral(" (required)") : QString();
  distressBefore_ = ratingSpin("distressBeforeSpin", 0, 10, notGiven, draft.distressBefore);
  addRow(QStringLiteral("distress_before"), QStringLiteral("Distress before (0 none, 10 the most)") + suffix,
         QStringLiteral("Distress before"), distressBefore_);
  distressAfter_ = ratingSpin("distressAfterSpin", 0, 10, notGiven, draft.distressAfter);
  addRow(QStringLiteral("distress_after"), QStringLiteral("Distress after (0 none, 10 the most)") + suffix,
         QStringLiteral("Distress after"), distressAfter_);
  helpfulness_ = ratingSpin("helpfulnessSpin", 0, 10, QStringLiteral("Choose 0 to 10"), draft.helpfulness);
  addRow(QStringLiteral("helpfulness"), QStringLiteral("How helpful was it? (0 not at all, 10 very; required)"),
         QStringLiteral("How helpful it was"), helpfulness_,
         QStringLiteral("If it did not help, say so: that is worth knowing too."));
  note_ = textBox("noteEdit", 3);
  note_->setPlainText(draft.note);
  addRow(QStringLiteral("note"), QStringLiteral("A note (optional)"), QStringLiteral("The note"), note_);

  // The choice and what it means, in one sentence, where it is made.
  shared_ = new QCheckBox(QStringLiteral("Share my words in this log with my facilitators"));
  shared_->setObjectName("shareCheck");
  shared_->setAccessibleName(shared_->text());
  shared_->setChecked(draft.shared);
  auto* privacy = new QLabel(QStringLiteral(
      "Your facilitators always see when you practised, for how long and your ratings, but they read "
      "what you write here only if you tick this box."));
  privacy->setObjectName("privacyExplanation");
  privacy->setWordWrap(true);
  shared_->setAccessibleDescription(privacy->text());
  form_->addRow(shared_);
  form_->addRow(privacy);
  fields_.add(QStringLiteral("shared"), shared_, QStringLiteral("Sharing"));
  inputs_.insert(QStringLiteral("shared"), shared_);

  scroll->setWidget(body);
  layout->addWidget(scroll, 1);
  status_ = new QLabel;
  status_->setObjectName("logStatus");
  status_->setWordWrap(true);
  status_->setVisible(false);
  layout->addWidget(status_);
  error_ = client::makeErrorLabel();
  layout->addWidget(error_);
  auto* buttons = new QDialogButtonBox;
  save_ = buttons->addButton(QStringLiteral("Save this log"), QDialogButtonBox::AcceptRole);
  save_->setObjectName("saveLogButton");
  save_->setAccessibleName(save_->text());
  save_->setDefault(true);
  QPushButton* cancel = buttons->addButton(QStringLiteral("Don't log it"), QDialogButtonBox::RejectRole);
  cancel->setObjectName("cancelLogButton");
  cancel->setAccessibleName(cancel->text());
  connect(save_, &QPushButton::clicked, this, &LogPracticeDialog::save);
  connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
  layout->addWidget(buttons);

  connect(&model_, &HomeworkPageModel::logDelivered, this,
          [this](const QString& key) { settled(key, true, false, nullptr); });
  connect(&model_, &HomeworkPageModel::logWaiting, this,
          [this](const QString& key) { settled(key, false, true, nullptr); });
  connect(&model_, &HomeworkPageModel::logRefused, this,
          [this](const QString& key, const client::RpcError& e) { settled(key, false, false, &e); });

  const int width = fontMetrics().averageCharWidth() * 72;
  resize(width, std::min(body->sizeHint().height() + 200, fontMetrics().height() * 40));
}

void LogPracticeDialog::addRow(const QString& field, const QString& caption, const QString& label, QWidget* input,
                               const QString& help) {
  auto* text = new QLabel(caption);
  text->setWordWrap(true);
  text->setBuddy(input);
  input->setAccessibleName(caption);
  QWidget* cell = input;
  if (!help.isEmpty()) {
    input->setAccessibleDescription(help);
    cell = new QWidget;
    auto* v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(input);
    auto* hint = new QLabel(help);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #555;"));
    v->addWidget(hint);
  }
  form_->addRow(text, cell);
  fields_.add(field, input, label);
  inputs_.insert(field, input);
}

QWidget* LogPracticeDialog::makeInput(const client::PracticeFieldDef& def, const client::PracticeEntry& draft) {
  const QByteArray name = QStringLiteral("field_%1").arg(def.key).toUtf8();
  const client::FieldValue* given = draftValue(draft, def.key);
  const QString choose = QStringLiteral("Choose…");
  switch (def.type) {
    case client::FieldType::Text: {
      auto* t = textBox(name.constData(), def.maxLength > 0 && def.maxLength <= 500 ? 2 : 4);
      if (given != nullptr) t->setPlainText(given->text);
      return t;
    }
    case client::FieldType::Number: {
      std::optional<int> value;
      if (given != nullptr) value = given->number;
      return ratingSpin(name.constData(), def.min, def.max,
                        def.required ? QStringLiteral("Choose %1 to %2").arg(def.min).arg(def.max)
                                     : QStringLiteral("Not given"),
                        value);
    }
    case client::FieldType::YesNo: {
      auto* c = new QComboBox;
      c->setObjectName(name);
      c->addItem(choose);
      c->addItem(QStringLiteral("Yes"), true);
      c->addItem(QStringLiteral("No"), false);
      if (given != nullptr) c->setCurrentIndex(given->yesNo ? 1 : 2);
      return c;
    }
    case client::FieldType::Choice: {
      auto* c = new QComboBox;
      c->setObjectName(name);
      c->addItem(choose);
      for (const client::FieldOption& o : def.options) {
        c->addItem(o.label, o.key);
        if (given != nullptr && given->choice == o.key) c->setCurrentIndex(c->count() - 1);
      }
      return c;
    }
    case client::FieldType::Step: {
      auto* c = new QComboBox;
      c->setObjectName(name);
      c->addItem(choose);
      for (const client::LadderStepInfo& s : assignment_.steps) {
        c->addItem(QStringLiteral("Step %1: %2 (%3 min)").arg(s.number).arg(s.description).arg(s.targetMinutes),
                   s.number);
        if (given != nullptr && given->number == s.number) c->setCurrentIndex(c->count() - 1);
      }
      return c;
    }
    case client::FieldType::Unknown: break;
  }
  return nullptr;
}

client::PracticeEntry LogPracticeDialog::entry() const {
  client::PracticeEntry e;
  e.assignmentId = assignment_.id;
  e.practisedOn = date_->date();
  e.practisedAt = QTime(time_->time().hour(), time_->time().minute());
  e.minutes = minutes_->value();
  e.distressBefore = ratingOf(distressBefore_);
  e.distressAfter = ratingOf(distressAfter_);
  e.helpfulness = ratingOf(helpfulness_);
  for (const FieldInput& in : kindInputs_) {
    const QString& key = in.def.key;
    switch (in.def.type) {
      case client::FieldType::Text: {
        const QString text = static_cast<QPlainTextEdit*>(in.widget)->toPlainText().trimmed();
        if (!text.isEmpty()) e.fields.append(client::FieldValue::ofText(key, text));
        break;
      }
      case client::FieldType::Number:
        if (auto v = ratingOf(static_cast<QSpinBox*>(in.widget))) e.fields.append(client::FieldValue::ofNumber(key, *v));
        break;
      case client::FieldType::YesNo: {
        const QVariant v = static_cast<QComboBox*>(in.widget)->currentData();
        if (v.isValid()) e.fields.append(client::FieldValue::ofYesNo(key, v.toBool()));
        break;
      }
      case client::FieldType::Choice: {
        const QVariant v = static_cast<QComboBox*>(in.widget)->currentData();
        if (v.isValid()) e.fields.append(client::FieldValue::ofChoice(key, v.toString()));
        break;
      }
      case client::FieldType::Step: {
        const QVariant v = static_cast<QComboBox*>(in.widget)->currentData();
        if (v.isValid()) e.fields.append(client::FieldValue::ofStep(key, v.toInt()));
        break;
      }
      case client::FieldType::Unknown: break;
    }
  }
  e.note = note_->toPlainText().trimmed();
  e.shared = shared_->isChecked();
  return e;
}

QList<client::FieldViolation> LogPracticeDialog::check() const {
  QList<client::FieldViolation> problems;
  const client::PracticeEntry e = entry();
  const auto has = [&e](const QString& key) {
    for (const client::FieldValue& v : e.fields) {
      if (v.key == key) return true;
    }
    return false;
  };
  for (const FieldInput& in : kindInputs_) {
    if (in.def.required && !has(in.def.key)) problems.append({fieldPath(in.def.key), QStringLiteral("is required")});
    if (in.def.type == client::FieldType::Text && in.def.maxLength > 0) {
      const qsizetype length = static_cast<QPlainTextEdit*>(in.widget)->toPlainText().trimmed().size();
      if (length > in.def.maxLength) {
        problems.append({fieldPath(in.def.key), QStringLiteral("is %1 characters long; at most %2 fit")
                                                    .arg(length)
                                                    .arg(in.def.maxLength)});
      }
    }
  }
  if (kind_ != nullptr && kind_->distressRequired) {
    if (!e.distressBefore) problems.append({QStringLiteral("distress_before"), QStringLiteral("is required")});
    if (!e.distressAfter) problems.append({QStringLiteral("distress_after"), QStringLiteral("is required")});
  }
  if (!e.helpfulness) problems.append({QStringLiteral("helpfulness"), QStringLiteral("is required")});
  if (e.note.size() > kNoteLength) {
    problems.append({QStringLiteral("note"), QStringLiteral("is %1 characters long; at most %2 fit")
                                                 .arg(e.note.size())
                                                 .arg(kNoteLength)});
  }
  return problems;
}

void LogPracticeDialog::save() {
  if (!pending_.isEmpty()) return;
  client::ErrorReporter::clear(error_, &fields_);
  const QList<client::FieldViolation> problems = check();
  if (!problems.isEmpty()) {
    // Told as the server would tell it, with this form's labels.
    errors_.report(client::makeRpcError(3, QString(), problems), error_, &fields_);
    return;
  }
  QString problem;
  const QString key = model_.submit(entry(), &problem);
  if (key.isEmpty()) {
    error_->setText(problem);
    error_->setVisible(true);
    return;
  }
  pending_ = key;
  save_->setEnabled(false);
  status_->setText(QStringLiteral("Saving…"));
  status_->setVisible(true);
}

void LogPracticeDialog::settled(const QString& key, bool delivered, bool waiting, const client::RpcError* error) {
  if (pending_.isEmpty() || key != pending_) return;
  pending_.clear();
  if (error == nullptr) {
    emit saved(waiting && !delivered);
    accept();
    return;
  }
  // The form still holds everything: the kept entry goes, and the
  // corrected log is sent anew with a key of its own.
  model_.withdrawRefused(key);
  save_->setEnabled(true);
  status_->setVisible(false);
  errors_.report(*error, error_, &fields_);
}

}  // namespace cft::participant
