#include "participant-client/homework/reminders_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTimeEdit>
#include <QVBoxLayout>
#include <algorithm>

namespace cft::participant {

RemindersDialog::RemindersDialog(const QList<QTime>& times, const QString& timeZone, QWidget* parent)
    : QDialog(parent) {
  setObjectName("remindersDialog");
  setWindowTitle(QStringLiteral("Practice reminders"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(
      QStringLiteral("Choose the times you would like a gentle reminder to practise (%1 time). No reminder comes "
                     "once the day's practice is logged, and none is saved up for later.")
          .arg(timeZone.isEmpty() ? QStringLiteral("your group's") : timeZone));
  intro->setObjectName("remindersIntro");
  intro->setWordWrap(true);
  layout->addWidget(intro);
  list_ = new QListWidget;
  list_->setObjectName("reminderTimesList");
  list_->setAccessibleName(QStringLiteral("Reminder times"));
  for (const QTime& t : times) list_->addItem(t.toString(QStringLiteral("HH:mm")));
  layout->addWidget(list_);
  auto* row = new QHBoxLayout;
  auto* label = new QLabel(QStringLiteral("Time"));
  time_ = new QTimeEdit(QTime(8, 0));
  time_->setObjectName("reminderTimeEdit");
  time_->setAccessibleName(QStringLiteral("Reminder time to add"));
  time_->setDisplayFormat(QStringLiteral("HH:mm"));
  label->setBuddy(time_);
  auto* add = new QPushButton(QStringLiteral("Add this time"));
  add->setObjectName("addReminderButton");
  add->setAccessibleName(add->text());
  add->setAutoDefault(false);
  auto* remove = new QPushButton(QStringLiteral("Remove the chosen time"));
  remove->setObjectName("removeReminderButton");
  remove->setAccessibleName(remove->text());
  remove->setAutoDefault(false);
  row->addWidget(label);
  row->addWidget(time_);
  row->addWidget(add);
  row->addStretch(1);
  row->addWidget(remove);
  layout->addLayout(row);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Save)->setObjectName("saveRemindersButton");
  buttons->button(QDialogButtonBox::Save)->setAccessibleName(QStringLiteral("Save the reminder times"));
  buttons->button(QDialogButtonBox::Cancel)->setObjectName("cancelRemindersButton");
  buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(QStringLiteral("Cancel"));
  layout->addWidget(buttons);
  connect(add, &QPushButton::clicked, this, &RemindersDialog::addTime);
  connect(remove, &QPushButton::clicked, this, &RemindersDialog::removeSelected);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

QList<QTime> RemindersDialog::times() const {
  QList<QTime> out;
  for (int i = 0; i < list_->count(); ++i) out.append(QTime::fromString(list_->item(i)->text(), QStringLiteral("HH:mm")));
  std::sort(out.begin(), out.end());
  return out;
}

void RemindersDialog::addTime() {
  const QString text = time_->time().toString(QStringLiteral("HH:mm"));
  if (!list_->findItems(text, Qt::MatchExactly).isEmpty()) return;
  list_->addItem(text);
  list_->sortItems();
}

void RemindersDialog::removeSelected() { delete list_->currentItem(); }

}  // namespace cft::participant
