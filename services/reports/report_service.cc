#include "services/reports/report_service.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/measures/change_stats.h"
#include "services/reports/csv.h"
#include "services/reports/pseudonym.h"

namespace cft::reports {

namespace {

using measures::Classification;
using measures::Instrument;
using measures::ScoreDef;
using measures::TimePointKind;

constexpr std::pair<ScopeKind, absl::string_view> kScopes[] = {
    {ScopeKind::kCohort, "cohort"}, {ScopeKind::kOrganisation, "organisation"},
    {ScopeKind::kProgrammeTemplate, "programme_template"}};
constexpr std::pair<ExportFormat, absl::string_view> kFormats[] = {
    {ExportFormat::kLongCsv, "long_csv"},           {ExportFormat::kWideCsv, "wide_csv"},
    {ExportFormat::kFhirBundle, "fhir_bundle"},     {ExportFormat::kAttendanceCsv, "attendance_csv"},
    {ExportFormat::kAdherenceCsv, "adherence_csv"}, {ExportFormat::kDataDictionary, "data_dictionary_csv"},
    {ExportFormat::kSummaryCsv, "summary_csv"}};
constexpr std::pair<ExportMode, absl::string_view> kModes[] = {{ExportMode::kIdentified, "identified"},
                                                                {ExportMode::kDeidentified, "deidentified"}};

template <typename E, size_t N>
absl::string_view ToName(const std::pair<E, absl::string_view> (&table)[N], E v) {
  for (const auto& [e, name] : table) {
    if (e == v) return name;
  }
  return "";
}

absl::string_view ClassificationName(Classification c) {
  switch (c) {
    case Classification::kRecovered:
      return "recovered";
    case Classification::kImproved:
      return "improved";
    case Classification::kUnchanged:
      return "unchanged";
    case Classification::kDeteriorated:
      return "deteriorated";
    case Classification::kNotAvailable:
      return "not_available";
  }
  return "";
}

int KindOrder(TimePointKind k) {
  switch (k) {
    case TimePointKind::kBaseline:
      return 0;
    case TimePointKind::kSession:
      return 1;
    case TimePointKind::kMid:
      return 2;
    case TimePointKind::kPost:
      return 3;
    case TimePointKind::kFollowUp:
      return 4;
    case TimePointKind::kUnspecified:
      return 5;
  }
  return 5;
}

// FHIR ids allow [A-Za-z0-9-.] only.
std::string FhirId(absl::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '-';
  }
  return out.substr(0, 64);
}

constexpr absl::string_view kLoinc = "http://loinc.org";

std::string PlatformCodeSystem() { return absl::StrCat(kFhirBase, "/CodeSystem/cft-measures"); }

struct DictionaryEntry {
  std::string table, column, type, unit, allowed, description;
};

// One column group of the wide table.
struct WideGroup {
  std::string instrument_key;
  std::string time_point_key;
  const ScoreDef* score = nullptr;
  std::string Prefix() const { return absl::StrCat(instrument_key, ".", score->key, ".", time_point_key); }
};

constexpr absl::string_view kPersonalDataNotice =
    "Pseudonymised data is still personal data under the UK and EU GDPR: keep it secure, use it only for the "
    "research it was released for, and do not try to re-identify anyone.";
constexpr absl::string_view kKeyNotice =
    "Participants and cohorts are named by keyed pseudonyms made with a random key of this export alone, which "
    "was never stored: they differ in every export and cannot be joined with another export or reversed.";
constexpr absl::string_view kSuppressionNotice =
    "Counts of 1 to 4 people are shown as \"<5\", and the mean and SD of fewer than 5 people are left out, so that "
    "nobody can be singled out.";
constexpr absl::string_view kNeutralisedNotice =
    "Text cells beginning with =, +, -, @, a tab or a carriage return start with an added apostrophe so that "
    "spreadsheets never run them as formulas.";

}  // namespace

absl::string_view Name(ScopeKind v) { return ToName(kScopes, v); }
absl::string_view Name(ExportFormat v) { return ToName(kFormats, v); }
absl::string_view Name(ExportMode v) { return ToName(kModes, v); }

ReportService::ReportService(ReportRepository& reports, measures::MeasureRepository& measures,
                             cohorts::CohortRepository& cohorts, homework::HomeworkService& homework,
                             TransactionRunner& tx, audit::Auditor& auditor, const Clock& clock,
                             std::shared_ptr<const measures::InstrumentCatalog> catalog, ReportOptions options)
    : reports_(reports),
      measures_(measures),
      homework_(homework),
      tx_(tx),
      auditor_(auditor),
      clock_(clock),
      catalog_(catalog != nullptr ? std::move(catalog) : std::make_shared<const measures::InstrumentCatalog>()),
      options_(options),
      access_(cohorts) {}

// The state of one export: its scope as resolved, its pseudonyms, its output
// buffer and counters.
class ReportService::Run {
 public:
  Run(ReportService& s, RequestContext& ctx, const ExportRequest& req, ExportSink& sink)
      : s_(s), ctx_(ctx), req_(req), sink_(sink), deid_(req.mode == ExportMode::kDeidentified) {
    if (deid_) pseudonyms_.emplace();
  }

  absl::Status Execute();

 private:
  absl::Status Resolve();
  int64_t Estimate() const;
  std::string FileName() const;
  absl::Status Flush(bool done);
  absl::Status MaybeFlush() { return out_.size() >= s_.options_.chunk_bytes ? Flush(false) : absl::OkStatus(); }
  absl::Status CheckCancelled() const {
    return sink_.Cancelled() ? absl::CancelledError("the export was cancelled") : absl::OkStatus();
  }

  std::string Participant(int64_t enrolment_id) const {
    return deid_ ? pseudonyms_->Of("P-", "participant", enrolment_id) : absl::StrCat(enrolment_id);
  }
  std::string CohortLabel(const ExportCohort& c) const {
    return deid_ ? pseudonyms_->Of("C-", "cohort", c.id) : absl::StrCat(c.id);
  }
  std::string ResponseId(int64_t response_id) const {
    return deid_ ? pseudonyms_->Of("qr-", "response", response_id) : absl::StrCat("qr-", response_id);
  }
  const ScoreDef* CurrentScore(const std::string& instrument_key, const std::string& score_key) const {
    const Instrument* in = s_.catalog_->Current(instrument_key);
    return in == nullptr ? nullptr : in->FindScore(score_key);
  }
  measures::ReliableChangeParams ParamsOf(const ExportCohort& c, const ScoreDef& def, const std::string& key) const;

  // Reliable change of each non-baseline score against the participant's
  // baseline on the same instrument and score, as GetOutcomes computes it.
  struct Assessed {
    std::optional<double> change;
    std::optional<double> rci;
    std::optional<Classification> classification;
  };
  std::vector<Assessed> AssessAll(const ExportCohort& c, const std::vector<ExportScoreRow>& rows) const;

  // Pages through one cohort's participants, calling `page` with each page
  // and its scores (and answers when `answers`).
  absl::Status ForEachPage(const ExportCohort& c, bool answers,
                           const std::function<absl::Status(const std::vector<ExportParticipant>&,
                                                            const std::vector<ExportScoreRow>&,
                                                            const std::vector<ExportAnswerRow>&)>& page);

  void Header();
  absl::Status Body();
  void Footer();

  absl::Status LongCohort(const ExportCohort& c);
  absl::Status WideCohort(const ExportCohort& c);
  absl::Status SummaryCohort(const ExportCohort& c);
  absl::Status GridCohort(const ExportCohort& c, bool attendance);
  absl::Status FhirCohort(const ExportCohort& c);
  void FhirQuestionnaire(const Instrument& in);
  void FhirEntry(absl::string_view type, const std::string& id, const std::string& resource);
  std::string FhirSubject(const ExportParticipant& p) const;
  std::string FhirTags(const ExportCohort& c, const ExportScoreRow& r) const;
  std::vector<DictionaryEntry> Dictionary() const;

  ReportService& s_;
  RequestContext& ctx_;
  const ExportRequest& req_;
  ExportSink& sink_;
  const bool deid_;
  std::optional<Pseudonymizer> pseudonyms_;

  std::vector<ExportCohort> cohorts_;
  std::map<int64_t, CohortCounts> counts_;
  std::map<int64_t, std::vector<InstrumentTimePoint>> time_points_;
  std::vector<measures::OrgReliableChange> org_params_;
  std::vector<WideGroup> wide_;
  std::set<std::pair<std::string, int>> versions_;

  ExportHeaderView header_;
  bool header_sent_ = false;
  std::string out_;
  int64_t rows_ = 0;
  bool first_entry_ = true;
};

absl::Status ReportService::Export(RequestContext& ctx, const ExportRequest& request, ExportSink& sink) {
  const ExportScope& scope = request.scope;
  switch (scope.kind) {
    case ScopeKind::kCohort:
      if (scope.cohort_id <= 0) return InvalidField("scope.cohort_id", "must be a cohort id");
      break;
    case ScopeKind::kProgrammeTemplate:
      if (scope.programme_template_id <= 0) {
        return InvalidField("scope.programme_template_id", "must be a programme template id");
      }
      break;
    case ScopeKind::kOrganisation:
      break;
  }
  if (scope.kind != ScopeKind::kCohort && ctx.caller().role != Role::kAdmin) {
    return absl::PermissionDeniedError("scope: only an organisation's admins export more than one cohort");
  }
  Run run(*this, ctx, request, sink);
  return run.Execute();
}

absl::Status ReportService::Run::Resolve() {
  const Principal& me = ctx_.caller();
  return s_.tx_.RunReadOnly([&](UnitOfWork& uow) -> absl::Status {
    cohorts_.clear();
    counts_.clear();
    time_points_.clear();
    const ExportScope& scope = req_.scope;
    if (scope.kind == ScopeKind::kCohort) {
      ASSIGN_OR_RETURN(cohorts::CohortRecord c, s_.access_.Require(uow, me, scope.cohort_id, "scope.cohort_id", false));
      ASSIGN_OR_RETURN(std::vector<ExportCohort> all, s_.reports_.ListCohorts(uow, me.organisation_id, c.template_id));
      for (const ExportCohort& e : all) {
        if (e.id == c.id) cohorts_.push_back(e);
      }
    } else {
      std::optional<int64_t> template_id;
      if (scope.kind == ScopeKind::kProgrammeTemplate) {
        ASSIGN_OR_RETURN(bool visible, s_.reports_.TemplateVisible(uow, scope.programme_template_id, me.organisation_id));
        if (!visible) return absl::NotFoundError("scope.programme_template_id: no such programme template");
        template_id = scope.programme_template_id;
      }
      ASSIGN_OR_RETURN(cohorts_, s_.reports_.ListCohorts(uow, me.organisation_id, template_id));
    }
    ASSIGN_OR_RETURN(org_params_, s_.measures_.ListReliableChange(uow, me.organisation_id, ""));
    for (const ExportCohort& c : cohorts_) {
      ASSIGN_OR_RETURN(counts_[c.id], s_.reports_.Count(uow, c.id));
      ASSIGN_OR_RETURN(time_points_[c.id], s_.reports_.InstrumentTimePoints(uow, c.id));
    }
    return absl::OkStatus();
  });
}

measures::ReliableChangeParams ReportService::Run::ParamsOf(const ExportCohort&, const ScoreDef& def,
                                                            const std::string& key) const {
  std::optional<measures::OrgReliableChange> mine;
  for (const measures::OrgReliableChange& rc : org_params_) {
    if (rc.instrument_key == key && rc.score_key == def.key) mine = rc;
  }
  return measures::ParamsFor(def, mine);
}

int64_t ReportService::Run::Estimate() const {
  int64_t n = 0;
  for (const ExportCohort& c : cohorts_) {
    const CohortCounts& k = counts_.at(c.id);
    switch (req_.format) {
      case ExportFormat::kLongCsv:
        n += k.scores;
        break;
      case ExportFormat::kWideCsv:
        n += k.participants;
        break;
      case ExportFormat::kFhirBundle:
        n += k.responses + k.scores;
        break;
      case ExportFormat::kAttendanceCsv:
      case ExportFormat::kAdherenceCsv:
        n += k.participants * c.week_count;
        break;
      case ExportFormat::kSummaryCsv:
        for (const InstrumentTimePoint& t : time_points_.at(c.id)) {
          if (const Instrument* in = s_.catalog_->Current(t.instrument_key)) n += static_cast<int64_t>(in->scores.size());
        }
        break;
      case ExportFormat::kDataDictionary:
        break;
    }
  }
  if (req_.format == ExportFormat::kFhirBundle) n += static_cast<int64_t>(versions_.size());
  if (req_.format == ExportFormat::kDataDictionary) n = static_cast<int64_t>(Dictionary().size());
  return n;
}

std::string ReportService::Run::FileName() const {
  std::string scope;
  switch (req_.scope.kind) {
    case ScopeKind::kCohort:
      scope = deid_ ? "cohort" : absl::StrCat("cohort-", req_.scope.cohort_id);
      break;
    case ScopeKind::kOrganisation:
      scope = "organisation";
      break;
    case ScopeKind::kProgrammeTemplate:
      scope = deid_ ? "template" : absl::StrCat("template-", req_.scope.programme_template_id);
      break;
  }
  std::string what;
  switch (req_.format) {
    case ExportFormat::kLongCsv:
      what = "outcomes-long";
      break;
    case ExportFormat::kWideCsv:
      what = "outcomes-wide";
      break;
    case ExportFormat::kFhirBundle:
      what = "outcomes-fhir";
      break;
    case ExportFormat::kAttendanceCsv:
      what = "attendance";
      break;
    case ExportFormat::kAdherenceCsv:
      what = "adherence";
      break;
    case ExportFormat::kDataDictionary:
      what = "data-dictionary";
      break;
    case ExportFormat::kSummaryCsv:
      what = "outcomes-summary";
      break;
  }
  return absl::StrCat(what, "-", scope, deid_ ? "-deidentified" : "",
                      req_.format == ExportFormat::kFhirBundle ? ".json" : ".csv");
}

absl::Status ReportService::Run::Flush(bool done) {
  const ExportHeaderView* header = header_sent_ ? nullptr : &header_;
  header_sent_ = true;
  absl::Status sent = sink_.Send(header, out_, rows_, header_.estimated_rows, done);
  out_.clear();
  if (!sent.ok()) return sent;
  return absl::OkStatus();
}

absl::Status ReportService::Run::Execute() {
  RETURN_IF_ERROR(Resolve());
  // Wide columns and the Bundle's Questionnaires: every instrument (current
  // definition) and time point found in the scope, in a stable order.
  std::set<std::tuple<std::string, int, int, std::string>> groups;  // instrument, kind order, week, time point
  for (const auto& [cohort, list] : time_points_) {
    for (const InstrumentTimePoint& t : list) {
      groups.insert({t.instrument_key, KindOrder(t.time_point_kind), t.week, t.time_point_key});
      versions_.insert({t.instrument_key, t.instrument_version});
    }
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& [key, order, week, tp] : groups) {
    if (!seen.insert({key, tp}).second) continue;
    const Instrument* in = s_.catalog_->Current(key);
    if (in == nullptr) continue;
    for (const ScoreDef& def : in->scores) wide_.push_back({.instrument_key = key, .time_point_key = tp, .score = &def});
  }

  header_.export_id = HexEncode(RandomBytes(12));
  header_.file_name = FileName();
  header_.media_type = req_.format == ExportFormat::kFhirBundle ? "application/fhir+json" : "text/csv; charset=utf-8";
  header_.format = req_.format;
  header_.mode = req_.mode;
  header_.cohort_count = static_cast<int>(cohorts_.size());
  header_.estimated_rows = Estimate();
  if (deid_) {
    header_.notices = {std::string(kPersonalDataNotice), std::string(kKeyNotice), std::string(kSuppressionNotice)};
  }
  if (req_.format != ExportFormat::kFhirBundle) header_.notices.push_back(std::string(kNeutralisedNotice));

  const std::string what = absl::StrCat("scope=", Name(req_.scope.kind),
                                        req_.scope.kind == ScopeKind::kCohort
                                            ? absl::StrCat(":", req_.scope.cohort_id)
                                            : req_.scope.kind == ScopeKind::kProgrammeTemplate
                                                  ? absl::StrCat(":", req_.scope.programme_template_id)
                                                  : "",
                                        " format=", Name(req_.format), " mode=", Name(req_.mode));
  // Recorded before a byte leaves, so an export cut short by a crash is known too.
  RETURN_IF_ERROR(s_.tx_.Run([&](UnitOfWork& uow) {
    return s_.auditor_.Record(uow, ctx_,
                              {.target_type = "export",
                               .target_id = header_.export_id,
                               .detail = absl::StrCat("started ", what, " cohorts=", cohorts_.size(),
                                                      " estimated_rows=", header_.estimated_rows)});
  }));

  Header();
  absl::Status status = Body();
  if (status.ok()) {
    Footer();
    status = Flush(true);
  }
  const absl::StatusCode code = status.code();
  absl::Status audited = s_.tx_.Run([&](UnitOfWork& uow) {
    return s_.auditor_.Record(uow, ctx_,
                              {.target_type = "export",
                               .target_id = header_.export_id,
                               .code = code,
                               .detail = absl::StrCat(status.ok() ? "finished " : "stopped ", what, " rows=", rows_)});
  });
  if (status.ok() && !audited.ok()) return audited;
  return status;
}

absl::Status ReportService::Run::ForEachPage(
    const ExportCohort& c, bool answers,
    const std::function<absl::Status(const std::vector<ExportParticipant>&, const std::vector<ExportScoreRow>&,
                                     const std::vector<ExportAnswerRow>&)>& page) {
  int64_t after = 0;
  while (true) {
    RETURN_IF_ERROR(CheckCancelled());
    std::vector<ExportParticipant> people;
    std::vector<ExportScoreRow> scores;
    std::vector<ExportAnswerRow> given;
    // Each page is its own short read: no transaction or connection is held
    // while the client takes its time over the chunks.
    RETURN_IF_ERROR(s_.tx_.RunReadOnly([&](UnitOfWork& uow) -> absl::Status {
      ASSIGN_OR_RETURN(people, s_.reports_.ParticipantsAfter(uow, c.id, after, s_.options_.page_size));
      if (people.empty()) return absl::OkStatus();
      ASSIGN_OR_RETURN(scores, s_.reports_.Scores(uow, c.id, people.front().enrolment_id, people.back().enrolment_id));
      if (answers) {
        ASSIGN_OR_RETURN(given, s_.reports_.Answers(uow, c.id, people.front().enrolment_id, people.back().enrolment_id));
      }
      return absl::OkStatus();
    }));
    if (people.empty()) return absl::OkStatus();
    RETURN_IF_ERROR(page(people, scores, given));
    if (static_cast<int>(people.size()) < s_.options_.page_size) return absl::OkStatus();
    after = people.back().enrolment_id;
  }
}

std::vector<ReportService::Run::Assessed> ReportService::Run::AssessAll(const ExportCohort& c,
                                                                        const std::vector<ExportScoreRow>& rows) const {
  // Baselines of the page: (enrolment, instrument, score) -> value.
  std::map<std::tuple<int64_t, std::string, std::string>, double> baseline;
  for (const ExportScoreRow& r : rows) {
    if (r.time_point_kind == TimePointKind::kBaseline && r.value) {
      baseline[{r.enrolment_id, r.instrument_key, r.score_key}] = *r.value;
    }
  }
  std::vector<Assessed> out(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const ExportScoreRow& r = rows[i];
    if (r.time_point_kind == TimePointKind::kBaseline || !r.value) continue;
    auto it = baseline.find({r.enrolment_id, r.instrument_key, r.score_key});
    if (it == baseline.end()) continue;
    // The current definition, as MeasureService::GetOutcomes judges change.
    const ScoreDef* def = CurrentScore(r.instrument_key, r.score_key);
    if (def == nullptr) continue;
    const measures::ChangeAssessment a = measures::AssessChange(*def, ParamsOf(c, *def, r.instrument_key), it->second, *r.value);
    out[i] = {.change = a.change, .rci = a.rci, .classification = a.classification};
  }
  return out;
}

// ---------------------------------------------------------------------------
// Header, body and footer of each format.

void ReportService::Run::Header() {
  CsvRow row;
  switch (req_.format) {
    case ExportFormat::kLongCsv:
      row.Plain("participant");
      if (!deid_) row.Plain("participant_name");
      row.Plain("cohort");
      if (!deid_) row.Plain("cohort_name");
      row.Plain("instrument").Plain("instrument_version").Plain("subscale").Plain("time_point").Plain("time_point_kind");
      row.Plain("week").Plain("session");
      if (!deid_) row.Plain("date");
      row.Plain("entry_mode").Plain("score").Plain("items_answered").Plain("prorated").Plain("band");
      row.Plain("change_from_baseline").Plain("reliable_change_index").Plain("classification");
      row.AppendTo(out_);
      break;
    case ExportFormat::kWideCsv:
      row.Plain("participant");
      if (!deid_) row.Plain("participant_name");
      row.Plain("cohort");
      if (!deid_) row.Plain("cohort_name");
      row.Plain("status");
      for (const WideGroup& g : wide_) {
        row.Plain(g.Prefix()).Plain(g.Prefix() + ".band").Plain(g.Prefix() + ".classification");
      }
      row.AppendTo(out_);
      break;
    case ExportFormat::kSummaryCsv:
      row.Plain("cohort");
      if (!deid_) row.Plain("cohort_name");
      row.Plain("instrument").Plain("subscale").Plain("time_point").Plain("n").Plain("mean").Plain("sd");
      row.Plain("recovered").Plain("improved").Plain("unchanged").Plain("deteriorated").Plain("not_available");
      row.AppendTo(out_);
      break;
    case ExportFormat::kAttendanceCsv:
    case ExportFormat::kAdherenceCsv:
      row.Plain("participant");
      if (!deid_) row.Plain("participant_name");
      row.Plain("cohort");
      if (!deid_) row.Plain("cohort_name");
      row.Plain("week").Plain("in_programme");
      if (req_.format == ExportFormat::kAttendanceCsv) {
        row.Plain("session").Plain("attendance").Plain("module_opened");
      } else {
        row.Plain("dose").Plain("logged").Plain("percent").Plain("logs").Plain("minutes").Plain("mean_helpfulness");
      }
      row.AppendTo(out_);
      break;
    case ExportFormat::kDataDictionary:
      row.Plain("table").Plain("column").Plain("type").Plain("unit").Plain("allowed_values").Plain("description");
      row.AppendTo(out_);
      break;
    case ExportFormat::kFhirBundle:
      out_ += R"({"resourceType":"Bundle","type":"collection","entry":[)";
      break;
  }
}

void ReportService::Run::Footer() {
  if (req_.format == ExportFormat::kFhirBundle) out_ += "]}\n";
}

absl::Status ReportService::Run::Body() {
  if (req_.format == ExportFormat::kDataDictionary) {
    for (const DictionaryEntry& e : Dictionary()) {
      CsvRow().Text(e.table).Text(e.column).Text(e.type).Text(e.unit).Text(e.allowed).Text(e.description).AppendTo(out_);
      ++rows_;
    }
    return absl::OkStatus();
  }
  if (req_.format == ExportFormat::kFhirBundle) {
    for (const auto& [key, version] : versions_) {
      const Instrument* in = s_.catalog_->Find(key, version);
      if (in != nullptr) FhirQuestionnaire(*in);
    }
  }
  for (const ExportCohort& c : cohorts_) {
    switch (req_.format) {
      case ExportFormat::kLongCsv:
        RETURN_IF_ERROR(LongCohort(c));
        break;
      case ExportFormat::kWideCsv:
        RETURN_IF_ERROR(WideCohort(c));
        break;
      case ExportFormat::kSummaryCsv:
        RETURN_IF_ERROR(SummaryCohort(c));
        break;
      case ExportFormat::kAttendanceCsv:
        RETURN_IF_ERROR(GridCohort(c, true));
        break;
      case ExportFormat::kAdherenceCsv:
        RETURN_IF_ERROR(GridCohort(c, false));
        break;
      case ExportFormat::kFhirBundle:
        RETURN_IF_ERROR(FhirCohort(c));
        break;
      case ExportFormat::kDataDictionary:
        break;
    }
    RETURN_IF_ERROR(MaybeFlush());
  }
  return absl::OkStatus();
}

absl::Status ReportService::Run::LongCohort(const ExportCohort& c) {
  const absl::TimeZone tz = [&] {
    absl::TimeZone z;
    return absl::LoadTimeZone(c.time_zone, &z) ? z : absl::UTCTimeZone();
  }();
  return ForEachPage(c, false, [&](const std::vector<ExportParticipant>& people, const std::vector<ExportScoreRow>& rows,
                                   const std::vector<ExportAnswerRow>&) -> absl::Status {
    std::map<int64_t, const ExportParticipant*> by_id;
    for (const ExportParticipant& p : people) by_id[p.enrolment_id] = &p;
    const std::vector<Assessed> assessed = AssessAll(c, rows);
    for (size_t i = 0; i < rows.size(); ++i) {
      const ExportScoreRow& r = rows[i];
      const ScoreDef* def = CurrentScore(r.instrument_key, r.score_key);
      const int decimals = def != nullptr ? def->decimals : 2;
      CsvRow row;
      row.Plain(Participant(r.enrolment_id));
      if (!deid_) row.Text(by_id.count(r.enrolment_id) ? by_id[r.enrolment_id]->name : "");
      row.Plain(CohortLabel(c));
      if (!deid_) row.Text(c.name);
      row.Text(r.instrument_key).Int(r.instrument_version).Text(r.score_key).Text(r.time_point_key);
      row.Plain(measures::Name(r.time_point_kind)).Int(r.week);
      if (r.session_number) {
        row.Int(*r.session_number);
      } else {
        row.Empty();
      }
      if (!deid_) row.Plain(absl::FormatCivilTime(absl::ToCivilDay(r.completed_at, tz)));
      row.Plain(measures::Name(r.entry_mode)).Number(r.value, decimals).Int(r.items_answered);
      row.Plain(r.prorated ? "yes" : "no").Text(r.band_label);
      const Assessed& a = assessed[i];
      row.Number(a.change, decimals).Number(a.rci, 2);
      row.Plain(a.classification ? ClassificationName(*a.classification) : "");
      row.AppendTo(out_);
      ++rows_;
      RETURN_IF_ERROR(MaybeFlush());
    }
    return absl::OkStatus();
  });
}

absl::Status ReportService::Run::WideCohort(const ExportCohort& c) {
  return ForEachPage(c, false, [&](const std::vector<ExportParticipant>& people, const std::vector<ExportScoreRow>& rows,
                                   const std::vector<ExportAnswerRow>&) -> absl::Status {
    const std::vector<Assessed> assessed = AssessAll(c, rows);
    // (enrolment, column prefix) -> row index.
    std::map<std::pair<int64_t, std::string>, size_t> cell;
    for (size_t i = 0; i < rows.size(); ++i) {
      cell[{rows[i].enrolment_id, absl::StrCat(rows[i].instrument_key, ".", rows[i].score_key, ".", rows[i].time_point_key)}] = i;
    }
    for (const ExportParticipant& p : people) {
      CsvRow row;
      row.Plain(Participant(p.enrolment_id));
      if (!deid_) row.Text(p.name);
      row.Plain(CohortLabel(c));
      if (!deid_) row.Text(c.name);
      row.Plain(p.status);
      for (const WideGroup& g : wide_) {
        auto it = cell.find({p.enrolment_id, g.Prefix()});
        if (it == cell.end()) {
          row.Empty().Empty().Empty();
          continue;
        }
        const ExportScoreRow& r = rows[it->second];
        const Assessed& a = assessed[it->second];
        row.Number(r.value, g.score->decimals).Text(r.band_label);
        row.Plain(a.classification ? ClassificationName(*a.classification) : "");
      }
      row.AppendTo(out_);
      ++rows_;
      RETURN_IF_ERROR(MaybeFlush());
    }
    return absl::OkStatus();
  });
}

absl::Status ReportService::Run::SummaryCohort(const ExportCohort& c) {
  struct Cell {
    std::vector<double> values;
    int counts[5] = {0, 0, 0, 0, 0};  // by Classification
  };
  // A cohort has at most 20 places, so its cells fit in memory whatever the scope.
  std::map<std::pair<std::string, std::string>, Cell> cells;  // (instrument.score, time point)
  RETURN_IF_ERROR(ForEachPage(c, false, [&](const std::vector<ExportParticipant>&, const std::vector<ExportScoreRow>& rows,
                                            const std::vector<ExportAnswerRow>&) -> absl::Status {
    const std::vector<Assessed> assessed = AssessAll(c, rows);
    for (size_t i = 0; i < rows.size(); ++i) {
      Cell& cell = cells[{absl::StrCat(rows[i].instrument_key, ".", rows[i].score_key), rows[i].time_point_key}];
      if (rows[i].value) cell.values.push_back(*rows[i].value);
      if (assessed[i].classification) ++cell.counts[static_cast<int>(*assessed[i].classification)];
    }
    return absl::OkStatus();
  }));
  auto count = [&](CsvRow& row, int n) {
    if (deid_ && n > 0 && n < 5) {
      row.Plain("<5");
    } else {
      row.Int(n);
    }
  };
  for (const WideGroup& g : wide_) {
    auto it = cells.find({absl::StrCat(g.instrument_key, ".", g.score->key), g.time_point_key});
    if (it == cells.end()) continue;
    const Cell& cell = it->second;
    const int n = static_cast<int>(cell.values.size());
    const bool suppressed = deid_ && n < 5;
    CsvRow row;
    row.Plain(CohortLabel(c));
    if (!deid_) row.Text(c.name);
    row.Text(g.instrument_key).Text(g.score->key).Text(g.time_point_key);
    count(row, n);
    row.Number(!suppressed && n > 0 ? std::optional<double>(measures::Mean(cell.values)) : std::nullopt, 2);
    row.Number(suppressed ? std::nullopt : measures::SampleSd(cell.values), 2);
    for (Classification k : {Classification::kRecovered, Classification::kImproved, Classification::kUnchanged,
                             Classification::kDeteriorated, Classification::kNotAvailable}) {
      count(row, cell.counts[static_cast<int>(k)]);
    }
    row.AppendTo(out_);
    ++rows_;
  }
  return absl::OkStatus();
}

absl::Status ReportService::Run::GridCohort(const ExportCohort& c, bool attendance) {
  RETURN_IF_ERROR(CheckCancelled());
  ASSIGN_OR_RETURN(homework::AdherenceGrid grid, s_.homework_.GetAdherence(ctx_, c.id));
  std::map<int, const homework::AdherenceWeek*> weeks;
  for (const homework::AdherenceWeek& w : grid.weeks) weeks[w.week_number] = &w;
  std::vector<const homework::AdherenceRow*> people;
  for (const homework::AdherenceRow& p : grid.participants) people.push_back(&p);
  std::sort(people.begin(), people.end(), [](auto* a, auto* b) { return a->enrolment_id < b->enrolment_id; });
  for (const homework::AdherenceRow* p : people) {
    for (const homework::AdherenceCell& cell : p->weeks) {
      CsvRow row;
      row.Plain(Participant(p->enrolment_id));
      if (!deid_) row.Text(p->participant_name);
      row.Plain(CohortLabel(c));
      if (!deid_) row.Text(c.name);
      row.Int(cell.week_number).Plain(cell.applies ? "yes" : "no");
      if (attendance) {
        auto w = weeks.find(cell.week_number);
        if (w != weeks.end() && w->second->session_id != 0) {
          row.Int(cell.week_number);
        } else {
          row.Empty();
        }
        row.Plain(cell.attendance ? cohorts::Name(*cell.attendance) : "not_recorded");
        row.Plain(cell.module_opened ? "yes" : "no");
      } else {
        row.Int(cell.dose).Int(cell.logged).Int(cell.percent).Int(cell.logs).Int(cell.minutes);
        row.Number(cell.mean_helpfulness, 1);
      }
      row.AppendTo(out_);
      ++rows_;
    }
  }
  return MaybeFlush();
}

// ---------------------------------------------------------------------------
// FHIR R4 (measures.md): JSON written as it streams, one entry at a time.

void ReportService::Run::FhirEntry(absl::string_view type, const std::string& id, const std::string& resource) {
  if (!first_entry_) out_.push_back(',');
  first_entry_ = false;
  absl::StrAppend(&out_, "{\"fullUrl\":", JsonString(absl::StrCat(kFhirBase, "/", type, "/", id)),
                  ",\"resource\":", resource, "}");
  ++rows_;
}

void ReportService::Run::FhirQuestionnaire(const Instrument& in) {
  const bool text = in.licence.item_text == measures::ItemTextPolicy::kShipped;
  const std::string id = FhirId(absl::StrCat(in.key, "-", in.version));
  std::string r = absl::StrCat(R"({"resourceType":"Questionnaire","id":)", JsonString(id),
                               ",\"url\":", JsonString(absl::StrCat(kFhirBase, "/Questionnaire/", in.key)),
                               ",\"version\":", JsonString(absl::StrCat(in.version)),
                               ",\"title\":", JsonString(in.title), ",\"status\":\"active\"");
  if (!in.licence.copyright_line.empty()) absl::StrAppend(&r, ",\"copyright\":", JsonString(in.licence.copyright_line));
  absl::StrAppend(&r, ",\"code\":[{\"system\":",
                  JsonString(in.loinc_panel_code.empty() ? PlatformCodeSystem() : std::string(kLoinc)),
                  ",\"code\":", JsonString(in.loinc_panel_code.empty() ? in.key : in.loinc_panel_code),
                  ",\"display\":", JsonString(in.short_name), "}],\"item\":[");
  for (size_t i = 0; i < in.items.size(); ++i) {
    const measures::Item& item = in.items[i];
    if (i > 0) r.push_back(',');
    absl::StrAppend(&r, "{\"linkId\":", JsonString(item.code), ",\"type\":\"choice\"");
    absl::StrAppend(&r, ",\"code\":[{\"system\":",
                    JsonString(item.loinc_code.empty() ? PlatformCodeSystem() : std::string(kLoinc)),
                    ",\"code\":", JsonString(item.loinc_code.empty() ? absl::StrCat(in.key, ".", item.code) : item.loinc_code),
                    "}]");
    // Definition-only instruments: no item text leaves the server, licensed copy or not.
    if (text && !item.text.empty()) absl::StrAppend(&r, ",\"text\":", JsonString(item.text));
    if (const measures::OptionSet* set = in.OptionSetOf(item)) {
      r += ",\"answerOption\":[";
      for (size_t k = 0; k < set->options.size(); ++k) {
        const measures::ResponseOption& o = set->options[k];
        if (k > 0) r.push_back(',');
        const bool loinc = !o.loinc_answer_code.empty();
        absl::StrAppend(&r, "{\"valueCoding\":{",
                        "\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/ordinalValue\",\"valueDecimal\":",
                        o.value, "}],\"system\":", JsonString(loinc ? std::string(kLoinc) : PlatformCodeSystem()),
                        ",\"code\":", JsonString(loinc ? o.loinc_answer_code : absl::StrCat(in.key, ".", set->key, ".", o.value)));
        if (text && !o.label.empty()) absl::StrAppend(&r, ",\"display\":", JsonString(o.label));
        r += "}}";
      }
      r += "]";
    }
    r += "}";
  }
  r += "]}";
  FhirEntry("Questionnaire", id, r);
}

std::string ReportService::Run::FhirSubject(const ExportParticipant& p) const {
  if (deid_) {
    return absl::StrCat("{\"identifier\":{\"system\":", JsonString(absl::StrCat(kFhirBase, "/pseudonym")),
                        ",\"value\":", JsonString(Participant(p.enrolment_id)), "}}");
  }
  return absl::StrCat("{\"identifier\":{\"system\":", JsonString(absl::StrCat(kFhirBase, "/enrolment")),
                      ",\"value\":", JsonString(absl::StrCat(p.enrolment_id)), "},\"display\":", JsonString(p.name), "}");
}

// Programme week and session as extensions: in de-identified mode they are
// the only time there is.
std::string ReportService::Run::FhirTags(const ExportCohort&, const ExportScoreRow& r) const {
  std::string ext = absl::StrCat("\"extension\":[{\"url\":", JsonString(absl::StrCat(kFhirBase, "/StructureDefinition/programme-week")),
                                 ",\"valueInteger\":", r.week, "}");
  if (r.session_number) {
    absl::StrAppend(&ext, ",{\"url\":", JsonString(absl::StrCat(kFhirBase, "/StructureDefinition/session-number")),
                    ",\"valueInteger\":", *r.session_number, "}");
  }
  absl::StrAppend(&ext, ",{\"url\":", JsonString(absl::StrCat(kFhirBase, "/StructureDefinition/time-point")),
                  ",\"valueString\":", JsonString(r.time_point_key), "}]");
  return ext;
}

absl::Status ReportService::Run::FhirCohort(const ExportCohort& c) {
  return ForEachPage(c, true, [&](const std::vector<ExportParticipant>& people, const std::vector<ExportScoreRow>& rows,
                                  const std::vector<ExportAnswerRow>& answers) -> absl::Status {
    std::map<int64_t, const ExportParticipant*> by_id;
    for (const ExportParticipant& p : people) by_id[p.enrolment_id] = &p;
    size_t a = 0;  // answers and rows share their (enrolment, response) order
    for (size_t i = 0; i < rows.size();) {
      const ExportScoreRow& first = rows[i];
      const ExportParticipant& who = *by_id.at(first.enrolment_id);
      const Instrument* in = s_.catalog_->Find(first.instrument_key, first.instrument_version);
      const std::string qr_id = ResponseId(first.response_id);
      const std::string subject = FhirSubject(who);
      const std::string tags = FhirTags(c, first);
      std::string qr = absl::StrCat(R"({"resourceType":"QuestionnaireResponse","id":)", JsonString(qr_id), ",", tags,
                                    ",\"questionnaire\":",
                                    JsonString(absl::StrCat(kFhirBase, "/Questionnaire/", first.instrument_key, "|",
                                                            first.instrument_version)),
                                    ",\"status\":\"completed\",\"subject\":", subject);
      if (!deid_) absl::StrAppend(&qr, ",\"authored\":", JsonString(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", first.completed_at, absl::UTCTimeZone())));
      qr += ",\"item\":[";
      bool any = false;
      while (a < answers.size() && answers[a].response_id != first.response_id) ++a;
      for (; a < answers.size() && answers[a].response_id == first.response_id; ++a) {
        const ExportAnswerRow& ans = answers[a];
        if (!ans.value) continue;
        const measures::Item* item = in != nullptr ? in->FindItem(ans.item_code) : nullptr;
        const measures::OptionSet* set = item != nullptr ? in->OptionSetOf(*item) : nullptr;
        const measures::ResponseOption* o = set != nullptr ? set->Find(*ans.value) : nullptr;
        if (any) qr.push_back(',');
        any = true;
        absl::StrAppend(&qr, "{\"linkId\":", JsonString(ans.item_code), ",\"answer\":[{");
        if (o != nullptr) {
          const bool loinc = !o->loinc_answer_code.empty();
          absl::StrAppend(&qr, "\"valueCoding\":{\"system\":", JsonString(loinc ? std::string(kLoinc) : PlatformCodeSystem()),
                          ",\"code\":", JsonString(loinc ? o->loinc_answer_code : absl::StrCat(in->key, ".", set->key, ".", o->value)),
                          "}");
        } else {
          absl::StrAppend(&qr, "\"valueInteger\":", *ans.value);
        }
        qr += "}]}";
      }
      qr += "]}";
      if (!any) {
        // An item list may not be empty in FHIR: leave it out.
        const size_t pos = qr.rfind(",\"item\":[");
        qr = absl::StrCat(qr.substr(0, pos), "}");
      }
      FhirEntry("QuestionnaireResponse", qr_id, qr);
      for (; i < rows.size() && rows[i].response_id == first.response_id; ++i) {
        const ExportScoreRow& r = rows[i];
        const ScoreDef* def = in != nullptr ? in->FindScore(r.score_key) : nullptr;
        const std::string obs_id = FhirId(absl::StrCat(qr_id, "-", r.score_key));
        const bool loinc = def != nullptr && !def->loinc_code.empty();
        std::string o = absl::StrCat(
            R"({"resourceType":"Observation","id":)", JsonString(obs_id), ",", tags,
            R"(,"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"survey","display":"Survey"}]}])",
            ",\"code\":{\"coding\":[{\"system\":", JsonString(loinc ? std::string(kLoinc) : PlatformCodeSystem()),
            ",\"code\":", JsonString(loinc ? def->loinc_code : absl::StrCat(r.instrument_key, ".", r.score_key)), "}],\"text\":",
            JsonString(absl::StrCat(in != nullptr ? in->short_name : r.instrument_key, " ",
                                    def != nullptr ? def->title : r.score_key)),
            "},\"subject\":", subject);
        if (!deid_) absl::StrAppend(&o, ",\"effectiveDateTime\":", JsonString(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", r.completed_at, absl::UTCTimeZone())));
        if (r.value) {
          absl::StrAppend(&o, ",\"valueQuantity\":{\"value\":", FormatNumber(*r.value, def != nullptr ? def->decimals : 2),
                          ",\"unit\":\"{score}\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"{score}\"}");
          if (!r.band_label.empty()) absl::StrAppend(&o, ",\"interpretation\":[{\"text\":", JsonString(r.band_label), "}]");
        } else {
          o += R"(,"dataAbsentReason":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/data-absent-reason","code":"unknown"}],"text":"too many items unanswered to score"})";
        }
        absl::StrAppend(&o, ",\"derivedFrom\":[{\"reference\":", JsonString(absl::StrCat("QuestionnaireResponse/", qr_id)), "}]}");
        FhirEntry("Observation", obs_id, o);
      }
      RETURN_IF_ERROR(MaybeFlush());
    }
    return absl::OkStatus();
  });
}

// ---------------------------------------------------------------------------
// The data dictionary: every column of every table, for this mode and scope.

std::vector<DictionaryEntry> ReportService::Run::Dictionary() const {
  std::vector<DictionaryEntry> d;
  const std::string mode(Name(req_.mode));
  d.push_back({"export", "mode", "text", "", "identified; deidentified", absl::StrCat("This export's mode: ", mode, ".")});
  if (deid_) {
    d.push_back({"export", "notice", "text", "", "", std::string(kPersonalDataNotice)});
    d.push_back({"export", "pseudonyms", "text", "", "", std::string(kKeyNotice)});
    d.push_back({"export", "time", "text", "", "",
                 "Time is given as the programme week and session number only; no dates, names, contact details, "
                 "internal record numbers or free text are included."});
    d.push_back({"export", "suppression", "text", "", "", std::string(kSuppressionNotice)});
  }
  d.push_back({"export", "formulas", "text", "", "", std::string(kNeutralisedNotice)});
  const std::string participant_desc =
      deid_ ? "Keyed pseudonym of the participant (P- and 16 hex digits), valid in this export only."
            : "The participant's enrolment id.";
  const std::string cohort_desc =
      deid_ ? "Keyed pseudonym of the cohort (C- and 16 hex digits), valid in this export only." : "The cohort's id.";
  auto people = [&](const std::string& table) {
    d.push_back({table, "participant", deid_ ? "text" : "integer", "", "", participant_desc});
    if (!deid_) d.push_back({table, "participant_name", "text", "", "", "The participant's name as referred."});
    d.push_back({table, "cohort", deid_ ? "text" : "integer", "", "", cohort_desc});
    if (!deid_) d.push_back({table, "cohort_name", "text", "", "", "The cohort's name."});
  };
  const std::string kinds = "baseline; mid; post; follow_up; session";
  const std::string classes = "recovered; improved; unchanged; deteriorated; not_available; empty for baseline";
  people("long");
  d.push_back({"long", "instrument", "text", "", "", "Instrument key (phq9, gad7, core10, ...)."});
  d.push_back({"long", "instrument_version", "integer", "", "1 or more", "Definition version that scored the response."});
  d.push_back({"long", "subscale", "text", "", "", "Score key within the instrument (total, or a subscale)."});
  d.push_back({"long", "time_point", "text", "", "", "Time point key of the cohort's measurement plan."});
  d.push_back({"long", "time_point_kind", "text", "", kinds, "What the time point is."});
  d.push_back({"long", "week", "integer", "programme week", "1 or more", "Programme week the response belongs to."});
  d.push_back({"long", "session", "integer", "session number", "1 or more; empty when not tied to a session",
               "Number of the group session the response is tied to."});
  if (!deid_) d.push_back({"long", "date", "date", "YYYY-MM-DD", "", "Day completed, in the cohort's time zone."});
  d.push_back({"long", "entry_mode", "text", "", "online; paper", "Answered in the app, or keyed in from paper by staff."});
  d.push_back({"long", "score", "decimal", "{score} (instrument points)", "the instrument's range; empty when too many items were unanswered",
               "The score as stored, rounded to the instrument's precision."});
  d.push_back({"long", "items_answered", "integer", "items", "0 or more", "Items answered that count towards this score."});
  d.push_back({"long", "prorated", "text", "", "yes; no", "Whether a missing item was prorated."});
  d.push_back({"long", "band", "text", "", "the instrument's severity bands", "Severity band of the score."});
  d.push_back({"long", "change_from_baseline", "decimal", "{score}", "negative or positive; empty for baseline",
               "Score minus the participant's baseline score."});
  d.push_back({"long", "reliable_change_index", "decimal", "z", "empty unless Jacobson & Truax parameters apply",
               "Jacobson & Truax (1991) RC = (post - pre) / S_diff."});
  d.push_back({"long", "classification", "text", "", classes,
               "Change against baseline: published threshold or RCI, and the recovery cut-off (measures.md)."});
  people("wide");
  d.push_back({"wide", "status", "text", "", "invited; active; withdrawn; completed", "The enrolment's status."});
  for (const WideGroup& g : wide_) {
    d.push_back({"wide", g.Prefix(), "decimal", "{score}", "empty when not answered",
                 absl::StrCat(g.instrument_key, " ", g.score->title, " at ", g.time_point_key, ".")});
    d.push_back({"wide", g.Prefix() + ".band", "text", "", "the instrument's severity bands", "Severity band."});
    d.push_back({"wide", g.Prefix() + ".classification", "text", "", classes, "Change against baseline."});
  }
  d.push_back({"summary", "cohort", deid_ ? "text" : "integer", "", "", cohort_desc});
  if (!deid_) d.push_back({"summary", "cohort_name", "text", "", "", "The cohort's name."});
  d.push_back({"summary", "instrument", "text", "", "", "Instrument key."});
  d.push_back({"summary", "subscale", "text", "", "", "Score key."});
  d.push_back({"summary", "time_point", "text", "", "", "Time point key."});
  d.push_back({"summary", "n", deid_ ? "integer or \"<5\"" : "integer", "people", "0 or more", "People with a score."});
  d.push_back({"summary", "mean", "decimal", "{score}", "", "Mean score."});
  d.push_back({"summary", "sd", "decimal", "{score}", "", "Sample standard deviation (n - 1)."});
  for (const char* k : {"recovered", "improved", "unchanged", "deteriorated", "not_available"}) {
    d.push_back({"summary", k, deid_ ? "integer or \"<5\"" : "integer", "people", "0 or more",
                 absl::StrCat("People classified ", k, " against baseline.")});
  }
  for (const char* table : {"attendance", "adherence"}) {
    people(table);
    d.push_back({table, "week", "integer", "programme week", "1 or more", "Programme week."});
    d.push_back({table, "in_programme", "text", "", "yes; no", "Whether the participant was in the group that week."});
  }
  d.push_back({"attendance", "session", "integer", "session number", "empty when the week has no session", "Session number."});
  d.push_back({"attendance", "attendance", "text", "", "present; late; absent; excused; not_recorded", "The register."});
  d.push_back({"attendance", "module_opened", "text", "", "yes; no", "Whether the week's module was opened."});
  d.push_back({"adherence", "dose", "integer", "practices", "0 or more", "Practices set for the week."});
  d.push_back({"adherence", "logged", "integer", "practices", "0 to dose", "Practices logged, each counted up to its dose."});
  d.push_back({"adherence", "percent", "integer", "%", "0 to 100", "logged / dose."});
  d.push_back({"adherence", "logs", "integer", "logs", "0 or more", "Practice logs written."});
  d.push_back({"adherence", "minutes", "integer", "min", "0 or more", "Minutes practised."});
  d.push_back({"adherence", "mean_helpfulness", "decimal", "0-10 rating", "0 to 10; empty without logs", "Mean helpfulness rating."});
  d.push_back({"fhir", "Bundle", "FHIR R4 JSON", "", "", "Questionnaire per instrument version, QuestionnaireResponse per response, "
               "Observation per score; LOINC codes where they exist, otherwise " + PlatformCodeSystem() + "."});
  return d;
}

}  // namespace cft::reports
