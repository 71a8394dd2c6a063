#include "participant-client/homework/homework_page_model.h"

#include <QLocale>
#include <QTimeZone>
#include <QUuid>

#include "client-shared/api_session.h"
#include "client-shared/clock.h"
#include "client-shared/homework_api.h"

namespace cft::participant {
namespace {

QString paragraphs(const QString& text) {
  QString html;
  for (const QString& para : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
    html += QStringLiteral("<p>%1</p>").arg(para.trimmed().toHtmlEscaped().replace('\n', QStringLiteral("<br>")));
  }
  return html;
}

QString doneLabel(const client::AssignmentProgress& p) {
  return QStringLiteral("%1 of %2 · %3%").arg(p.logged).arg(p.assignment.dose.timesPerWeek).arg(p.percentOfDose);
}

}  // namespace

QString practiceKey(const client::AssignmentInfo& a) {
  if (a.source == client::AssignmentSource::Programme && !a.practiceCode.isEmpty()) {
    return QStringLiteral("practice-") + a.practiceCode;
  }
  return QStringLiteral("assignment-%1").arg(a.id);
}

HomeworkPageModel::HomeworkPageModel(client::ApiSession& session, client::Clock& clock,
                                     std::unique_ptr<client::Outbox> outbox, QString outboxProblem, QObject* parent)
    : QObject(parent),
      session_(session),
      clock_(clock),
      outbox_(std::move(outbox)),
      outboxProblem_(std::move(outboxProblem)),
      assignments_(new AssignmentTableModel(
          {
              {QStringLiteral("Practice"), [](const client::AssignmentProgress& p) { return p.assignment.title; }},
              {QStringLiteral("Week"),
               [](const client::AssignmentProgress& p) {
                 return p.thisWeek ? QStringLiteral("Week %1 (this week)").arg(p.assignment.week)
                                   : QStringLiteral("Week %1").arg(p.assignment.week);
               }},
              {QStringLiteral("How much"),
               [](const client::AssignmentProgress& p) { return client::doseLabel(p.assignment.dose); }},
              {QStringLiteral("Done so far"), [](const client::AssignmentProgress& p) { return doneLabel(p); }},
          },
          this)),
      selection_(new QItemSelectionModel(assignments_, this)) {
  connect(selection_, &QItemSelectionModel::currentRowChanged, this, &HomeworkPageModel::selectionChanged);
  if (!outbox_) return;
  outbox_->setSender(QString::fromLatin1(kLogPracticeEntry),
                     [this](const client::Outbox::Entry& e, client::Outbox::Report report) { send(e, std::move(report)); });
  connect(outbox_.get(), &client::Outbox::waitingChanged, this, &HomeworkPageModel::waitingChanged);
  connect(outbox_.get(), &client::Outbox::delivered, this, [this](const QString&, const QString& key) {
    queuedToday_.remove(key);
    // Once the queue has drained the progress is read again, once.
    if (outbox_->waiting() == 0) refresh();
  });
  connect(outbox_.get(), &client::Outbox::refused, this, [this](const client::Outbox::Entry& e) {
    queuedToday_.remove(e.idempotencyKey);
    client::RpcError error = refusedErrors_.take(e.idempotencyKey);
    if (error.message.isEmpty()) error.message = e.refusal;
    emit refusalsChanged();
    emit logRefused(e.idempotencyKey, error);
  });
}

HomeworkPageModel::~HomeworkPageModel() = default;

void HomeworkPageModel::send(const client::Outbox::Entry& entry, client::Outbox::Report report) {
  const QString key = entry.idempotencyKey;
  session_.homework().logPractice(
      entry.payload, this,
      [this, key, report](const client::LoggedPractice& logged) {
        emit logDelivered(key, logged);
        report(client::Outbox::Outcome::Delivered, {});
      },
      [this, key, report](const client::RpcError& error) {
        outbox_->settleFailure(
            key, error, report, [this](const QString& k, const client::RpcError& e) { refusedErrors_.insert(k, e); },
            [this](const QString& k) { emit logWaiting(k); });
      });
}

void HomeworkPageModel::refresh() {
  load_.cancel();
  load_ = session_.homework().listMyAssignments(
      this,
      [this](const client::MyAssignments& mine) {
        const auto* before = selectedAssignment();
        const qint64 keep = before == nullptr ? 0 : before->assignment.id;
        mine_ = mine;
        loaded_ = true;
        problem_.clear();
        assignments_->setRows(mine.assignments);
        int row = mine.assignments.isEmpty() ? -1 : 0;
        for (int i = 0; i < mine.assignments.size(); ++i) {
          if (mine.assignments[i].assignment.id == keep) row = i;
        }
        if (row >= 0) selectAssignment(row);
        emit loaded();
        // The server answered: whatever waits can go now.
        flush();
      },
      [this](const client::RpcError& e) {
        if (!loaded_) problem_ = e.message;
        emit failed(e);
      });
}

void HomeworkPageModel::selectAssignment(int row) {
  selection_->setCurrentIndex(assignments_->index(row, 0),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

const client::AssignmentProgress* HomeworkPageModel::selectedAssignment() const {
  return assignments_->rowAt(selection_->currentIndex().row());
}

const client::PracticeKindInfo* HomeworkPageModel::kindOf(const client::AssignmentInfo& a) const {
  return a.kind.isEmpty() ? nullptr : mine_.kind(a.kind);
}

client::PracticeGuide HomeworkPageModel::guideOf(const client::AssignmentInfo& a) const {
  const client::PracticeKindInfo* kind = kindOf(a);
  return kind == nullptr ? client::PracticeGuide::None : kind->guide;
}

QString HomeworkPageModel::heading() const {
  if (!problem_.isEmpty()) return problem_;
  if (!loaded_) return QStringLiteral("Loading your practice…");
  if (mine_.currentWeek == 0) {
    return QStringLiteral("Your practice for each week appears here once the group has met for that week.");
  }
  return QStringLiteral("Week %1 · your practice this week. Do what you can; every practice counts, "
                        "and a missed day is not something to make up.")
      .arg(mine_.currentWeek);
}

QString HomeworkPageModel::selectedHtml() const {
  const client::AssignmentProgress* p = selectedAssignment();
  if (p == nullptr) return QStringLiteral("<p>Choose a practice to read about it and start it.</p>");
  const client::AssignmentInfo& a = p->assignment;
  QString html = QStringLiteral("<h3>%1</h3><p><i>%2 · week %3</i></p>")
                     .arg(a.title.toHtmlEscaped(), client::doseLabel(a.dose).toHtmlEscaped())
                     .arg(a.week);
  html += QStringLiteral("<p>Done so far: %1 of %2 (%3%), %4 minutes in all.</p>")
              .arg(p->logged)
              .arg(a.dose.timesPerWeek)
              .arg(p->percentOfDose)
              .arg(p->minutesLogged);
  html += paragraphs(a.instructions);
  if (!a.steps.isEmpty()) {
    html += QStringLiteral("<p><b>Your steps</b></p><ol>");
    for (const client::LadderStepInfo& s : a.steps) {
      html += QStringLiteral("<li>%1 (%2 minutes)</li>").arg(s.description.toHtmlEscaped()).arg(s.targetMinutes);
    }
    html += QStringLiteral("</ol>");
  }
  if (!a.caution.isEmpty()) {
    // Gentle guidance, not an alarm: a soft box, no warning colours.
    html += QStringLiteral("<p style='background:#f4f1ea; padding:6px'><b>Go gently:</b> %1</p>")
                .arg(a.caution.toHtmlEscaped());
  }
  return html;
}

QDateTime HomeworkPageModel::nowLocal() const {
  QTimeZone zone(mine_.timeZone.toUtf8());
  if (!zone.isValid()) zone = QTimeZone::systemTimeZone();
  return clock_.now().toTimeZone(zone);
}

client::PracticeEntry HomeworkPageModel::draft(const client::AssignmentInfo& a, int minutes) const {
  client::PracticeEntry e;
  e.assignmentId = a.id;
  const QDateTime now = nowLocal();
  e.practisedOn = now.date();
  e.practisedAt = QTime(now.time().hour(), now.time().minute());
  e.minutes = minutes > 0 ? minutes : a.dose.minutes;
  return e;
}

QString HomeworkPageModel::submit(client::PracticeEntry entry, QString* error) {
  if (!outbox_) {
    *error = outboxProblem_;
    return {};
  }
  entry.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
  QString title;
  for (const client::AssignmentProgress& p : mine_.assignments) {
    if (p.assignment.id == entry.assignmentId) title = p.assignment.title;
  }
  const QString label = QStringLiteral("%1, %2 min, %3 %4")
                            .arg(title.isEmpty() ? QStringLiteral("Practice") : title)
                            .arg(entry.minutes)
                            .arg(QLocale(QLocale::English).toString(entry.practisedOn, QStringLiteral("ddd d MMM")),
                                 entry.practisedAt.toString(QStringLiteral("HH:mm")));
  const QDate today = nowLocal().date();
  if (queuedDay_ != today) {
    queuedToday_.clear();
    queuedDay_ = today;
  }
  if (entry.practisedOn == today) queuedToday_.insert(entry.idempotencyKey, entry.assignmentId);
  if (!outbox_->add(QString::fromLatin1(kLogPracticeEntry), entry.idempotencyKey,
                    client::HomeworkApi::encodeLogPractice(entry), label, error)) {
    queuedToday_.remove(entry.idempotencyKey);
    *error = QStringLiteral("Your practice could not be saved on this computer: %1").arg(*error);
    return {};
  }
  return entry.idempotencyKey;
}

int HomeworkPageModel::waiting() const { return outbox_ ? outbox_->waiting() : 0; }

QString HomeworkPageModel::waitingLabel() const {
  const int n = waiting();
  return n == 0 ? QString() : QStringLiteral("Waiting to send (%1)").arg(n);
}

QList<client::Outbox::Entry> HomeworkPageModel::refusals() const {
  QList<client::Outbox::Entry> out;
  if (!outbox_) return out;
  for (const client::Outbox::Entry& e : outbox_->entries()) {
    if (!e.refusal.isEmpty()) out.append(e);
  }
  return out;
}

void HomeworkPageModel::discardRefusal(qint64 entryId) {
  if (!outbox_) return;
  outbox_->discard(entryId);
  emit refusalsChanged();
}

void HomeworkPageModel::withdrawRefused(const QString& key) {
  for (const client::Outbox::Entry& e : refusals()) {
    if (e.idempotencyKey == key) discardRefusal(e.id);
  }
}

QHash<qint64, int> HomeworkPageModel::queuedToday() const {
  QHash<qint64, int> out;
  if (queuedDay_ != nowLocal().date()) return out;
  for (auto it = queuedToday_.begin(); it != queuedToday_.end(); ++it) out[it.value()] += 1;
  return out;
}

void HomeworkPageModel::flush() {
  if (outbox_) outbox_->flush();
}

}  // namespace cft::participant
