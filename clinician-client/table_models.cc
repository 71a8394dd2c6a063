#include "clinician-client/table_models.h"

#include <QLocale>
#include <QStringList>

namespace cft::clinician {
namespace {

// "Cancelled (Bank holiday)": the reason beside the status it explains.
QString withReason(const QString& status, const QString& reason) {
  return reason.isEmpty() ? status : QStringLiteral("%1 (%2)").arg(status, reason);
}

}  // namespace

QString weekdayName(int isoWeekday) {
  return isoWeekday >= 1 && isoWeekday <= 7 ? QLocale(QLocale::English).dayName(isoWeekday) : QString();
}

CohortTableModel* makeCohortModel(QObject* parent) {
  using C = client::CohortInfo;
  return new CohortTableModel(
      {
          {QStringLiteral("Name"), [](const C& c) { return c.name; }},
          {QStringLiteral("Status"), [](const C& c) { return withReason(client::cohortStatusLabel(c.status), c.cancelReason); }},
          {QStringLiteral("Meets"),
           [](const C& c) {
             return QStringLiteral("%1s %2 (%3)")
                 .arg(weekdayName(c.weekday), c.startTime.toString("HH:mm"), c.timeZone);
           }},
          {QStringLiteral("From"), [](const C& c) { return c.startDate.toString("d MMM yyyy"); }},
          {QStringLiteral("Places"), [](const C& c) { return QStringLiteral("%1 of %2").arg(c.enrolled).arg(c.capacity); }},
          {QStringLiteral("Facilitators"),
           [](const C& c) {
             QStringList names;
             for (const auto& f : c.facilitators) names << (f.lead ? f.name + QStringLiteral(" (lead)") : f.name);
             return names.join(", ");
           }},
      },
      parent);
}

SessionTableModel* makeSessionModel(QObject* parent) {
  using S = client::SessionInfo;
  return new SessionTableModel(
      {
          {QStringLiteral("Week"), [](const S& s) { return s.week; }},
          {QStringLiteral("Theme"), [](const S& s) { return s.weekTitle; }},
          {QStringLiteral("When"), [](const S& s) { return s.localDisplay; }},
          {QStringLiteral("Status"), [](const S& s) { return withReason(client::sessionStatusLabel(s.status), s.cancelReason); }},
          {QStringLiteral("Attendance"),
           [](const S& s) -> QVariant {
             if (s.present + s.late + s.absent + s.excused == 0) return QString();
             return QStringLiteral("%1 present, %2 late, %3 absent, %4 excused")
                 .arg(s.present).arg(s.late).arg(s.absent).arg(s.excused);
           }},
      },
      parent);
}

ParticipantTableModel* makeParticipantModel(QObject* parent) {
  using P = client::ParticipantInfo;
  return new ParticipantTableModel(
      {
          {QStringLiteral("Name"), [](const P& p) { return p.name; }},
          {QStringLiteral("Status"),
           [](const P& p) {
             const QString status = client::participantStatusLabel(p.status);
             return p.lateJoiner ? status + QStringLiteral(" (joined late)") : status;
           }},
          {QStringLiteral("Invite"), [](const P& p) { return client::inviteStateLabel(p.inviteState); }},
          {QStringLiteral("Joined"),
           [](const P& p) { return p.joinedAt.isValid() ? p.joinedAt.toLocalTime().toString("d MMM yyyy") : QString(); }},
          {QStringLiteral("E-mail address"), [](const P& p) { return p.email; }},
      },
      parent);
}

ReferralTableModel* makeReferralModel(QObject* parent) {
  using R = client::ReferralInfo;
  return new ReferralTableModel(
      {
          {QStringLiteral("Name"), [](const R& r) { return r.name; }},
          {QStringLiteral("Screening"), [](const R& r) { return client::screeningLabel(r.screening); }},
          {QStringLiteral("Place"), [](const R& r) { return r.allocated ? QStringLiteral("Allocated") : QStringLiteral("Waiting"); }},
          {QStringLiteral("Referred by"), [](const R& r) { return r.source; }},
          {QStringLiteral("Referred"), [](const R& r) { return r.createdAt.toLocalTime().toString("d MMM yyyy"); }},
          {QStringLiteral("E-mail address"), [](const R& r) { return r.email; }},
      },
      parent);
}

FacilitatorTableModel* makeFacilitatorModel(QObject* parent) {
  using F = client::FacilitatorInfo;
  return new FacilitatorTableModel(
      {
          {QStringLiteral("Name"), [](const F& f) { return f.name; }},
          {QStringLiteral("Role"), [](const F& f) { return client::facilitatorRoleLabel(f.lead); }},
          {QStringLiteral("E-mail address"), [](const F& f) { return f.email; }},
      },
      parent);
}

StaffTableModel* makeStaffModel(QObject* parent) {
  using U = client::UserInfo;
  return new StaffTableModel(
      {
          {QStringLiteral("Name"), [](const U& u) { return u.displayName; }},
          {QStringLiteral("E-mail address"), [](const U& u) { return u.email; }},
          {QStringLiteral("Role"), [](const U& u) { return client::roleLabel(u.role); }},
          {QStringLiteral("Status"),
           [](const U& u) {
             if (!u.active) return QStringLiteral("Disabled");
             return u.passwordChangeRequired ? QStringLiteral("Invited (temporary password)")
                                             : QStringLiteral("Active");
           }},
      },
      parent);
}

}  // namespace cft::clinician
