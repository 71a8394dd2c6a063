#include "services/programme/programme_mapping.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "services/common/status_macros.h"
#include "services/rpc/proto_time.h"

namespace cft::programme {

ProgrammeTemplate FromProto(const v1::ProgrammeTemplate& p) {
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
                                        .minutes = pr.minutes()});
    }
    t.weeks.push_back(std::move(week));
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
    absl::StatusOr<bool> stored = service.ImportBuiltin(ctx, FromProto(proto));
    if (!stored.ok()) {
      return absl::Status(stored.status().code(),
                          absl::StrCat(file.filename().string(), ": ", stored.status().message()));
    }
    if (*stored) ++loaded;
  }
  return loaded;
}

}  // namespace cft::programme
