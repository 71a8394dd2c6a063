#include "clinician-client/measures/risk_inbox_model.h"

#include <QLocale>

#include "client-shared/api_session.h"
#include "client-shared/measure_api.h"
#include "client-shared/measure_logic.h"

namespace cft::clinician {
namespace {

QString when(const QDateTime& t) {
  return t.isValid() ? QLocale(QLocale::English).toString(t.toLocalTime(), QStringLiteral("ddd d MMM yyyy, HH:mm"))
                     : QString();
}

}  // namespace

QString alertTierText(const client::RiskAlertInfo& a) {
  QString text = client::riskTierLabel(a.tier);
  if (a.overdue) text += QStringLiteral(" · overdue");
  return text;
}

RiskInboxModel::RiskInboxModel(client::ApiSession& session, QObject* parent)
    : QObject(parent),
      session_(session),
      alerts_(new RiskAlertTableModel(
          {
              {QStringLiteral("Urgency"), [](const client::RiskAlertInfo& a) { return alertTierText(a); }},
              {QStringLiteral("Participant"), [](const client::RiskAlertInfo& a) { return a.participantName; }},
              {QStringLiteral("Group"), [](const client::RiskAlertInfo& a) { return a.cohortName; }},
              {QStringLiteral("Questionnaire"),
               [](const client::RiskAlertInfo& a) {
                 return QStringLiteral("%1 · %2").arg(a.instrumentShortName, a.timePointLabel);
               }},
              {QStringLiteral("Why"), [](const client::RiskAlertInfo& a) { return a.reasons.join(QStringLiteral(" ")); }},
              {QStringLiteral("Raised"), [](const client::RiskAlertInfo& a) { return when(a.createdAt); }},
              {QStringLiteral("Status"), [](const client::RiskAlertInfo& a) { return client::riskAlertStatusLabel(a.status); }},
          },
          this)),
      selection_(new QItemSelectionModel(alerts_, this)) {
  poll_.setInterval(60 * 1000);
  connect(&poll_, &QTimer::timeout, this, &RiskInboxModel::refresh);
  poll_.start();
}

const client::RiskAlertInfo* RiskInboxModel::selectedAlert() const {
  return alerts_->rowAt(selection_->currentIndex().row());
}

void RiskInboxModel::selectAlert(int row) {
  selection_->setCurrentIndex(alerts_->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

int RiskInboxModel::rowOf(qint64 alertId) const {
  for (int r = 0; r < alerts_->rowCount(); ++r) {
    if (alerts_->rowAt(r)->id == alertId) return r;
  }
  return -1;
}

QString RiskInboxModel::badgeText() const { return client::riskBadgeText(counts_); }

void RiskInboxModel::setIncludeResolved(bool include) {
  includeResolved_ = include;
  refresh();
}

void RiskInboxModel::refresh() {
  load_.cancel();
  load_ = session_.measures().listRiskAlerts(
      0, includeResolved_, this,
      [this](const client::RiskAlertList& list) {
        const client::RiskAlertInfo* before = selectedAlert();
        const qint64 keep = before == nullptr ? 0 : before->id;
        alerts_->setRows(list.alerts);
        counts_ = list.counts;
        loaded_ = true;
        const int row = rowOf(keep);
        selectAlert(row >= 0 ? row : (list.alerts.isEmpty() ? -1 : 0));
        emit loaded();
        emit countsChanged(counts_);
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

QString RiskInboxModel::selectedHtml() const {
  const client::RiskAlertInfo* a = selectedAlert();
  if (a == nullptr) return QStringLiteral("<p>No alert selected.</p>");
  QString html = QStringLiteral("<h3>%1 alert: %2</h3>").arg(alertTierText(*a), a->participantName.toHtmlEscaped());
  html += QStringLiteral("<p>%1 · %2 · %3</p>")
              .arg(a->cohortName.toHtmlEscaped(), a->instrumentShortName.toHtmlEscaped(), a->timePointLabel.toHtmlEscaped());
  html += QStringLiteral("<ul>");
  for (const QString& r : a->reasons) html += QStringLiteral("<li>%1</li>").arg(r.toHtmlEscaped());
  html += QStringLiteral("</ul>");
  html += QStringLiteral("<p>Raised %1; to be acknowledged by %2.</p>").arg(when(a->createdAt), when(a->dueAt));
  if (a->tier == client::RiskTier::Red) {
    html += QStringLiteral("<p><b>Red:</b> same-day contact and a structured risk assessment.</p>");
  } else {
    html += QStringLiteral("<p><b>Amber:</b> review within one working day.</p>");
  }
  if (a->acknowledgedAt.isValid()) {
    html += QStringLiteral("<p>Acknowledged by %1, %2.%3</p>")
                .arg(a->acknowledgedByName.toHtmlEscaped(), when(a->acknowledgedAt),
                     a->acknowledgeNote.isEmpty() ? QString() : QStringLiteral(" “%1”").arg(a->acknowledgeNote.toHtmlEscaped()));
  }
  if (a->resolvedAt.isValid()) {
    html += QStringLiteral("<p>Resolved by %1, %2: “%3”</p>")
                .arg(a->resolvedByName.toHtmlEscaped(), when(a->resolvedAt), a->resolveNote.toHtmlEscaped());
  }
  return html;
}

void RiskInboxModel::acknowledge(qint64 alertId, const QString& note) {
  session_.measures().acknowledgeRiskAlert(
      alertId, note.trimmed(), this,
      [this](const client::RiskAlertInfo& a) {
        emit acknowledged(a);
        refresh();
      },
      [this](const client::RpcError& e) { emit actionFailed(e); });
}

bool RiskInboxModel::resolve(qint64 alertId, const QString& note, QString* problem) {
  if (note.trimmed().isEmpty()) {
    *problem = QStringLiteral("Say what was done before resolving the alert: a note is required.");
    return false;
  }
  session_.measures().resolveRiskAlert(
      alertId, note.trimmed(), this,
      [this](const client::RiskAlertInfo& a) {
        emit resolved(a);
        refresh();
      },
      [this](const client::RpcError& e) { emit actionFailed(e); });
  return true;
}

}  // namespace cft::clinician
