#include "services/programme/programme_mapping.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/rpc/proto_time.h"

namespace cft::programme {

namespace {

PracticeGuide GuideFromProto(v1::PracticeGuide g) {
  switch (g) {
    case v1::PRACTICE_GUIDE_BREATHING_PACER: return PracticeGuide::kBreathingPacer;
    case v1::PRACTICE_GUIDE_TIMER: return PracticeGuide::kTimer;
    default: return PracticeGuide::kNone;
  }
}

v1::PracticeGuide ToProto(PracticeGuide g) {
  switch (g) {
    case PracticeGuide::kBreathingPacer: return v1::PRACTICE_GUIDE_BREATHING_PACER;
    case PracticeGuide::kTimer: return v1::PRACTICE_GUIDE_TIMER;
    case PracticeGuide::kNone: return v1::PRACTICE_GUIDE_UNSPECIFIED;
  }
  return v1::PRACTICE_GUIDE_UNSPECIFIED;
}

v1::PracticeFieldType ToProto(FieldType t) {
  switch (t) {
    case FieldType::kText: return v1::PRACTICE_FIELD_TEXT;
    case FieldType::kNumber: return v1::PRACTICE_FIELD_NUMBER;
    case FieldType::kYesNo: return v1::PRACTICE_FIELD_YES_NO;
    case FieldType::kChoice: return v1::PRACTICE_FIELD_CHOICE;
    case FieldType::kStep: return v1::PRACTICE_FIELD_STEP;
  }
  return v1::PRACTICE_FIELD_TYPE_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<PracticeKind> FromProto(const v1::PracticeKind& p, absl::string_view field) {
  PracticeKind k;
  k.key = p.key();
  k.title = p.title();
  k.description = p.description();
  if (p.guide() != v1::PRACTICE_GUIDE_UNSPECIFIED && p.guide() != v1::PRACTICE_GUIDE_BREATHING_PACER &&
      p.guide() != v1::PRACTICE_GUIDE_TIMER) {
    return InvalidField(absl::StrCat(field, ".guide"), "is not a practice guide");
  }
  k.guide = GuideFromProto(p.guide());
  k.distress_required = p.distress_required();
  k.uses_steps = p.uses_steps();
  for (int i = 0; i < p.fields_size(); ++i) {
    const v1::PracticeField& pf = p.fields(i);
    PracticeField f;
    f.key = pf.key();
    f.label = pf.label();
    f.help = pf.help();
    switch (pf.type()) {
      case v1::PRACTICE_FIELD_TEXT: f.type = FieldType::kText; break;
      case v1::PRACTICE_FIELD_NUMBER: f.type = FieldType::kNumber; break;
      case v1::PRACTICE_FIELD_YES_NO: f.type = FieldType::kYesNo; break;
      case v1::PRACTICE_FIELD_CHOICE: f.type = FieldType::kChoice; break;
      case v1::PRACTICE_FIELD_STEP: f.type = FieldType::kStep; break;
      default:
        return InvalidField(absl::StrCat(field, ".fields[", i, "].type"), "is required");
    }
    f.required = pf.required();
    f.min = pf.min();
    f.max = pf.max();
    f.max_length = pf.max_length();
    for (const auto& o : pf.options()) f.options.push_back(FieldOption{.key = o.key(), .label = o.label()});
    k.fields.push_back(std::move(f));
  }
  return k;
}

void ToProto(const PracticeKind& k, v1::PracticeKind* out) {
  out->set_key(k.key);
  out->set_title(k.title);
  out->set_description(k.description);
  out->set_guide(ToProto(k.guide));
  out->set_distress_required(k.distress_required);
  out->set_uses_steps(k.uses_steps);
  for (const PracticeField& f : k.fields) {
    v1::PracticeField* pf = out->add_fields();
    pf->set_key(f.key);
    pf->set_label(f.label);
    pf->set_help(f.help);
    pf->set_type(ToProto(f.type));
    pf->set_required(f.required);
    pf->set_min(f.min);
    pf->set_max(f.max);
    pf->set_max_length(f.max_length);
    for (const FieldOption& o : f.options) {
      v1::PracticeFieldOption* po = pf->add_options();
      po->set_key(o.key);
      po->set_label(o.label);
    }
  }
}

absl::StatusOr<ProgrammeTemplate> FromProto(const v1::ProgrammeTemplate& p) {
  ProgrammeTemplate t;
  t.summary.key = p.key();
  t.summary.version = p.version();
  t.summary.title = p.title();
  t.summary.description = p.description();
  t.summary.session_minutes = p.session_minutes();
  t.sources.assign(p.sources().begin(), p.sources().end());
  for (const auto& w : p.weeks()) {
    ProgrammeWeek week;
    week.number = w.number();
    week.title = w.title();
    week.themes.assign(w.themes().begin(), w.themes().end());
    week.in_session.assign(w.in_session().begin(), w.in_session().end());
    week.module_text = w.module_text();
    for (const auto& pr : w.practices()) {
      week.practices.push_back(Practice{.code = pr.code(),
                                        .title = pr.title(),
                                        .instructions = pr.instructions(),
                                        .caution = pr.caution(),
                                        .times_per_week = pr.times_per_week(),
                                        .minutes = pr.minutes(),
                                        .kind = pr.kind()});
    }
    t.weeks.push_back(std::move(week));
  }
  for (int i = 0; i < p.practice_kinds_size(); ++i) {
    ASSIGN_OR_RETURN(PracticeKind k, FromProto(p.practice_kinds(i), absl::StrCat("template.practice_kinds[", i, "]")));
    t.practice_kinds.push_back(std::move(k));
  }
  return t;
}

void ToProto(const ProgrammeWeek& w, v1::ProgrammeWeek* out) {
  out->set_number(w.number);
  out->set_title(w.title);
  for (const auto& x : w.themes) out->add_themes(x);
  for (const auto& x : w.in_session) out->add_in_session(x);
  out->set_module_text(w.module_text);
  for (const Practice& p : w.practices) {
    v1::Practice* pp = out->add_practices();
    pp->set_code(p.code);
    pp->set_title(p.title);
    pp->set_instructions(p.instructions);
    pp->set_caution(p.caution);
    pp->set_times_per_week(p.times_per_week);
    pp->set_minutes(p.minutes);
    pp->set_kind(p.kind);
  }
}

void ToProto(const ProgrammeTemplate& t, v1::ProgrammeTemplate* out) {
  const TemplateSummary& s = t.summary;
  out->set_id(s.id);
  out->set_key(s.key);
  out->set_version(s.version);
  out->set_title(s.title);
  out->set_description(s.description);
  out->set_organisation_id(s.owner_organisation_id);
  out->set_based_on_template_id(s.based_on_template_id.value_or(0));
  out->set_session_minutes(s.session_minutes);
  rpc::ToProto(s.created_at, out->mutable_created_at());
  for (const auto& src : t.sources) out->add_sources(src);
  for (const ProgrammeWeek& w : t.weeks) ToProto(w, out->add_weeks());
  for (const PracticeKind& k : t.practice_kinds) ToProto(k, out->add_practice_kinds());
}

void ToProto(const TemplateSummary& s, v1::ProgrammeTemplateSummary* out) {
  out->set_id(s.id);
  out->set_key(s.key);
  out->set_version(s.version);
  out->set_title(s.title);
  out->set_description(s.description);
  out->set_organisation_id(s.owner_organisation_id);
  out->set_based_on_template_id(s.based_on_template_id.value_or(0));
  out->set_week_count(s.week_count);
  rpc::ToProto(s.created_at, out->mutable_created_at());
}

absl::StatusOr<int> ImportTemplateFiles(TemplateService& service, RequestContext& ctx,
                                        const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return absl::NotFoundError(absl::StrCat("no template directory ", dir));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && absl::EndsWith(entry.path().string(), ".textproto")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  int loaded = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    v1::ProgrammeTemplate proto;
    if (!google::protobuf::TextFormat::ParseFromString(text.str(), &proto)) {
      return absl::InvalidArgumentError(absl::StrCat(file.filename().string(), ": not a valid cft.v1.ProgrammeTemplate"));
    }
    absl::StatusOr<ProgrammeTemplate> parsed = FromProto(proto);
    absl::StatusOr<bool> stored = parsed.ok() ? service.ImportBuiltin(ctx, *std::move(parsed)) : parsed.status();
    if (!stored.ok()) {
      return absl::Status(stored.status().code(),
                          absl::StrCat(file.filename().string(), ": ", stored.status().message()));
    }
    if (*stored) ++loaded;
  }
  return loaded;
}

}  // namespace cft::programme
