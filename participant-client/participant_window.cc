#include "participant-client/participant_window.h"

#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QVBoxLayout>

#include "client-shared/api_session.h"
#include "client-shared/clock.h"
#include "client-shared/error_reporter.h"
#include "client-shared/measure_cache.h"
#include "client-shared/outbox.h"
#include "client-shared/widgets.h"
#include "participant-client/homework/homework_page.h"
#include "participant-client/homework/homework_page_model.h"
#include "participant-client/homework/my_practice_model.h"
#include "participant-client/homework/my_practice_page.h"
#include "participant-client/homework/practice_settings.h"
#include "participant-client/homework/reminder_notifier.h"
#include "participant-client/homework/reminder_scheduler.h"
#include "participant-client/measures/measures_page.h"
#include "participant-client/measures/measures_page_model.h"
#include "participant-client/measures/my_progress_model.h"
#include "participant-client/measures/my_progress_page.h"
#include "participant-client/programme/programme_page.h"
#include "participant-client/programme/programme_page_model.h"

namespace cft::participant {

ParticipantWindow::ParticipantWindow(client::ApiSession& session, client::ErrorReporter& errors,
                                     const ParticipantEnvironment& environment, QWidget* parent)
    : QMainWindow(parent) {
  setObjectName("participantWindow");
  setWindowTitle(QStringLiteral("CFT Groups"));
  if (environment.clock == nullptr) ownClock_ = std::make_unique<client::SystemClock>();
  client::Clock& clock = environment.clock != nullptr ? *environment.clock : *ownClock_;
  settingsStore_ = environment.settingsFile.isEmpty()
                       ? std::make_unique<QSettings>()
                       : std::make_unique<QSettings>(environment.settingsFile, QSettings::IniFormat);
  const client::UserInfo& me = session.currentUser();
  settings_ = std::make_unique<PracticeSettings>(*settingsStore_, me.id);

  // The queue of logs is this person's own, in their data folder, so it
  // survives closing the program and is sent after their next sign-in.
  const QString dataDirectory = environment.dataDirectory.isEmpty()
                                    ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                    : environment.dataDirectory;
  QString outboxProblem;
  std::unique_ptr<client::Outbox> outbox = client::Outbox::open(dataDirectory, QString::number(me.id), &outboxProblem);
  if (!outbox) {
    outboxProblem = QStringLiteral("Practices cannot be logged on this computer just now: %1").arg(outboxProblem);
  }

  // Questionnaires queue in an outbox of their own, beside the definitions
  // and due list kept for answering offline.
  QString measuresProblem;
  std::unique_ptr<client::Outbox> measuresOutbox =
      client::Outbox::open(dataDirectory, QString::number(me.id) + QStringLiteral("-questionnaires"), &measuresProblem);
  std::unique_ptr<client::MeasureCache> measuresCache =
      measuresOutbox ? client::MeasureCache::open(dataDirectory, QString::number(me.id), &measuresProblem) : nullptr;
  if (!measuresOutbox || !measuresCache) {
    measuresOutbox.reset();
    measuresCache.reset();
    measuresProblem =
        QStringLiteral("Questionnaires cannot be answered on this computer just now: %1").arg(measuresProblem);
  }

  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  greeting_ = new QLabel(QStringLiteral("<h2>Welcome, %1</h2><p>%2</p>")
                             .arg(me.displayName.toHtmlEscaped(), me.organisationName.toHtmlEscaped()));
  greeting_->setObjectName("greetingLabel");
  greeting_->setWordWrap(true);
  layout->addWidget(greeting_);
  auto* privacy = new QLabel(QStringLiteral(
      "Only you and your group's facilitators can see your programme and your answers. "
      "Other members of the group never see them."));
  privacy->setObjectName("privacyLabel");
  privacy->setWordWrap(true);
  layout->addWidget(privacy);
  notice_ = new ReminderNotice;
  layout->addWidget(notice_);
  tabs_ = new QTabWidget;
  tabs_->setObjectName("participantTabs");
  tabs_->setAccessibleName(QStringLiteral("Sections"));
  programme_ = new ProgrammePage(session, errors);
  tabs_->addTab(programme_, QStringLiteral("My &programme"));
  homework_ = new HomeworkPage(session, errors, clock, *settings_, std::move(outbox), outboxProblem);
  tabs_->addTab(homework_, QStringLiteral("This &week's practice"));
  myPractice_ = new MyPracticePage(session, errors, clock);
  tabs_->addTab(myPractice_, QStringLiteral("My pr&actice"));
  measures_ = new MeasuresPage(session, errors, clock, std::move(measuresOutbox), std::move(measuresCache),
                               measuresProblem);
  tabs_->addTab(measures_, QStringLiteral("&Questionnaires"));
  myProgress_ = new MyProgressPage(session, errors);
  tabs_->addTab(myProgress_, QStringLiteral("My progre&ss"));
  layout->addWidget(tabs_, 1);
  setCentralWidget(central);
  statusBar()->setObjectName("statusBar");
  waiting_ = new QLabel;
  waiting_->setObjectName("waitingLabel");
  waiting_->setToolTip(QStringLiteral("Logs saved on this computer, to be sent when the server can be reached."));
  statusBar()->addPermanentWidget(waiting_);
  questionnairesWaiting_ = new QLabel;
  questionnairesWaiting_->setObjectName("questionnairesWaitingLabel");
  questionnairesWaiting_->setToolTip(
      QStringLiteral("Questionnaires answered on this computer, to be sent when the server can be reached."));
  statusBar()->addPermanentWidget(questionnairesWaiting_);

  scheduler_ = new ReminderScheduler(clock, this);
  scheduler_->setTimes(settings_->reminderTimes());
  notifier_ = new ReminderNotifier(environment.trayAvailable.value_or(QSystemTrayIcon::isSystemTrayAvailable()),
                                   notice_, this);
  connect(scheduler_, &ReminderScheduler::due, this, [this](const QString& message, bool questionnaire) {
    questionnaireReminder_ = questionnaire;
    notifier_->notify(message, questionnaire);
  });
  MeasuresPageModel* measures = measures_->pageModel();
  connect(measures, &MeasuresPageModel::loaded, this, [this, measures] {
    // The list without those answered here: once all are answered or
    // waiting to be sent, the chosen times remind of none.
    scheduler_->setQuestionnaires(measures->due()->rows());
  });
  connect(measures, &MeasuresPageModel::waitingChanged, this, &ParticipantWindow::updateWaiting);
  connect(measures, &MeasuresPageModel::responseDelivered, this, [this] { myProgress_->pageModel()->refresh(); });
  connect(notifier_, &ReminderNotifier::openRequested, this, [this] {
    tabs_->setCurrentWidget(questionnaireReminder_ ? static_cast<QWidget*>(measures_) : homework_);
    showNormal();
    raise();
    activateWindow();
  });
  connect(homework_, &HomeworkPage::reminderTimesChanged, this,
          [this] { scheduler_->setTimes(settings_->reminderTimes()); });

  HomeworkPageModel* homework = homework_->pageModel();
  connect(homework, &HomeworkPageModel::loaded, this, [this, homework] {
    scheduler_->setHomework(homework->mine(), homework->queuedToday());
    myPractice_->pageModel()->setKinds(homework->mine().kinds);
    // The first load of both runs side by side; after that the logs follow
    // the homework (a delivered log changes both).
    if (myPractice_->pageModel()->isLoaded()) myPractice_->pageModel()->refresh();
  });
  connect(homework, &HomeworkPageModel::waitingChanged, this, [this, homework] {
    updateWaiting();
    scheduler_->setHomework(homework->mine(), homework->queuedToday());
  });

  client::installAccountMenu(this, session, errors);
  resize(1040, 760);
  updateWaiting();
  programme_->pageModel()->refresh();
  homework->refresh();
  myPractice_->pageModel()->refresh();
  measures->refresh();
  myProgress_->pageModel()->refresh();
  // Logs left from an earlier run go as soon as they can.
  homework->flush();
  measures->flush();
}

ParticipantWindow::~ParticipantWindow() {
  // The pages and the scheduler use the clock and settings this window
  // owns: they go first.
  delete scheduler_;
  delete takeCentralWidget();
}

void ParticipantWindow::updateWaiting() {
  const QString text = homework_->pageModel()->waitingLabel();
  waiting_->setText(text);
  waiting_->setAccessibleName(text);
  waiting_->setVisible(!text.isEmpty());
  const QString questionnaires = measures_->pageModel()->waitingLabel();
  questionnairesWaiting_->setText(questionnaires);
  questionnairesWaiting_->setAccessibleName(questionnaires);
  questionnairesWaiting_->setVisible(!questionnaires.isEmpty());
}

}  // namespace cft::participant
