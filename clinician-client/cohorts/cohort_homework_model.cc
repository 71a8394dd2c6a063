#include "clinician-client/cohorts/cohort_homework_model.h"

#include <QLocale>

#include "client-shared/api_session.h"
#include "client-shared/homework_api.h"
#include "client-shared/practice_log_text.h"
#include "client-shared/programme_api.h"

namespace cft::clinician {
namespace {

QString names(const QList<client::DigestPersonInfo>& people, bool withAttendance) {
  QStringList out;
  for (const client::DigestPersonInfo& p : people) {
    out << (withAttendance && p.attendance != client::Attendance::Unknown
                ? QStringLiteral("%1 (%2)").arg(p.name.toHtmlEscaped(), client::attendanceLabel(p.attendance).toLower())
                : p.name.toHtmlEscaped());
  }
  return out.join(QStringLiteral(", "));
}

QString day(const QDateTime& t) {
  return QLocale(QLocale::English).toString(t.toLocalTime(), QStringLiteral("ddd d MMM yyyy, HH:mm"));
}

}  // namespace

QString digestHtml(const client::FacilitatorDigest& d) {
  QString html = QStringLiteral("<h3>Before the session of %1</h3><p>Week %2: %3.</p>")
                     .arg(d.session.localDisplay.toHtmlEscaped())
                     .arg(d.session.week)
                     .arg(d.session.weekTitle.toHtmlEscaped());
  html += d.previousSession
              ? QStringLiteral("<p>Since the previous session (%1), up to %2.</p>")
                    .arg(d.previousSession->localDisplay.toHtmlEscaped(), day(d.until).toHtmlEscaped())
              : QStringLiteral("<p>This is the group's first session: there is no practice to look back on yet.</p>");

  // Risk first: an alert needs acting on before anything else here.
  html += QStringLiteral("<h4>Risk alerts since the last session</h4>");
  if (d.newAlerts.isEmpty()) {
    html += QStringLiteral("<p>None.</p>");
  } else {
    html += QStringLiteral("<ul>");
    for (const client::DigestAlertInfo& a : d.newAlerts) {
      html += QStringLiteral("<li><b>%1</b> — %2 alert on the %3 for %4 (%5)</li>")
                  .arg(a.name.toHtmlEscaped(), a.red ? QStringLiteral("red") : QStringLiteral("amber"),
                       a.instrument.toHtmlEscaped(), a.timePoint.toHtmlEscaped(), a.state);
    }
    html += QStringLiteral("</ul>");
  }
  if (!d.reliableChanges.isEmpty()) {
    html += QStringLiteral("<h4>Reliable changes since baseline</h4><ul>");
    for (const client::DigestChangeInfo& c : d.reliableChanges) {
      html += QStringLiteral("<li><b>%1</b> — %2 %3 %4: %5 at baseline, %6 at %7</li>")
                  .arg(c.name.toHtmlEscaped(), c.instrument.toHtmlEscaped(), c.scoreTitle.toHtmlEscaped().toLower(),
                       c.change, QString::number(c.baseline), QString::number(c.score), c.timePoint.toHtmlEscaped());
    }
    html += QStringLiteral("</ul>");
  }

  html += QStringLiteral("<h4>Worth a check-in</h4>");
  if (d.earlyWarnings.isEmpty()) {
    html += QStringLiteral("<p>No early warnings.</p>");
  } else {
    html += QStringLiteral("<ul>");
    for (const client::EarlyWarningInfo& w : d.earlyWarnings) {
      html += QStringLiteral("<li><b>%1</b> — %2: %3</li>")
                  .arg(w.name.toHtmlEscaped(), client::earlyWarningLabel(w.reason).toHtmlEscaped(),
                       w.explanation.toHtmlEscaped());
    }
    html += QStringLiteral("</ul>");
  }

  html += QStringLiteral("<h4>Practice since the last session</h4>");
  if (d.practised.isEmpty()) {
    html += QStringLiteral("<p>Nobody has logged practice in this time.</p>");
  } else {
    html += QStringLiteral(
        "<table border='1' cellspacing='0' cellpadding='4'><tr><th>Participant</th><th>Practices</th>"
        "<th>Minutes</th><th>Against the homework set</th></tr>");
    for (const client::DigestPracticeInfo& p : d.practised) {
      html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                  .arg(p.name.toHtmlEscaped())
                  .arg(p.logs)
                  .arg(p.minutes)
                  .arg(p.dose > 0 ? QStringLiteral("%1 of %2 (%3%)").arg(p.loggedAgainstDose).arg(p.dose).arg(p.percentOfDose)
                                  : QStringLiteral("no homework was set"));
    }
    html += QStringLiteral("</table>");
  }

  if (d.moduleWeek > 0) {
    html += QStringLiteral("<h4>Not opened the week %1 module yet</h4>").arg(d.moduleWeek);
    html += d.moduleNotOpened.isEmpty() ? QStringLiteral("<p>Everyone has opened it.</p>")
                                        : QStringLiteral("<p>%1</p>").arg(names(d.moduleNotOpened, false));
  }
  if (d.previousSession) {
    html += QStringLiteral("<h4>Missed the last session</h4>");
    html += d.missedLastSession.isEmpty() ? QStringLiteral("<p>Nobody.</p>")
                                          : QStringLiteral("<p>%1</p>").arg(names(d.missedLastSession, true));
  }
  return html;
}

CohortHomeworkModel::CohortHomeworkModel(client::ApiSession& session, QObject* parent)
    : QObject(parent),
      session_(session),
      adherence_(new AdherenceTableModel(this)),
      logs_(new CohortLogTableModel(
          {
              {QStringLiteral("When"), [](const client::PracticeLogInfo& l) { return client::practisedWhen(l); }},
              {QStringLiteral("Participant"), [](const client::PracticeLogInfo& l) { return l.participantName; }},
              {QStringLiteral("Practice"), [](const client::PracticeLogInfo& l) { return l.assignmentTitle; }},
              {QStringLiteral("Minutes"), [](const client::PracticeLogInfo& l) { return l.minutes; }},
              {QStringLiteral("Helpful"),
               [](const client::PracticeLogInfo& l) { return QStringLiteral("%1 of 10").arg(l.helpfulness); }},
              {QStringLiteral("Their words"),
               [](const client::PracticeLogInfo& l) {
                 return l.privateContentWithheld ? QStringLiteral("Kept private")
                        : l.shared              ? QStringLiteral("Shared")
                                                : QString();
               }},
              {QStringLiteral("Feedback"),
               [](const client::PracticeLogInfo& l) {
                 const auto n = l.feedback.size();
                 return n == 0 ? QString() : n == 1 ? QStringLiteral("1 comment") : QStringLiteral("%1 comments").arg(n);
               }},
          },
          this)),
      logSelection_(new QItemSelectionModel(logs_, this)) {
  connect(logSelection_, &QItemSelectionModel::currentRowChanged, this, [this] { emit changed(Part::Logs); });
}

CohortHomeworkModel::PartState& CohortHomeworkModel::state(Part part) {
  switch (part) {
    case Part::Adherence: return adherenceState_;
    case Part::Logs: return logsState_;
    case Part::Digest: break;
  }
  return digestState_;
}

const CohortHomeworkModel::PartState& CohortHomeworkModel::state(Part part) const {
  return const_cast<CohortHomeworkModel*>(this)->state(part);
}

void CohortHomeworkModel::setCohort(qint64 cohortId, qint64 templateId) {
  cohortId_ = cohortId;
  templateId_ = templateId;
  digestSession_ = 0;
  for (Part p : {Part::Adherence, Part::Logs, Part::Digest}) {
    PartState& s = state(p);
    s.call.cancel();
    s.loaded = false;
    s.problem.clear();
  }
  adherence_->setGrid({});
  logs_->setRows({});
  nextLogs_.clear();
  digest_.reset();
  for (Part p : {Part::Adherence, Part::Logs, Part::Digest}) emit changed(p);
  if (visible_) load(*visible_);
}

void CohortHomeworkModel::setVisiblePart(std::optional<Part> part) {
  visible_ = part;
  if (part && !state(*part).loaded && !state(*part).call.isRunning()) load(*part);
}

void CohortHomeworkModel::reload(Part part) { load(part); }

void CohortHomeworkModel::setDigestSession(qint64 sessionId) {
  if (sessionId == digestSession_) return;
  digestSession_ = sessionId;
  load(Part::Digest);
}

bool CohortHomeworkModel::isLoaded(Part part) const { return state(part).loaded; }

QString CohortHomeworkModel::status(Part part) const {
  const PartState& s = state(part);
  if (cohortId_ == 0) return QStringLiteral("Choose a cohort.");
  if (!s.problem.isEmpty()) return s.problem;
  if (!s.loaded) return QStringLiteral("Loading…");
  switch (part) {
    case Part::Adherence:
      if (adherence_->grid().weeks.isEmpty()) return QStringLiteral("No week has been released yet.");
      return QStringLiteral(
          "Each cell: the share of that week's practice dose logged, and the session's attendance. Darker means "
          "more of the dose; — means the person was not in the group that week. Hover or focus a cell for minutes "
          "and helpfulness.");
    case Part::Logs:
      return logs_->rows().isEmpty()
                 ? QStringLiteral("No practice has been logged yet.")
                 : QStringLiteral("%1 log%2, newest first. Participants' words show only where they shared them.")
                       .arg(logs_->rowCount())
                       .arg(logs_->rowCount() == 1 ? "" : "s");
    case Part::Digest: return QString();
  }
  return QString();
}

void CohortHomeworkModel::load(Part part) {
  if (cohortId_ == 0) return;
  PartState& s = state(part);
  s.call.cancel();
  const auto failedWith = [this, part](const client::RpcError& e) {
    state(part).problem = e.message;
    emit changed(part);
    emit failed(e);
  };
  switch (part) {
    case Part::Adherence:
      s.call = session_.homework().getAdherence(
          cohortId_, this,
          [this](const client::AdherenceGrid& grid) {
            adherence_->setGrid(grid);
            adherenceState_.loaded = true;
            adherenceState_.problem.clear();
            emit changed(Part::Adherence);
          },
          failedWith);
      break;
    case Part::Logs:
      loadKinds();
      loadLogs(QString());
      break;
    case Part::Digest:
      s.call = session_.homework().getFacilitatorDigest(
          cohortId_, digestSession_, this,
          [this](const client::FacilitatorDigest& d) {
            digest_ = d;
            digestState_.loaded = true;
            digestState_.problem.clear();
            emit changed(Part::Digest);
          },
          failedWith);
      break;
  }
  emit changed(part);
}

void CohortHomeworkModel::loadLogs(const QString& pageToken) {
  client::PracticeLogQuery query;
  query.cohortId = cohortId_;
  query.pageSize = kLogPageSize;
  query.pageToken = pageToken;
  logsState_.call.cancel();
  logsState_.call = session_.homework().listPracticeLogs(
      query, this,
      [this, more = !pageToken.isEmpty()](const client::PracticeLogPage& page) {
        const auto* before = selectedLog();
        const qint64 keep = before == nullptr ? 0 : before->id;
        QList<client::PracticeLogInfo> rows = more ? logs_->rows() : QList<client::PracticeLogInfo>();
        rows.append(page.logs);
        logs_->setRows(rows);
        nextLogs_ = page.nextPageToken;
        logsState_.loaded = true;
        logsState_.problem.clear();
        int row = rows.isEmpty() ? -1 : 0;
        for (int i = 0; i < rows.size(); ++i) {
          if (rows[i].id == keep) row = i;
        }
        if (row >= 0) selectLog(row);
        emit changed(Part::Logs);
      },
      [this](const client::RpcError& e) {
        logsState_.problem = e.message;
        emit changed(Part::Logs);
        emit failed(e);
      });
}

void CohortHomeworkModel::loadMoreLogs() {
  if (hasMoreLogs()) loadLogs(nextLogs_);
}

void CohortHomeworkModel::loadKinds() {
  if (templateId_ == 0 || kinds_.contains(templateId_) || kindsCall_.isRunning()) return;
  // Without the kinds a log's fields show by their keys: not worth an error.
  kindsCall_ = session_.programme().getPracticeKinds(
      templateId_, this,
      [this, id = templateId_](const QList<client::PracticeKindInfo>& kinds) {
        kinds_.insert(id, kinds);
        emit changed(Part::Logs);
      },
      nullptr);
}

void CohortHomeworkModel::selectLog(int row) {
  logSelection_->setCurrentIndex(logs_->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

const client::PracticeLogInfo* CohortHomeworkModel::selectedLog() const {
  return logs_->rowAt(logSelection_->currentIndex().row());
}

QString CohortHomeworkModel::selectedLogHtml() const {
  const client::PracticeLogInfo* log = selectedLog();
  if (log == nullptr) return QStringLiteral("<p>Choose a log to read it and give feedback.</p>");
  const client::PracticeKindInfo* kind = nullptr;
  const auto kinds = kinds_.constFind(templateId_);
  if (kinds != kinds_.constEnd()) {
    for (const client::PracticeKindInfo& k : *kinds) {
      if (k.key == log->kind) kind = &k;
    }
  }
  return client::practiceLogHtml(*log, kind, client::LogReader::Staff);
}

QString CohortHomeworkModel::digestHtml() const {
  if (!digest_) {
    const QString s = status(Part::Digest);
    return QStringLiteral("<p>%1</p>").arg((s.isEmpty() ? QStringLiteral("Loading…") : s).toHtmlEscaped());
  }
  return clinician::digestHtml(*digest_);
}

}  // namespace cft::clinician
