// A small, realistic world built through the public API: an organisation
// with an admin, a facilitating clinician, a second clinician who does not
// facilitate, a running cohort of the built-in template whose first sessions
// are in the past, and a participant who redeemed an invite. Used by the
// access sweep and the cohort/calendar suites.
#pragma once

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cft/v1/common.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "tests/support/test_server.h"

namespace cft::testing {

struct CohortWorld {
  int64_t organisation_id = 0;
  TestUser admin, clinician, clinician2;
  std::string admin_token, clinician_token, clinician2_token;
  int64_t builtin_template_id = 0;
  int64_t cohort_id = 0;
  std::vector<int64_t> session_ids;  // in week order
  int64_t referral_id = 0;
  int64_t enrolment_id = 0;
  // Signs in through RedeemInvite; its account is the participant's.
  TestUser participant;
  std::string participant_token;
};

struct WorldOptions {
  std::string label = "Org";
  // Local start date of the cohort; the first session is on `weekday` on or after it.
  absl::CivilDay start_date;
  int weekday = 2;  // Tuesday
  int start_hour = 18;
  std::string time_zone = "Europe/London";
  bool start_running = true;
  bool open_group = false;
};

// Builds the world; aborts with a message if any step fails.
CohortWorld BuildCohortWorld(TestServer& server, const WorldOptions& options);

// A referral screened suitable, for `token`'s organisation; a fresh contact
// address unless one is given.
int64_t AddSuitableReferral(TestServer& server, const std::string& token, const std::string& name,
                            const std::string& email = "");

// Allocates, invites and redeems: returns the participant (with its token in `*token`).
TestUser EnrolParticipant(TestServer& server, const std::string& staff_token, int64_t cohort_id,
                          int64_t referral_id, int64_t* enrolment_id, std::string* token);

// Time helpers the calendar suites share.
absl::Time Utc(int y, int mo, int d, int h, int mi);
// "2026-10-20T17:00:00Z"
std::string Iso(const google::protobuf::Timestamp& t);
// Default options with the fake clock starting at `now`.
TestServerOptions At(absl::Time now);
void SetDate(v1::LocalDate* out, absl::CivilDay day);

}  // namespace cft::testing
