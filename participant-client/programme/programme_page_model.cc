#include "participant-client/programme/programme_page_model.h"

#include "client-shared/api_session.h"
#include "client-shared/calendar_api.h"
#include "client-shared/calendar_file.h"
#include "client-shared/homework_api.h"

namespace cft::participant {
namespace {

QString dose(const client::PracticeInfo& p) {
  const QString times = p.timesPerWeek == 7    ? QStringLiteral("every day")
                        : p.timesPerWeek == 14 ? QStringLiteral("twice a day")
                        : p.timesPerWeek == 1  ? QStringLiteral("once this week")
                                               : QStringLiteral("%1 times a week").arg(p.timesPerWeek);
  return QStringLiteral("About %1 minutes, %2").arg(p.minutes).arg(times);
}

QString paragraphs(const QString& text) {
  QString html;
  for (const QString& para : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
    html += QStringLiteral("<p>%1</p>").arg(para.trimmed().toHtmlEscaped().replace('\n', QStringLiteral("<br>")));
  }
  return html;
}

}  // namespace

QString weekHtml(const client::WeekContent& week) {
  QString html = QStringLiteral("<h2>Week %1: %2</h2>").arg(week.number).arg(week.title.toHtmlEscaped());
  if (week.catchUp) {
    html += QStringLiteral(
        "<p style='background:#eef4fb; padding:6px'>You missed this week's session. Take your time with this "
        "week at home; your facilitators know, and you can talk about it with them.</p>");
  }
  html += paragraphs(week.moduleText);
  if (!week.practices.isEmpty()) html += QStringLiteral("<h3>To practise this week</h3>");
  for (const client::PracticeInfo& p : week.practices) {
    html += QStringLiteral("<h4>%1</h4><p><i>%2</i></p>").arg(p.title.toHtmlEscaped(), dose(p).toHtmlEscaped());
    html += paragraphs(p.instructions);
    if (!p.caution.isEmpty()) {
      // Gentle guidance, not an alarm: a soft box, no warning colours.
      html += QStringLiteral("<p style='background:#f4f1ea; padding:6px'><b>Go gently:</b> %1</p>")
                  .arg(p.caution.toHtmlEscaped());
    }
  }
  return html;
}

ProgrammePageModel::ProgrammePageModel(client::ApiSession& session, QObject* parent)
    : QObject(parent),
      session_(session),
      weeks_(new WeekListModel({{QStringLiteral("Week"),
                                 [](const client::WeekContent& w) {
                                   return QStringLiteral("Week %1 — %2%3")
                                       .arg(w.number)
                                       .arg(w.title, w.catchUp ? QStringLiteral(" · catch-up") : QString());
                                 }}},
                               this)),
      weekSelection_(new QItemSelectionModel(weeks_, this)) {
  connect(weekSelection_, &QItemSelectionModel::currentRowChanged, this, &ProgrammePageModel::weekChanged);
  connect(weekSelection_, &QItemSelectionModel::currentRowChanged, this, &ProgrammePageModel::reportOpened);
}

void ProgrammePageModel::reportOpened() {
  const client::WeekContent* week = weeks_->rowAt(weekSelection_->currentIndex().row());
  if (week == nullptr || opened_.contains(week->number)) return;
  opened_.insert(week->number);
  // The facilitators' digest says who has not opened the week's module.
  // Nothing for the participant to act on if this fails: it is tried again
  // the next time the program shows the week.
  session_.homework().recordModuleOpened(
      week->number, this, nullptr, [this, number = week->number](const client::RpcError&) { opened_.remove(number); });
}

void ProgrammePageModel::refresh() {
  load_.cancel();
  load_ = session_.calendar().getMyProgramme(
      this,
      [this](const client::MyProgrammeInfo& info) {
        programme_ = info;
        loaded_ = true;
        problem_.clear();
        weeks_->setRows(info.weeks);
        // The latest week released is the one to read now.
        if (!info.weeks.isEmpty()) selectWeek(static_cast<int>(info.weeks.size()) - 1);
        emit loaded();
      },
      [this](const client::RpcError& e) {
        problem_ = e.message;
        emit failed(e);
      });
}

void ProgrammePageModel::selectWeek(int row) {
  weekSelection_->setCurrentIndex(weeks_->index(row, 0),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QString ProgrammePageModel::title() const { return programme_.programmeTitle; }

QString ProgrammePageModel::heading() const {
  if (!problem_.isEmpty()) return problem_;
  if (!loaded_) return QStringLiteral("Loading your programme…");
  const client::MyProgrammeInfo& p = programme_;
  if (p.currentWeek == 0) {
    return QStringLiteral("%1 · Your group has not met yet. Week 1 opens at the first session.").arg(p.cohortName);
  }
  return QStringLiteral("%1 · Week %2 of %3").arg(p.cohortName).arg(p.currentWeek).arg(p.weekCount);
}

QString ProgrammePageModel::nextSession() const {
  if (!loaded_) return QString();
  return programme_.nextSession
             ? QStringLiteral("Next session: <b>%1</b>").arg(programme_.nextSession->localDisplay.toHtmlEscaped())
             : QStringLiteral("There are no more sessions planned.");
}

QString ProgrammePageModel::weekHtml() const {
  const client::WeekContent* week = weeks_->rowAt(weekSelection_->currentIndex().row());
  if (week == nullptr) {
    return QStringLiteral("<p>Each week's reading and practices appear here when its session begins.</p>");
  }
  return participant::weekHtml(*week);
}

void ProgrammePageModel::exportCalendar(const QString& path) {
  export_.cancel();
  export_ = session_.calendar().exportCalendar(
      0, this,
      [this, path](const client::CalendarFile& file) {
        QString problem;
        if (client::writeCalendarFile(file, path, &problem)) {
          emit calendarSaved(path);
        } else {
          emit failed(client::RpcError{.message = problem});
        }
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

}  // namespace cft::participant
