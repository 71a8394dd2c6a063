// The measured data, made through cftd's own RPCs so that it is exactly what
// real use produces: the clinicians (made by cftctl beforehand) sign in, plan
// their cohorts, take referrals, allocate places, issue invites and record the
// registers of the sessions already held; for homework, participants redeem
// their invites and read their assignments.
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cft/v1/calendar.pb.h"

namespace cft::bench {

struct MeasuredCohort {
  int64_t id = 0;
  // The lead facilitator's session token and account.
  std::string lead_token;
  int64_t lead_user_id = 0;
  // In week order.
  std::vector<int64_t> session_ids;
  std::vector<int64_t> enrolment_ids;
};

// A participant who logs practice: signed in through their redeemed invite,
// in a running group whose third week is the current one.
struct HomeworkParticipant {
  std::string token;
  int64_t user_id = 0;
  int64_t enrolment_id = 0;
  int64_t cohort_id = 0;
  // This week's soothing rhythm breathing, from ListMyAssignments.
  int64_t assignment_id = 0;
  int32_t dose_minutes = 0;
  // The group's zone: practice dates and times are given in it.
  std::string time_zone;
};

struct Fixture {
  int64_t organisation_id = 0;
  int64_t template_id = 0;
  // One per clinician, in the order of their e-mail addresses.
  std::vector<std::string> clinician_tokens;
  std::vector<MeasuredCohort> cohorts;
  // In groups of their own (started 17 days ago, so the third week is under
  // way): the measured cohorts' weeks all ended before anyone could join.
  std::vector<int64_t> homework_cohort_ids;
  std::vector<HomeworkParticipant> homework;
};

struct FixtureOptions {
  // Sign-ins made by cftctl: clinician_emails[k] leads cohort k and co-leads
  // cohort k-1.
  std::vector<std::string> clinician_emails;
  std::string password;
  int participants_per_cohort = 12;
  // Participants who log practice (each redeems an invite, so each costs a
  // password hash); in groups of participants_per_cohort. They use `password`.
  int homework_participants = 32;
};

// One cohort per clinician, every session in the past (the group started
// ten weeks ago), registers recorded for all of them.
absl::StatusOr<Fixture> BuildFixture(const std::shared_ptr<grpc::Channel>& channel, const FixtureOptions& options);

// The register every caller records for a session: the same one the fixture
// recorded, so re-recording it leaves the attendance counts (and so what the
// read RPCs return) unchanged between the two data sizes.
cft::v1::RecordAttendanceRequest RegisterFor(const MeasuredCohort& cohort, size_t session_index);

}  // namespace cft::bench
