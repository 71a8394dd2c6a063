#include "participant-client/homework/homework_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/outbox.h"
#include "client-shared/widgets.h"
#include "participant-client/homework/caution_dialog.h"
#include "participant-client/homework/guided_practice.h"
#include "participant-client/homework/homework_page_model.h"
#include "participant-client/homework/log_practice_dialog.h"
#include "participant-client/homework/practice_player_dialog.h"
#include "participant-client/homework/practice_settings.h"
#include "participant-client/homework/reminders_dialog.h"

namespace cft::participant {
namespace {

QPushButton* button(const char* name, const QString& text) {
  auto* b = new QPushButton(text);
  b->setObjectName(name);
  b->setAccessibleName(text);
  return b;
}

}  // namespace

HomeworkPage::HomeworkPage(client::ApiSession& session, client::ErrorReporter& errors, client::Clock& clock,
                           PracticeSettings& settings, std::unique_ptr<client::Outbox> outbox,
                           const QString& outboxProblem, QWidget* parent)
    : QWidget(parent),
      errors_(errors),
      clock_(clock),
      settings_(settings),
      model_(new HomeworkPageModel(session, clock, std::move(outbox), outboxProblem, this)) {
  setObjectName("homeworkPage");
  auto* layout = new QVBoxLayout(this);
  heading_ = new QLabel(model_->heading());
  heading_->setObjectName("homeworkHeading");
  heading_->setWordWrap(true);
  layout->addWidget(heading_);
  if (!outboxProblem.isEmpty()) {
    auto* problem = client::makeErrorLabel();
    problem->setObjectName("outboxProblemLabel");
    problem->setText(outboxProblem);
    problem->setVisible(true);
    layout->addWidget(problem);
  }

  auto* split = new QSplitter;
  split->setChildrenCollapsible(false);
  table_ = client::makeTable("assignmentsTable", model_->assignments(), model_->selection());
  table_->setAccessibleName(QStringLiteral("Practices set for you"));
  table_->setWordWrap(true);
  split->addWidget(table_);
  auto* side = new QWidget;
  auto* sl = new QVBoxLayout(side);
  sl->setContentsMargins(0, 0, 0, 0);
  detail_ = new QTextBrowser;
  detail_->setObjectName("assignmentDetail");
  detail_->setAccessibleName(QStringLiteral("About the chosen practice"));
  sl->addWidget(detail_, 1);
  // One above the other, each as wide as its words: side by side they
  // were cut short in a narrow pane at large text sizes.
  auto* actions = new QVBoxLayout;
  start_ = button("startPracticeButton", QStringLiteral("Start the practice"));
  log_ = button("logPracticeButton", QStringLiteral("Log it without the guide…"));
  caution_ = button("cautionButton", QStringLiteral("Read the caution"));
  actions->addWidget(start_, 0, Qt::AlignLeft);
  actions->addWidget(log_, 0, Qt::AlignLeft);
  actions->addWidget(caution_, 0, Qt::AlignLeft);
  sl->addLayout(actions);
  split->addWidget(side);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);

  status_ = new QLabel;
  status_->setObjectName("homeworkStatus");
  status_->setWordWrap(true);
  status_->setVisible(false);
  layout->addWidget(status_);

  refusedLabel_ = new QLabel(QStringLiteral(
      "The server could not take these logs as they were. Its reason is beside each; log the practice again "
      "if you want to, then dismiss it here."));
  refusedLabel_->setObjectName("refusedLabel");
  refusedLabel_->setWordWrap(true);
  layout->addWidget(refusedLabel_);
  auto* refusedRow = new QHBoxLayout;
  refused_ = new QListWidget;
  refused_->setObjectName("refusedList");
  refused_->setAccessibleName(QStringLiteral("Logs the server refused"));
  refused_->setWordWrap(true);
  refused_->setMaximumHeight(fontMetrics().lineSpacing() * 6);
  refusedRow->addWidget(refused_, 1);
  dismiss_ = button("dismissRefusedButton", QStringLiteral("Dismiss"));
  refusedRow->addWidget(dismiss_, 0, Qt::AlignTop);
  layout->addLayout(refusedRow);

  auto* bottom = new QHBoxLayout;
  bottom->addStretch(1);
  auto* reminders = button("remindersButton", QStringLiteral("Practice reminders…"));
  bottom->addWidget(reminders);
  layout->addLayout(bottom);

  connect(start_, &QPushButton::clicked, this, &HomeworkPage::startPractice);
  connect(log_, &QPushButton::clicked, this, &HomeworkPage::logWithoutGuide);
  connect(caution_, &QPushButton::clicked, this, &HomeworkPage::rereadCaution);
  connect(reminders, &QPushButton::clicked, this, &HomeworkPage::chooseReminders);
  connect(dismiss_, &QPushButton::clicked, this, [this] {
    if (auto* item = refused_->currentItem()) model_->discardRefusal(item->data(Qt::UserRole).toLongLong());
  });
  connect(table_, &QTableView::activated, this, &HomeworkPage::startPractice);
  connect(model_, &HomeworkPageModel::loaded, this, &HomeworkPage::render);
  connect(model_, &HomeworkPageModel::selectionChanged, this, &HomeworkPage::render);
  connect(model_, &HomeworkPageModel::refusalsChanged, this, &HomeworkPage::showRefusals);
  connect(model_, &HomeworkPageModel::failed, this, [this](const client::RpcError& e) {
    heading_->setText(model_->heading());
    errors_.report(e);
  });
  render();
  showRefusals();
}

void HomeworkPage::render() {
  heading_->setText(model_->heading());
  detail_->setHtml(model_->selectedHtml());
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
  const client::AssignmentProgress* p = model_->selectedAssignment();
  start_->setEnabled(p != nullptr && model_->canLog());
  log_->setEnabled(p != nullptr && model_->canLog());
  caution_->setVisible(p != nullptr && !p->assignment.caution.isEmpty());
  if (p == nullptr) return;
  const client::PracticeGuide guide = model_->guideOf(p->assignment);
  start_->setText(guide == client::PracticeGuide::BreathingPacer ? QStringLiteral("Start the breathing pacer")
                  : guide == client::PracticeGuide::Timer        ? QStringLiteral("Start the timer")
                                                                 : QStringLiteral("Log this practice…"));
  start_->setAccessibleName(start_->text());
  log_->setVisible(guide != client::PracticeGuide::None);
}

void HomeworkPage::showRefusals() {
  const QList<client::Outbox::Entry> refused = model_->refusals();
  refused_->clear();
  for (const client::Outbox::Entry& e : refused) {
    auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(e.label, e.refusal));
    item->setData(Qt::UserRole, e.id);
    refused_->addItem(item);
  }
  if (!refused.isEmpty()) refused_->setCurrentRow(0);
  refusedLabel_->setVisible(!refused.isEmpty());
  refused_->setVisible(!refused.isEmpty());
  dismiss_->setVisible(!refused.isEmpty());
}

void HomeworkPage::startPractice() {
  const client::AssignmentProgress* p = model_->selectedAssignment();
  if (p == nullptr || !model_->canLog()) return;
  const client::AssignmentInfo a = p->assignment;
  const QString key = practiceKey(a);
  if (a.caution.isEmpty() || settings_.cautionRead(key)) {
    openPlayer(a);
    return;
  }
  auto* dialog = new CautionDialog(a.title, a.caution, CautionDialog::Purpose::BeforeFirstUse, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, a, key] {
    settings_.setCautionRead(key);
    openPlayer(a);
  });
  dialog->open();
}

void HomeworkPage::logWithoutGuide() {
  const client::AssignmentProgress* p = model_->selectedAssignment();
  if (p == nullptr || !model_->canLog()) return;
  openLogForm(p->assignment, model_->draft(p->assignment, p->assignment.dose.minutes));
}

void HomeworkPage::rereadCaution() {
  const client::AssignmentProgress* p = model_->selectedAssignment();
  if (p == nullptr || p->assignment.caution.isEmpty()) return;
  auto* dialog = new CautionDialog(p->assignment.title, p->assignment.caution, CautionDialog::Purpose::Reread, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
}

void HomeworkPage::openPlayer(const client::AssignmentInfo& a) {
  const client::PracticeGuide guide = model_->guideOf(a);
  if (guide == client::PracticeGuide::None) {
    openLogForm(a, model_->draft(a, a.dose.minutes));
    return;
  }
  auto* player = new PracticePlayerDialog(a, guide, clock_, this);
  player->setAttribute(Qt::WA_DeleteOnClose);
  connect(player, &PracticePlayerDialog::practised, this, [this, a](int minutes, int in, int out) {
    client::PracticeEntry draft = model_->draft(a, minutes);
    const client::PracticeKindInfo* kind = model_->kindOf(a);
    // The pacer's counts, where the kind records them.
    if (in > 0 && kind != nullptr && kind->field(QStringLiteral("in_count")) != nullptr) {
      draft.fields.append(client::FieldValue::ofNumber(QStringLiteral("in_count"), in));
    }
    if (out > 0 && kind != nullptr && kind->field(QStringLiteral("out_count")) != nullptr) {
      draft.fields.append(client::FieldValue::ofNumber(QStringLiteral("out_count"), out));
    }
    openLogForm(a, draft);
  });
  player->open();
}

void HomeworkPage::openLogForm(const client::AssignmentInfo& a, const client::PracticeEntry& draft) {
  auto* form = new LogPracticeDialog(*model_, errors_, a, model_->kindOf(a), draft, this);
  form->setAttribute(Qt::WA_DeleteOnClose);
  connect(form, &LogPracticeDialog::saved, this, [this](bool waiting) {
    status_->setText(waiting ? QStringLiteral("Saved on this computer. It will be sent when the server can be "
                                              "reached; nothing is lost if you close the program.")
                             : QStringLiteral("Saved. Thank you for logging it."));
    status_->setVisible(true);
  });
  form->open();
}

void HomeworkPage::chooseReminders() {
  auto* dialog = new RemindersDialog(settings_.reminderTimes(), model_->mine().timeZone, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    settings_.setReminderTimes(dialog->times());
    emit reminderTimesChanged();
  });
  dialog->open();
}

}  // namespace cft::participant
