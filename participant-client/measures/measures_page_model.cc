#include "participant-client/measures/measures_page_model.h"

#include "client-shared/api_session.h"
#include "client-shared/clock.h"
#include "client-shared/measure_api.h"
#include "client-shared/measure_cache.h"
#include "participant-client/homework/reminder_scheduler.h"

namespace cft::participant {
namespace {

const QString kDueKind = QStringLiteral("due");
const QString kInstrumentKind = QStringLiteral("instrument");
// Answered here, not yet delivered: instrument and time point by outbox key.
const QString kQueuedKind = QStringLiteral("queued");

QString versionKey(const QString& key, int version) { return QStringLiteral("%1/%2").arg(key).arg(version); }

}  // namespace

MeasuresPageModel::MeasuresPageModel(client::ApiSession& session, client::Clock& clock,
                                     std::unique_ptr<client::Outbox> outbox,
                                     std::unique_ptr<client::MeasureCache> cache, QString problem, QObject* parent)
    : QObject(parent),
      session_(session),
      clock_(clock),
      outbox_(std::move(outbox)),
      cache_(std::move(cache)),
      problem_(std::move(problem)),
      due_(new DueTableModel(
          {
              {QStringLiteral("Questionnaire"),
               [](const client::DueMeasureInfo& m) { return QStringLiteral("%1 (%2)").arg(m.shortName, m.title); }},
              {QStringLiteral("Time point"), [](const client::DueMeasureInfo& m) { return m.timePointLabel; }},
              {QStringLiteral("Due"), [](const client::DueMeasureInfo& m) { return m.dueLocal; }},
              {QStringLiteral("Status"), [](const client::DueMeasureInfo& m) { return client::dueStatusLabel(m.status); }},
          },
          this)),
      selection_(new QItemSelectionModel(due_, this)) {
  if (!outbox_) return;
  outbox_->setSender(QString::fromLatin1(kSubmitResponseEntry),
                     [this](const client::Outbox::Entry& e, client::Outbox::Report report) { send(e, std::move(report)); });
  connect(outbox_.get(), &client::Outbox::waitingChanged, this, &MeasuresPageModel::waitingChanged);
  connect(outbox_.get(), &client::Outbox::refused, this, [this](const client::Outbox::Entry& e) {
    client::RpcError error = refusedErrors_.take(e.idempotencyKey);
    if (error.message.isEmpty()) error.message = e.refusal;
    emit responseRefused(e.idempotencyKey, error);
  });
}

MeasuresPageModel::~MeasuresPageModel() = default;

QString MeasuresPageModel::slot(const QString& instrumentKey, const QString& timePointKey) {
  return instrumentKey + QLatin1Char('|') + timePointKey;
}

void MeasuresPageModel::send(const client::Outbox::Entry& entry, client::Outbox::Report report) {
  const QString key = entry.idempotencyKey;
  session_.measures().submitResponse(
      entry.payload, this,
      [this, key, report](const client::SubmittedResponse& submitted) {
        emit responseDelivered(key, submitted);
        report(client::Outbox::Outcome::Delivered, {});
        if (outbox_->waiting() == 0) refresh();
      },
      [this, key, report](const client::RpcError& error) {
        outbox_->settleFailure(
            key, error, report, [this](const QString& k, const client::RpcError& e) { refusedErrors_.insert(k, e); },
            [this](const QString& k) { emit responseWaiting(k); });
      });
}

void MeasuresPageModel::refresh() {
  load_.cancel();
  load_ = session_.measures().listDueMeasures(
      this,
      [this](const client::DueMeasures& due) {
        if (cache_) cache_->put(kDueKind, QStringLiteral("current"), due.encoded);
        fromCache_ = false;
        loadProblem_.clear();
        show(due.measures);
        fetchInstruments();
        flush();
      },
      [this](const client::RpcError& e) {
        // Unreachable: the list kept from the last answer, if there is one.
        const std::optional<QByteArray> kept =
            cache_ && e.kind == client::RpcError::Kind::Unreachable ? cache_->get(kDueKind, QStringLiteral("current")) : std::nullopt;
        const auto measures = kept ? client::MeasureApi::decodeDueMeasures(*kept) : std::nullopt;
        if (measures) {
          fromCache_ = true;
          loadProblem_.clear();
          show(*measures);
        } else if (!loaded_) {
          loadProblem_ = e.message;
        }
        emit failed(e);
      });
}

void MeasuresPageModel::show(const QList<client::DueMeasureInfo>& measures) {
  all_ = measures;
  // Those answered here and waiting to be sent are done as far as the
  // participant is concerned.
  QSet<QString> answered;
  if (outbox_ && cache_) {
    for (const client::Outbox::Entry& e : outbox_->entries()) {
      if (auto s = cache_->get(kQueuedKind, e.idempotencyKey)) answered.insert(QString::fromUtf8(*s));
    }
  }
  QList<client::DueMeasureInfo> rows;
  const QDateTime now = clock_.now();
  for (const client::DueMeasureInfo& m : measures) {
    if (answered.contains(slot(m.instrumentKey, m.timePointKey))) continue;
    // A kept list may hold ones that have closed since.
    if (m.closesAt.isValid() && m.closesAt <= now) continue;
    rows.append(m);
  }
  due_->setRows(rows);
  loaded_ = true;
  if (!rows.isEmpty()) selectDue(0);
  emit loaded();
}

void MeasuresPageModel::fetchInstruments() {
  QSet<QString> asked;
  for (const client::DueMeasureInfo& m : all_) {
    const QString vk = versionKey(m.instrumentKey, m.instrumentVersion);
    if (asked.contains(vk) || instruments_.contains(vk)) continue;
    asked.insert(vk);
    const QString instrumentKey = m.instrumentKey;
    session_.measures().getInstrument(
        m.instrumentKey, m.instrumentVersion, this,
        [this, vk, instrumentKey](const client::FetchedInstrument& f) {
          instruments_.insert(vk, f.instrument);
          if (cache_) cache_->put(kInstrumentKind, vk, f.encoded);
          emit instrumentReady(instrumentKey);
        },
        [this](const client::RpcError& e) { emit failed(e); });
  }
}

const client::DueMeasureInfo* MeasuresPageModel::selectedDue() const {
  return due_->rowAt(selection_->currentIndex().row());
}

void MeasuresPageModel::selectDue(int row) {
  selection_->setCurrentIndex(due_->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QString MeasuresPageModel::heading() const {
  if (!loadProblem_.isEmpty()) return loadProblem_;
  if (!loaded_) return QStringLiteral("Looking for questionnaires…");
  const int n = due_->rowCount();
  QString text = n == 0 ? QStringLiteral("No questionnaires are due just now.")
                 : n == 1 ? QStringLiteral("1 questionnaire to fill in.")
                          : QStringLiteral("%1 questionnaires to fill in.").arg(n);
  if (fromCache_) {
    text += QStringLiteral(" The server cannot be reached: this is the list kept on this computer, and answers "
                           "are sent when it can be reached again.");
  }
  return text;
}

QString MeasuresPageModel::reminderMessage() const {
  // The same words and the same idea of "open" as the reminders at the
  // participant's chosen times.
  return ReminderScheduler::questionnaireMessage(ReminderScheduler::questionnairesOpen(due_->rows(), clock_.now()));
}

std::optional<client::InstrumentInfo> MeasuresPageModel::instrumentFor(const client::DueMeasureInfo& due) const {
  const QString vk = versionKey(due.instrumentKey, due.instrumentVersion);
  if (auto it = instruments_.find(vk); it != instruments_.end()) return *it;
  if (!cache_) return std::nullopt;
  const std::optional<QByteArray> kept = cache_->get(kInstrumentKind, vk);
  return kept ? client::MeasureApi::decodeInstrument(*kept) : std::nullopt;
}

QString MeasuresPageModel::submit(const client::QuestionnaireAnswers& answers, const QString& label, QString* error) {
  if (!outbox_ || !cache_) {
    *error = problem_;
    return {};
  }
  const QString key = answers.idempotencyKey;
  // Recorded first: should the program stop between the two writes, a
  // marker without an entry only hides nothing.
  if (!cache_->put(kQueuedKind, key, slot(answers.instrumentKey, answers.timePointKey).toUtf8(), error) ||
      !outbox_->add(QString::fromLatin1(kSubmitResponseEntry), key, client::MeasureApi::encodeSubmitResponse(answers),
                    label, error)) {
    *error = QStringLiteral("Your answers could not be saved on this computer: %1").arg(*error);
    return {};
  }
  show(all_);
  return key;
}

int MeasuresPageModel::waiting() const { return outbox_ ? outbox_->waiting() : 0; }

QString MeasuresPageModel::waitingLabel() const {
  const int n = waiting();
  return n == 0 ? QString() : QStringLiteral("Questionnaires waiting to send (%1)").arg(n);
}

void MeasuresPageModel::flush() {
  if (outbox_) outbox_->flush();
}

}  // namespace cft::participant
