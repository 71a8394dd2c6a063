#include "services/programme/template_service.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"

namespace cft::programme {
namespace {

bool IsKey(absl::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) && !absl::ascii_isdigit(static_cast<unsigned char>(c)) &&
        c != '-') {
      return false;
    }
  }
  return true;
}

bool IsCode(absl::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

absl::Status ValidateList(const std::string& field, const std::vector<std::string>& items,
                          size_t max_items, size_t max_chars) {
  if (items.size() > max_items) return InvalidField(field, absl::StrCat("at most ", max_items, " items"));
  for (size_t i = 0; i < items.size(); ++i) {
    RETURN_IF_ERROR(ValidateText(absl::StrCat(field, "[", i, "]"), items[i], 1, max_chars));
  }
  return absl::OkStatus();
}

// Field keys name log values and request paths ("fields.situation").
bool IsFieldKey(absl::string_view s) {
  if (s.empty() || s.size() > 64 || !absl::ascii_islower(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) && !absl::ascii_isdigit(static_cast<unsigned char>(c)) &&
        c != '_') {
      return false;
    }
  }
  return true;
}

constexpr size_t kMaxKinds = 30;
constexpr size_t kMaxFields = 20;
constexpr int kMaxTextLength = 5000;
constexpr int kNumberLimit = 100000;

absl::Status ValidateField(const PracticeField& f, const PracticeKind& kind, const std::string& fp) {
  if (!IsFieldKey(f.key)) {
    return InvalidField(fp + ".key", "must be 1-64 lower-case letters, digits or underscores, starting with a letter");
  }
  RETURN_IF_ERROR(ValidateText(fp + ".label", f.label, 1, 200));
  RETURN_IF_ERROR(ValidateText(fp + ".help", f.help, 0, 1000, true));
  const bool number = f.type == FieldType::kNumber;
  const bool text = f.type == FieldType::kText;
  const bool choice = f.type == FieldType::kChoice;
  if (number) {
    if (f.min < -kNumberLimit || f.max > kNumberLimit || f.min >= f.max) {
      return InvalidField(fp + ".max", absl::StrCat("must be more than min, within ", -kNumberLimit, " to ", kNumberLimit));
    }
  } else if (f.min != 0 || f.max != 0) {
    return InvalidField(fp + ".min", "only a number field has a range");
  }
  if (text) {
    if (f.max_length < 1 || f.max_length > kMaxTextLength) {
      return InvalidField(fp + ".max_length", absl::StrCat("must be between 1 and ", kMaxTextLength));
    }
  } else if (f.max_length != 0) {
    return InvalidField(fp + ".max_length", "only a text field has a length");
  }
  if (choice) {
    if (f.options.size() < 2 || f.options.size() > 12) return InvalidField(fp + ".options", "must list 2 to 12 options");
    std::set<std::string> keys;
    for (size_t o = 0; o < f.options.size(); ++o) {
      const std::string op = absl::StrCat(fp, ".options[", o, "]");
      if (!IsFieldKey(f.options[o].key)) {
        return InvalidField(op + ".key", "must be 1-64 lower-case letters, digits or underscores, starting with a letter");
      }
      if (!keys.insert(f.options[o].key).second) return InvalidField(op + ".key", "is used twice in this field");
      RETURN_IF_ERROR(ValidateText(op + ".label", f.options[o].label, 1, 200));
    }
  } else if (!f.options.empty()) {
    return InvalidField(fp + ".options", "only a choice field has options");
  }
  if (f.type == FieldType::kStep && !kind.uses_steps) {
    return InvalidField(fp + ".type", "a step field needs a kind that uses_steps");
  }
  return absl::OkStatus();
}

absl::Status ValidateKinds(const std::vector<PracticeKind>& kinds, const std::string& p) {
  if (kinds.size() > kMaxKinds) return InvalidField(p + ".practice_kinds", absl::StrCat("at most ", kMaxKinds, " kinds"));
  std::set<std::string> keys;
  for (size_t k = 0; k < kinds.size(); ++k) {
    const PracticeKind& kind = kinds[k];
    const std::string kp = absl::StrCat(p, ".practice_kinds[", k, "]");
    if (!IsKey(kind.key)) return InvalidField(kp + ".key", "must be 1-64 lower-case letters, digits or dashes");
    if (!keys.insert(kind.key).second) return InvalidField(kp + ".key", "is used twice in this template");
    RETURN_IF_ERROR(ValidateText(kp + ".title", kind.title, 1, 200));
    RETURN_IF_ERROR(ValidateText(kp + ".description", kind.description, 0, 2000, true));
    if (kind.fields.size() > kMaxFields) return InvalidField(kp + ".fields", absl::StrCat("at most ", kMaxFields, " fields"));
    std::set<std::string> field_keys;
    int steps = 0;
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      const std::string fp = absl::StrCat(kp, ".fields[", f, "]");
      RETURN_IF_ERROR(ValidateField(kind.fields[f], kind, fp));
      if (!field_keys.insert(kind.fields[f].key).second) return InvalidField(fp + ".key", "is used twice in this kind");
      if (kind.fields[f].type == FieldType::kStep) ++steps;
    }
    if (kind.uses_steps && steps != 1) {
      return InvalidField(kp + ".fields", "a kind that uses_steps needs exactly one step field");
    }
  }
  return absl::OkStatus();
}

// Length-prefixed fields: no two different contents encode alike.
void Put(std::string& out, absl::string_view field) { absl::StrAppend(&out, field.size(), ":", field, ";"); }

}  // namespace

void NormalizeTemplate(ProgrammeTemplate& t) {
  auto trim = [](std::string& s) { s = Trimmed(s); };
  trim(t.summary.key);
  trim(t.summary.title);
  trim(t.summary.description);
  for (auto& src : t.sources) trim(src);
  for (ProgrammeWeek& w : t.weeks) {
    trim(w.title);
    for (auto& x : w.themes) trim(x);
    for (auto& x : w.in_session) trim(x);
    trim(w.module_text);
    for (Practice& p : w.practices) {
      trim(p.code);
      trim(p.title);
      trim(p.instructions);
      trim(p.caution);
      trim(p.kind);
    }
  }
  for (PracticeKind& k : t.practice_kinds) {
    trim(k.key);
    trim(k.title);
    trim(k.description);
    for (PracticeField& f : k.fields) {
      trim(f.key);
      trim(f.label);
      trim(f.help);
      for (FieldOption& o : f.options) {
        trim(o.key);
        trim(o.label);
      }
    }
  }
}

absl::Status ValidateTemplate(const ProgrammeTemplate& t, absl::string_view prefix) {
  const std::string p(prefix);
  const TemplateSummary& s = t.summary;
  if (!s.key.empty() && !IsKey(s.key)) {
    return InvalidField(p + ".key", "must be 1-64 lower-case letters, digits or dashes");
  }
  RETURN_IF_ERROR(ValidateText(p + ".title", s.title, 1, 200));
  RETURN_IF_ERROR(ValidateText(p + ".description", s.description, 0, 5000, true));
  if (s.session_minutes < 30 || s.session_minutes > 300) {
    return InvalidField(p + ".session_minutes", "must be between 30 and 300");
  }
  RETURN_IF_ERROR(ValidateList(p + ".sources", t.sources, 20, 500));
  RETURN_IF_ERROR(ValidateKinds(t.practice_kinds, p));
  if (t.weeks.empty() || t.weeks.size() > kMaxWeeks) {
    return InvalidField(p + ".weeks", absl::StrCat("must have between 1 and ", kMaxWeeks, " weeks"));
  }
  for (size_t i = 0; i < t.weeks.size(); ++i) {
    const ProgrammeWeek& w = t.weeks[i];
    const std::string wp = absl::StrCat(p, ".weeks[", i, "]");
    if (w.number != static_cast<int>(i) + 1) {
      return InvalidField(wp + ".number", absl::StrCat("must be ", i + 1, " (weeks are numbered in order)"));
    }
    RETURN_IF_ERROR(ValidateText(wp + ".title", w.title, 1, 200));
    RETURN_IF_ERROR(ValidateList(wp + ".themes", w.themes, 20, 300));
    RETURN_IF_ERROR(ValidateList(wp + ".in_session", w.in_session, 20, 300));
    RETURN_IF_ERROR(ValidateText(wp + ".module_text", w.module_text, 0, 20000, true));
    if (w.practices.size() > 10) return InvalidField(wp + ".practices", "at most 10 practices a week");
    std::set<std::string> codes;
    for (size_t j = 0; j < w.practices.size(); ++j) {
      const Practice& pr = w.practices[j];
      const std::string pp = absl::StrCat(wp, ".practices[", j, "]");
      if (!IsCode(pr.code)) return InvalidField(pp + ".code", "must be 1-64 letters, digits, dashes or underscores");
      if (!codes.insert(pr.code).second) return InvalidField(pp + ".code", "is used twice in this week");
      RETURN_IF_ERROR(ValidateText(pp + ".title", pr.title, 1, 200));
      RETURN_IF_ERROR(ValidateText(pp + ".instructions", pr.instructions, 0, 4000, true));
      RETURN_IF_ERROR(ValidateText(pp + ".caution", pr.caution, 0, 2000, true));
      if (pr.times_per_week < 1 || pr.times_per_week > 21) {
        return InvalidField(pp + ".times_per_week", "must be between 1 and 21");
      }
      if (pr.minutes < 1 || pr.minutes > 120) return InvalidField(pp + ".minutes", "must be between 1 and 120");
      if (!pr.kind.empty()) {
        const PracticeKind* kind = FindKind(t.practice_kinds, pr.kind);
        if (kind == nullptr) return InvalidField(pp + ".kind", "is not one of the template's practice_kinds");
        if (kind->uses_steps) {
          return InvalidField(pp + ".kind",
                              "a ladder's steps are personal: set it for a participant with CreateAssignment");
        }
      }
    }
  }
  return absl::OkStatus();
}

std::string ContentChecksum(const ProgrammeTemplate& t) {
  std::string c;
  Put(c, t.summary.key);
  Put(c, std::to_string(t.summary.version));
  Put(c, t.summary.title);
  Put(c, t.summary.description);
  Put(c, std::to_string(t.summary.session_minutes));
  for (const auto& src : t.sources) Put(c, src);
  for (const ProgrammeWeek& w : t.weeks) {
    Put(c, "week");
    Put(c, std::to_string(w.number));
    Put(c, w.title);
    for (const auto& x : w.themes) Put(c, x);
    Put(c, "in-session");
    for (const auto& x : w.in_session) Put(c, x);
    Put(c, w.module_text);
    for (const Practice& p : w.practices) {
      Put(c, p.code);
      Put(c, p.title);
      Put(c, p.instructions);
      Put(c, p.caution);
      Put(c, std::to_string(p.times_per_week));
      Put(c, std::to_string(p.minutes));
      Put(c, p.kind);
    }
  }
  Put(c, "kinds");
  for (const PracticeKind& k : t.practice_kinds) {
    Put(c, "kind");
    Put(c, k.key);
    Put(c, k.title);
    Put(c, k.description);
    Put(c, Name(k.guide));
    Put(c, k.distress_required ? "1" : "0");
    Put(c, k.uses_steps ? "1" : "0");
    for (const PracticeField& f : k.fields) {
      Put(c, "field");
      Put(c, f.key);
      Put(c, f.label);
      Put(c, f.help);
      Put(c, Name(f.type));
      Put(c, f.required ? "1" : "0");
      Put(c, std::to_string(f.min));
      Put(c, std::to_string(f.max));
      Put(c, std::to_string(f.max_length));
      Put(c, std::to_string(f.options.size()));
      for (const FieldOption& o : f.options) {
        Put(c, o.key);
        Put(c, o.label);
      }
    }
  }
  return HexEncode(Sha256(c));
}

absl::StatusOr<TemplateSummary> TemplateService::VisibleSummary(UnitOfWork& uow, int64_t organisation_id,
                                                                int64_t template_id,
                                                                absl::string_view field) {
  ASSIGN_OR_RETURN(auto s, repo_.FindSummary(uow, template_id));
  // Another organisation's template is as absent as one that does not exist.
  if (!s || (s->owner_organisation_id != 0 && s->owner_organisation_id != organisation_id)) {
    return absl::NotFoundError(absl::StrCat(field, ": no such programme template"));
  }
  return *s;
}

absl::StatusOr<std::vector<std::string>> TemplateService::WeekTitles(UnitOfWork& uow, int64_t template_id) {
  {
    absl::MutexLock lock(&cache_mu_);
    if (auto it = titles_.find(template_id); it != titles_.end()) return *it->second;
  }
  ASSIGN_OR_RETURN(std::vector<std::string> titles, repo_.ListWeekTitles(uow, template_id));
  // An id without weeks is not a stored version (yet): nothing to keep.
  if (!titles.empty()) {
    absl::MutexLock lock(&cache_mu_);
    titles_.emplace(template_id, std::make_shared<const std::vector<std::string>>(titles));
  }
  return titles;
}

absl::StatusOr<ProgrammeTemplate> TemplateService::VisibleTemplate(UnitOfWork& uow,
                                                                   int64_t organisation_id,
                                                                   int64_t template_id,
                                                                   absl::string_view field) {
  std::shared_ptr<const ProgrammeTemplate> t;
  {
    absl::MutexLock lock(&cache_mu_);
    if (auto it = templates_.find(template_id); it != templates_.end()) t = it->second;
  }
  if (t == nullptr) {
    ASSIGN_OR_RETURN(auto found, repo_.Find(uow, template_id));
    if (found) {
      t = std::make_shared<const ProgrammeTemplate>(*std::move(found));
      absl::MutexLock lock(&cache_mu_);
      templates_.emplace(template_id, t);
    }
  }
  if (t == nullptr || (t->summary.owner_organisation_id != 0 && t->summary.owner_organisation_id != organisation_id)) {
    return absl::NotFoundError(absl::StrCat(field, ": no such programme template"));
  }
  return *t;
}

absl::StatusOr<std::vector<PracticeKind>> TemplateService::PracticeKinds(UnitOfWork& uow, int64_t template_id) {
  {
    absl::MutexLock lock(&cache_mu_);
    if (auto it = kinds_.find(template_id); it != kinds_.end()) return *it->second;
  }
  ASSIGN_OR_RETURN(std::vector<PracticeKind> kinds, repo_.ListPracticeKinds(uow, template_id));
  // An id without kinds is a version stored before kinds existed or not a
  // stored version (yet); neither is worth keeping.
  if (!kinds.empty()) {
    absl::MutexLock lock(&cache_mu_);
    kinds_.emplace(template_id, std::make_shared<const std::vector<PracticeKind>>(kinds));
  }
  return kinds;
}

absl::StatusOr<PracticeKind> TemplateService::Kind(UnitOfWork& uow, int64_t template_id, absl::string_view key,
                                                  absl::string_view field) {
  ASSIGN_OR_RETURN(std::vector<PracticeKind> kinds, PracticeKinds(uow, template_id));
  const PracticeKind* kind = FindKind(kinds, key);
  if (kind == nullptr) return InvalidField(field, "is not a practice kind of this group's programme");
  return *kind;
}

absl::StatusOr<std::vector<TemplateSummary>> TemplateService::List(RequestContext& ctx) {
  return InReadOnly(tx_, [&](UnitOfWork& uow) {
    return repo_.ListVisible(uow, ctx.caller().organisation_id);
  });
}

absl::StatusOr<ProgrammeTemplate> TemplateService::Get(RequestContext& ctx, int64_t template_id) {
  if (template_id <= 0) return InvalidField("template_id", "is required");
  return InReadOnly(tx_, [&](UnitOfWork& uow) {
    return VisibleTemplate(uow, ctx.caller().organisation_id, template_id, "template_id");
  });
}

absl::StatusOr<ProgrammeTemplate> TemplateService::Save(RequestContext& ctx, int64_t base_template_id,
                                                        ProgrammeTemplate edited) {
  if (base_template_id <= 0) return InvalidField("base_template_id", "is required");
  NormalizeTemplate(edited);
  RETURN_IF_ERROR(ValidateTemplate(edited, "template"));
  const int64_t org = ctx.caller().organisation_id;
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<ProgrammeTemplate> {
    ASSIGN_OR_RETURN(TemplateSummary base, VisibleSummary(uow, org, base_template_id, "base_template_id"));
    ProgrammeTemplate t = edited;
    TemplateSummary& s = t.summary;
    if (s.key.empty()) {
      s.key = base.owner_organisation_id == org ? base.key : absl::StrCat(base.key, "-org", org);
      if (s.key.size() > 64) return InvalidField("template.key", "is required for this template");
    }
    s.owner_organisation_id = org;
    s.based_on_template_id = base.id;
    s.created_at = now;
    ASSIGN_OR_RETURN(int latest, repo_.LockLatestVersion(uow, org, s.key));
    s.version = latest + 1;
    s.week_count = static_cast<int>(t.weeks.size());
    s.checksum = ContentChecksum(t);
    absl::StatusOr<int64_t> id = repo_.Insert(uow, t, ctx.caller().user_id);
    if (id.status().code() == absl::StatusCode::kAlreadyExists) {
      // Another save of this lineage took the version number first (a new
      // lineage has no row to lock): run again to take the next one.
      return absl::AbortedError("a concurrent save took this version number");
    }
    RETURN_IF_ERROR(id.status());
    s.id = *id;
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "programme_template",
                                               .target_id = absl::StrCat(s.id)}));
    return t;
  });
}

absl::StatusOr<bool> TemplateService::ImportBuiltin(RequestContext& ctx, ProgrammeTemplate t) {
  NormalizeTemplate(t);
  RETURN_IF_ERROR(ValidateTemplate(t, "template"));
  if (t.summary.key.empty()) return InvalidField("template.key", "is required");
  if (t.summary.version < 1) return InvalidField("template.version", "must be 1 or more");
  TemplateSummary& s = t.summary;
  s.owner_organisation_id = 0;
  s.based_on_template_id.reset();
  s.week_count = static_cast<int>(t.weeks.size());
  s.checksum = ContentChecksum(t);
  s.created_at = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<bool> {
    ASSIGN_OR_RETURN(auto existing, repo_.FindVersion(uow, 0, s.key, s.version));
    if (existing) {
      if (existing->checksum == s.checksum) return false;
      return absl::FailedPreconditionError(absl::StrCat(
          "built-in template ", s.key, " version ", s.version,
          " changed after it was loaded; give the edited file a new version number"));
    }
    ASSIGN_OR_RETURN(int64_t id, repo_.Insert(uow, t, std::nullopt));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "programme_template",
                                               .target_id = absl::StrCat(id)}));
    return true;
  });
}

}  // namespace cft::programme
