// The clinician's risk inbox, without widgets: the alerts of every cohort
// the caller reaches in the server's order (overdue first, then red, then
// amber, then acknowledged), the counts the window's badge shows, and
// acknowledging and resolving (a note required) from the list. Reads again
// every minute so the badge stays current. Owns its requests and table;
// owned by the inbox page (or a test). UI thread only.
#pragma once

#include <QItemSelectionModel>
#include <QObject>
#include <QTimer>

#include "client-shared/call.h"
#include "client-shared/list_table_model.h"
#include "client-shared/measure_types.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

using RiskAlertTableModel = client::ListTableModel<client::RiskAlertInfo>;

// "Red · overdue", "Amber", "Red · acknowledged": the tier always in words.
QString alertTierText(const client::RiskAlertInfo& a);

class RiskInboxModel : public QObject {
  Q_OBJECT

 public:
  explicit RiskInboxModel(client::ApiSession& session, QObject* parent = nullptr);

  // Columns: urgency, participant, group, questionnaire, reasons, raised, status.
  RiskAlertTableModel* alerts() const { return alerts_; }
  QItemSelectionModel* selection() const { return selection_; }
  const client::RiskAlertInfo* selectedAlert() const;
  void selectAlert(int row);
  int rowOf(qint64 alertId) const;
  const client::RiskAlertCountsInfo& counts() const { return counts_; }
  QString badgeText() const;
  bool isLoaded() const { return loaded_; }

  void setIncludeResolved(bool include);
  void refresh();
  // The selected alert's details, for the panel beside the list.
  QString selectedHtml() const;

  void acknowledge(qint64 alertId, const QString& note);
  // False, with `problem` set, when the note is empty (nothing is sent).
  bool resolve(qint64 alertId, const QString& note, QString* problem);

 signals:
  void loaded();
  void countsChanged(const cft::client::RiskAlertCountsInfo& counts);
  void failed(const cft::client::RpcError& error);
  void acknowledged(const cft::client::RiskAlertInfo& alert);
  void resolved(const cft::client::RiskAlertInfo& alert);
  // Acknowledge or resolve was refused.
  void actionFailed(const cft::client::RpcError& error);

 private:
  client::ApiSession& session_;
  RiskAlertTableModel* alerts_;
  QItemSelectionModel* selection_;
  client::RiskAlertCountsInfo counts_;
  bool includeResolved_ = false;
  bool loaded_ = false;
  client::Call load_;
  QTimer poll_;
};

}  // namespace cft::clinician
