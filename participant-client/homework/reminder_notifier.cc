#include "participant-client/homework/reminder_notifier.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QSystemTrayIcon>

namespace cft::participant {

ReminderNotice::ReminderNotice(QWidget* parent) : QFrame(parent) {
  setObjectName("reminderNotice");
  setAccessibleName(QStringLiteral("Practice reminder"));
  setFrameShape(QFrame::StyledPanel);
  // Calm, not an alarm: the same soft blue as the other notes.
  setStyleSheet(QStringLiteral("#reminderNotice { background: #eef4fb; }"));
  auto* layout = new QHBoxLayout(this);
  text_ = new QLabel;
  text_->setObjectName("reminderText");
  text_->setWordWrap(true);
  layout->addWidget(text_, 1);
  auto* open = open_ = new QPushButton(QStringLiteral("Open my practice"));
  open->setObjectName("reminderOpenButton");
  open->setAccessibleName(open->text());
  auto* dismiss = new QPushButton(QStringLiteral("Dismiss"));
  dismiss->setObjectName("reminderDismissButton");
  dismiss->setAccessibleName(QStringLiteral("Dismiss the reminder"));
  layout->addWidget(open);
  layout->addWidget(dismiss);
  connect(open, &QPushButton::clicked, this, [this] {
    hide();
    emit openRequested();
  });
  connect(dismiss, &QPushButton::clicked, this, &QWidget::hide);
  hide();
}

void ReminderNotice::showMessage(const QString& message, bool questionnaire) {
  setAccessibleName(questionnaire ? QStringLiteral("Questionnaire reminder") : QStringLiteral("Practice reminder"));
  open_->setText(questionnaire ? QStringLiteral("Open my questionnaires") : QStringLiteral("Open my practice"));
  open_->setAccessibleName(open_->text());
  text_->setText(message);
  setAccessibleDescription(message);
  QFrame::show();
}

QString ReminderNotice::message() const { return text_->text(); }

ReminderNotifier::ReminderNotifier(bool trayAvailable, ReminderNotice* notice, QObject* parent)
    : QObject(parent), channel_(channelFor(trayAvailable)), notice_(notice) {
  if (notice_) connect(notice_, &ReminderNotice::openRequested, this, &ReminderNotifier::openRequested);
}

void ReminderNotifier::notify(const QString& message, bool questionnaire) {
  ++shown_;
  if (channel_ == Channel::Window) {
    if (notice_) notice_->showMessage(message, questionnaire);
    return;
  }
  if (tray_ == nullptr) {
    tray_ = new QSystemTrayIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation), this);
    tray_->setToolTip(QStringLiteral("CFT Groups"));
    connect(tray_, &QSystemTrayIcon::messageClicked, this, &ReminderNotifier::openRequested);
    connect(tray_, &QSystemTrayIcon::activated, this, &ReminderNotifier::openRequested);
    tray_->show();
  }
  tray_->showMessage(questionnaire ? QStringLiteral("Questionnaire reminder") : QStringLiteral("Practice reminder"),
                     message, QSystemTrayIcon::Information, 15000);
}

}  // namespace cft::participant
