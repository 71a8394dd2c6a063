#include "participant-client/programme_page.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QFont>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"

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

ProgrammePage::ProgrammePage(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), api_(api), errors_(errors) {
  auto* layout = new QVBoxLayout(this);
  // The title on a line of its own, not wrapped: a word-wrapped rich-text
  // label whose text changes after layout can be given too little height.
  title_ = new QLabel;
  title_->setObjectName("programmeTitle");
  QFont big = title_->font();
  big.setPointSizeF(big.pointSizeF() * 1.4);
  big.setBold(true);
  title_->setFont(big);
  title_->setTextFormat(Qt::PlainText);
  title_->hide();
  layout->addWidget(title_);
  heading_ = new QLabel(QStringLiteral("Loading your programme…"));
  heading_->setObjectName("programmeHeading");
  heading_->setTextFormat(Qt::PlainText);
  heading_->setWordWrap(true);
  layout->addWidget(heading_);
  auto* bar = new QHBoxLayout;
  next_ = new QLabel;
  next_->setObjectName("nextSessionLabel");
  next_->setWordWrap(true);
  bar->addWidget(next_, 1);
  export_ = new QPushButton(QStringLiteral("Add the sessions to my calendar…"));
  export_->setObjectName("exportCalendarButton");
  bar->addWidget(export_);
  layout->addLayout(bar);
  auto* split = new QSplitter;
  weeks_ = new QListWidget;
  weeks_->setObjectName("weeksList");
  weeks_->setMaximumWidth(320);
  weeks_->setMinimumWidth(200);
  // Long week titles wrap instead of hiding behind a sideways scroll bar.
  weeks_->setWordWrap(true);
  weeks_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  content_ = new QTextBrowser;
  content_->setObjectName("weekContent");
  content_->setOpenExternalLinks(false);
  split->addWidget(weeks_);
  split->addWidget(content_);
  split->setStretchFactor(1, 3);
  layout->addWidget(split, 1);

  connect(weeks_, &QListWidget::currentRowChanged, this, &ProgrammePage::showWeek);
  connect(export_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save the calendar"),
                                                      QStringLiteral("my-group.ics"),
                                                      QStringLiteral("Calendar files (*.ics)"));
    if (!path.isEmpty()) exportCalendarTo(path);
  });
  connect(&api_, &client::ApiClient::myProgrammeLoaded, this, [this](int id, const client::MyProgrammeInfo& info) {
    if (id != request_) return;
    programme_ = info;
    render();
    emit loaded();
  });
  connect(&api_, &client::ApiClient::calendarExported, this, [this](int id, const client::CalendarFile& file) {
    if (id != exportRequest_) return;
    if (client::saveCalendar(file, exportPath_, errors_)) emit calendarSaved(exportPath_);
  });
  connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
    if (id == request_) {
      heading_->setText(e.message);
      errors_.report(e);
    } else if (id == exportRequest_) {
      errors_.report(e);
    }
  });
}

void ProgrammePage::refresh() { request_ = api_.getMyProgramme(); }

void ProgrammePage::render() {
  const client::MyProgrammeInfo& p = programme_;
  title_->setText(p.programmeTitle);
  title_->show();
  if (p.currentWeek == 0) {
    heading_->setText(QStringLiteral("%1 · Your group has not met yet. Week 1 opens at the first session.")
                          .arg(p.cohortName));
  } else {
    heading_->setText(QStringLiteral("%1 · Week %2 of %3").arg(p.cohortName).arg(p.currentWeek).arg(p.weekCount));
  }
  next_->setText(p.nextSession ? QStringLiteral("Next session: <b>%1</b>").arg(p.nextSession->localDisplay.toHtmlEscaped())
                               : QStringLiteral("There are no more sessions planned."));
  weeks_->clear();
  for (const client::WeekContent& w : p.weeks) {
    weeks_->addItem(QStringLiteral("Week %1 — %2%3").arg(w.number).arg(w.title).arg(w.catchUp ? " · catch-up" : ""));
  }
  if (!p.weeks.isEmpty()) {
    weeks_->setCurrentRow(static_cast<int>(p.weeks.size()) - 1);
  } else {
    content_->setHtml(QStringLiteral("<p>Each week's reading and practices appear here when its session begins.</p>"));
  }
}

void ProgrammePage::showWeek(int index) {
  if (index < 0 || index >= programme_.weeks.size()) return;
  content_->setHtml(weekHtml(programme_.weeks[index]));
}

void ProgrammePage::exportCalendarTo(const QString& path) {
  exportPath_ = path;
  exportRequest_ = api_.exportCalendar(0);
}

}  // namespace cft::participant
