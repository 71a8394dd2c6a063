#include "clinician-client/cohorts/new_cohort_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QTimeEdit>
#include <QUuid>

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"
#include "client-shared/programme_api.h"
#include "clinician-client/table_models.h"

namespace cft::clinician {

NewCohortDialog::NewCohortDialog(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : CallDialog(errors, "newCohortDialog", QStringLiteral("Plan a new cohort"), QString(), parent) {
  auto* name = new QLineEdit;
  name->setObjectName("cohortNameEdit");
  auto* programme = new QComboBox;
  programme->setObjectName("templateCombo");
  auto* start = new QDateEdit(QDate::currentDate().addDays(14));
  start->setObjectName("startDateEdit");
  start->setCalendarPopup(true);
  start->setDisplayFormat("d MMMM yyyy");
  auto* weekday = new QComboBox;
  weekday->setObjectName("weekdayCombo");
  for (int d = 1; d <= 7; ++d) weekday->addItem(weekdayName(d), d);
  weekday->setCurrentIndex(1);
  auto* time = new QTimeEdit(QTime(18, 0));
  time->setObjectName("startTimeEdit");
  time->setDisplayFormat("HH:mm");
  auto* duration = new QSpinBox;
  duration->setObjectName("durationSpin");
  duration->setRange(0, 300);
  duration->setSingleStep(15);
  duration->setSpecialValueText(QStringLiteral("As the programme suggests"));
  auto* zone = new QComboBox;
  zone->setObjectName("timeZoneCombo");
  zone->setEditable(true);
  zone->addItems({"Europe/London", "Europe/Dublin", "America/New_York", "America/Chicago", "America/Los_Angeles",
                  "Australia/Sydney"});
  auto* capacity = new QSpinBox;
  capacity->setObjectName("capacitySpin");
  capacity->setRange(1, 20);
  capacity->setValue(12);
  auto* open = new QCheckBox(QStringLiteral("Open group (people may join part-way through)"));
  open->setObjectName("openGroupCheck");
  addField("name", QStringLiteral("Name"), name);
  addField("template_id", QStringLiteral("Programme"), programme);
  addField("start_date", QStringLiteral("First week starts"), start);
  addField("weekday", QStringLiteral("Meets on"), weekday);
  addField("local_start_time", QStringLiteral("At (local time)"), time);
  addField("duration_minutes", QStringLiteral("Session length (minutes)"), duration);
  addField("time_zone", QStringLiteral("Time zone"), zone);
  addField("capacity", QStringLiteral("Places"), capacity);
  form()->addRow(QString(), open);
  // One key per dialog: a second press after a lost answer is not planned twice.
  const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
  setAction("createCohortButton", QStringLiteral("Plan cohort"),
            [this, &session, name, programme, start, weekday, time, duration, zone, capacity, open, key] {
              client::NewCohortInput in;
              in.name = name->text().trimmed();
              in.templateId = programme->currentData().toLongLong();
              in.startDate = start->date();
              in.weekday = weekday->currentData().toInt();
              in.startTime = time->time();
              in.durationMinutes = duration->value();
              in.timeZone = zone->currentText().trimmed();
              in.capacity = capacity->value();
              in.openGroup = open->isChecked();
              in.idempotencyKey = key;
              return session.cohorts().createCohort(
                  in, this, succeeded([this](const client::CohortSaved& saved) { emit warned(saved.warnings); }),
                  failed());
            });
  session.programme().listTemplates(
      this,
      [programme](const QList<client::TemplateInfo>& list) {
        for (const auto& t : list) {
          programme->addItem(QStringLiteral("%1 (v%2, %3 weeks)").arg(t.title).arg(t.version).arg(t.weekCount), t.id);
        }
      },
      failed());
}

}  // namespace cft::clinician
