#include "services/measures/instrument_catalog.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/measures/scoring.h"

namespace cft::measures {
namespace {

constexpr double kEpsilon = 1e-9;

bool IsKey(absl::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!absl::ascii_islower(u) && !absl::ascii_isdigit(u) && c != '-') return false;
  }
  return true;
}

bool IsCode(absl::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!absl::ascii_isalnum(u) && c != '_' && c != '-') return false;
  }
  return true;
}

absl::Status Required(const std::string& field, const std::string& value, size_t max = 500) {
  if (value.empty()) return InvalidField(field, "is required");
  if (value.size() > max) return InvalidField(field, absl::StrCat("must be at most ", max, " characters"));
  return absl::OkStatus();
}

absl::Status ValidateOptionSets(const Instrument& in) {
  if (in.option_sets.empty()) return InvalidField("option_sets", "at least one option set is required");
  std::set<std::string> keys;
  for (size_t i = 0; i < in.option_sets.size(); ++i) {
    const OptionSet& s = in.option_sets[i];
    const std::string p = absl::StrCat("option_sets[", i, "]");
    if (!IsCode(s.key)) return InvalidField(p + ".key", "must be 1-64 letters, digits, dashes or underscores");
    if (!keys.insert(s.key).second) return InvalidField(p + ".key", "is used twice");
    if (s.options.size() < 2) return InvalidField(p + ".options", "needs at least two options");
    std::set<int> values;
    for (size_t j = 0; j < s.options.size(); ++j) {
      const std::string op = absl::StrCat(p, ".options[", j, "]");
      if (!values.insert(s.options[j].value).second) return InvalidField(op + ".value", "is used twice");
      RETURN_IF_ERROR(Required(op + ".label", s.options[j].label, 200));
    }
    // Reverse keying is min + max - value, which needs consecutive values.
    if (*values.rbegin() - *values.begin() + 1 != static_cast<int>(values.size())) {
      return InvalidField(p + ".options", "values must be consecutive");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateItems(const Instrument& in) {
  if (in.items.empty()) return InvalidField("items", "at least one item is required");
  std::set<std::string> sections;
  for (size_t i = 0; i < in.sections.size(); ++i) {
    const std::string p = absl::StrCat("sections[", i, "]");
    if (!IsCode(in.sections[i].key)) return InvalidField(p + ".key", "must be 1-64 letters, digits, dashes or underscores");
    if (!sections.insert(in.sections[i].key).second) return InvalidField(p + ".key", "is used twice");
    RETURN_IF_ERROR(Required(p + ".title", in.sections[i].title, 200));
  }
  std::set<std::string> codes;
  std::set<std::pair<std::string, int>> numbers;
  for (size_t i = 0; i < in.items.size(); ++i) {
    const Item& item = in.items[i];
    const std::string p = absl::StrCat("items[", i, "]");
    if (!IsCode(item.code)) return InvalidField(p + ".code", "must be 1-64 letters, digits, dashes or underscores");
    if (!codes.insert(item.code).second) return InvalidField(p + ".code", "is used twice");
    if (item.number < 1) return InvalidField(p + ".number", "must be 1 or more");
    if (!numbers.insert({item.section, item.number}).second) {
      return InvalidField(p + ".number", "is used twice in its section");
    }
    if (in.FindOptionSet(item.option_set) == nullptr) return InvalidField(p + ".option_set", "no such option set");
    if (!in.sections.empty() && item.section.empty()) return InvalidField(p + ".section", "is required (the form has sections)");
    if (!item.section.empty() && !sections.count(item.section)) return InvalidField(p + ".section", "no such section");
    if (item.text.size() > 1000) return InvalidField(p + ".text", "must be at most 1000 characters");
  }
  return absl::OkStatus();
}

absl::Status ValidateBands(const Instrument& in, const ScoreDef& s, const std::string& p) {
  if (s.bands.empty()) return absl::OkStatus();
  const ScoreRange range = RangeOf(in, s);
  const double step = std::pow(10.0, -s.decimals);
  std::set<int> severities;
  for (size_t b = 0; b < s.bands.size(); ++b) {
    const Band& band = s.bands[b];
    const std::string bp = absl::StrCat(p, ".bands[", b, "]");
    RETURN_IF_ERROR(Required(bp + ".label", band.label, 100));
    if (band.max < band.min) return InvalidField(bp + ".max", "must not be below min");
    if (band.severity < 0 || !severities.insert(band.severity).second) {
      return InvalidField(bp + ".severity", "must be 0 or more and differ between bands");
    }
    if (b == 0 && std::fabs(band.min - range.min) > kEpsilon) {
      return InvalidField(bp + ".min", absl::StrFormat("must be the lowest possible score, %g", range.min));
    }
    if (b > 0 && std::fabs(band.min - (s.bands[b - 1].max + step)) > kEpsilon) {
      return InvalidField(bp + ".min", absl::StrFormat("must follow the previous band's max at this score's "
                                                       "precision (%g)", s.bands[b - 1].max + step));
    }
    if (b + 1 == s.bands.size() && std::fabs(band.max - range.max) > kEpsilon) {
      return InvalidField(bp + ".max", absl::StrFormat("must be the highest possible score, %g", range.max));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateReliableChange(const ReliableChangeDef& rc, const std::string& p) {
  const int sources = (rc.threshold ? 1 : 0) + (rc.sd || rc.reliability ? 1 : 0) + (rc.set_by_organisation ? 1 : 0);
  if (sources != 1) {
    return InvalidField(p, "give exactly one of: a published threshold, a published SD and reliability, "
                           "or set_by_organisation");
  }
  if (rc.threshold && *rc.threshold <= 0) return InvalidField(p + ".threshold", "must be above 0");
  if (rc.sd || rc.reliability) {
    if (!rc.sd || *rc.sd <= 0) return InvalidField(p + ".sd", "must be above 0");
    if (!rc.reliability || *rc.reliability <= 0 || *rc.reliability >= 1) {
      return InvalidField(p + ".reliability", "must be between 0 and 1");
    }
    if (rc.reliability_type == ReliabilityType::kUnspecified) return InvalidField(p + ".reliability_type", "is required");
  }
  if (rc.z != 0 && (rc.z < 1 || rc.z > 4)) return InvalidField(p + ".z", "must be between 1 and 4");
  if (!rc.set_by_organisation) RETURN_IF_ERROR(Required(p + ".source", rc.source));
  return absl::OkStatus();
}

absl::Status ValidateNorms(const std::optional<Norms>& n, const std::string& p) {
  if (!n) return absl::OkStatus();
  if (n->sd <= 0) return InvalidField(p + ".sd", "must be above 0");
  return Required(p + ".source", n->source);
}

absl::Status ValidateScores(const Instrument& in) {
  if (in.scores.empty()) return InvalidField("scores", "at least one score is required");
  std::set<std::string> keys;
  std::set<std::string> scored;
  for (size_t i = 0; i < in.scores.size(); ++i) {
    const ScoreDef& s = in.scores[i];
    const std::string p = absl::StrCat("scores[", i, "]");
    if (!IsCode(s.key)) return InvalidField(p + ".key", "must be 1-64 letters, digits, dashes or underscores");
    if (!keys.insert(s.key).second) return InvalidField(p + ".key", "is used twice");
    RETURN_IF_ERROR(Required(p + ".title", s.title, 200));
    if (s.item_codes.empty()) return InvalidField(p + ".item_codes", "at least one item is required");
    std::set<std::string> mine;
    for (size_t j = 0; j < s.item_codes.size(); ++j) {
      const std::string ip = absl::StrCat(p, ".item_codes[", j, "]");
      const Item* item = in.FindItem(s.item_codes[j]);
      if (item == nullptr) return InvalidField(ip, "no such item");
      if (item->unscored) return InvalidField(ip, "is an unscored item");
      if (!mine.insert(item->code).second) return InvalidField(ip, "is listed twice");
      scored.insert(item->code);
    }
    if (s.rule == ScoringRule::kUnspecified) return InvalidField(p + ".rule", "is required");
    if (s.multiplier <= 0) return InvalidField(p + ".multiplier", "must be above 0");
    if (s.decimals < 0 || s.decimals > 3) return InvalidField(p + ".decimals", "must be between 0 and 3");
    if (s.polarity == Polarity::kUnspecified) return InvalidField(p + ".polarity", "is required");
    if (s.missing.max_prorated < 0 || s.missing.max_prorated >= static_cast<int>(s.item_codes.size())) {
      return InvalidField(p + ".missing.max_prorated", "must be between 0 and one less than the number of items");
    }
    RETURN_IF_ERROR(ValidateBands(in, s, p));
    if (s.caseness_cutoff) {
      const ScoreRange range = RangeOf(in, s);
      if (*s.caseness_cutoff < range.min || *s.caseness_cutoff > range.max) {
        return InvalidField(p + ".caseness_cutoff", "must be a possible score");
      }
      RETURN_IF_ERROR(Required(p + ".caseness_source", s.caseness_source));
    }
    RETURN_IF_ERROR(ValidateReliableChange(s.reliable_change, p + ".reliable_change"));
    RETURN_IF_ERROR(ValidateNorms(s.clinical_norms, p + ".clinical_norms"));
    RETURN_IF_ERROR(ValidateNorms(s.functional_norms, p + ".functional_norms"));
    if (s.functional_norms && !s.clinical_norms) {
      return InvalidField(p + ".clinical_norms", "is required with functional norms");
    }
  }
  for (size_t i = 0; i < in.items.size(); ++i) {
    if (!in.items[i].unscored && !scored.count(in.items[i].code)) {
      return InvalidField(absl::StrCat("items[", i, "].unscored"), "the item is in no score: mark it unscored");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRiskRules(const Instrument& in) {
  std::set<std::string> keys;
  for (size_t i = 0; i < in.risk_rules.size(); ++i) {
    const RiskRule& r = in.risk_rules[i];
    const std::string p = absl::StrCat("risk_rules[", i, "]");
    if (!IsCode(r.key)) return InvalidField(p + ".key", "must be 1-64 letters, digits, dashes or underscores");
    if (!keys.insert(r.key).second) return InvalidField(p + ".key", "is used twice");
    if (r.tier == RiskTier::kUnspecified) return InvalidField(p + ".tier", "is required");
    RETURN_IF_ERROR(Required(p + ".description", r.description));
    switch (r.kind) {
      case RiskRule::Kind::kItem: {
        const Item* item = in.FindItem(r.item_code);
        if (item == nullptr) return InvalidField(p + ".item.item_code", "no such item");
        const OptionSet* set = in.OptionSetOf(*item);
        if (r.min_value > r.max_value || r.min_value < set->MinValue() || r.max_value > set->MaxValue()) {
          return InvalidField(p + ".item.min_value", "must give a range of the item's values");
        }
        break;
      }
      case RiskRule::Kind::kScore: {
        const ScoreDef* s = in.FindScore(r.score_key);
        if (s == nullptr) return InvalidField(p + ".score.score_key", "no such score");
        const ScoreRange range = RangeOf(in, *s);
        if (r.at_least < range.min || r.at_least > range.max) {
          return InvalidField(p + ".score.at_least", "must be a possible score");
        }
        break;
      }
      case RiskRule::Kind::kDeterioration:
        if (in.FindScore(r.score_key) == nullptr) return InvalidField(p + ".deterioration.score_key", "no such score");
        break;
      case RiskRule::Kind::kUnspecified:
        return InvalidField(p, "needs a condition (item, score or deterioration)");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateLicence(const Instrument& in) {
  RETURN_IF_ERROR(Required("licence.licence", in.licence.licence));
  RETURN_IF_ERROR(Required("licence.licence_source", in.licence.licence_source));
  switch (in.licence.item_text) {
    case ItemTextPolicy::kUnspecified:
      return InvalidField("licence.item_text", "is required");
    case ItemTextPolicy::kShipped:
      RETURN_IF_ERROR(Required("licence.copyright_line", in.licence.copyright_line));
      for (size_t i = 0; i < in.items.size(); ++i) {
        if (in.items[i].text.empty()) {
          return InvalidField(absl::StrCat("items[", i, "].text"), "is required when the item text ships");
        }
      }
      break;
    case ItemTextPolicy::kLicensedOnly:
      // Licence-bound wording must never reach a file that ships.
      if (!in.instructions.empty()) return InvalidField("instructions", "must be empty for a definition-only instrument");
      for (size_t i = 0; i < in.sections.size(); ++i) {
        if (!in.sections[i].instructions.empty()) {
          return InvalidField(absl::StrCat("sections[", i, "].instructions"),
                              "must be empty for a definition-only instrument");
        }
      }
      for (size_t i = 0; i < in.items.size(); ++i) {
        if (!in.items[i].text.empty()) {
          return InvalidField(absl::StrCat("items[", i, "].text"), "must be empty for a definition-only instrument");
        }
      }
      break;
  }
  return absl::OkStatus();
}

absl::Status ValidatePaperForm(const Instrument& in) {
  if (in.paper_form.keyed_value == PaperValueMode::kUnspecified) {
    return InvalidField("paper_form.keyed_value", "is required");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < in.paper_form.printed_reversed_items.size(); ++i) {
    const std::string p = absl::StrCat("paper_form.printed_reversed_items[", i, "]");
    const std::string& code = in.paper_form.printed_reversed_items[i];
    if (in.FindItem(code) == nullptr) return InvalidField(p, "no such item");
    if (!seen.insert(code).second) return InvalidField(p, "is listed twice");
    if (in.paper_form.keyed_value != PaperValueMode::kPrintedScore) {
      return InvalidField(p, "only applies when printed scores are keyed");
    }
  }
  return absl::OkStatus();
}

// Length-prefixed fields, so no two different definitions encode alike.
void Put(std::string& out, absl::string_view field) { absl::StrAppend(&out, field.size(), ":", field, ";"); }
void PutNumber(std::string& out, double v) { Put(out, absl::StrFormat("%.17g", v)); }
void PutOptional(std::string& out, const std::optional<double>& v) {
  if (v) {
    PutNumber(out, *v);
  } else {
    Put(out, "-");
  }
}

}  // namespace

absl::Status ValidateInstrument(const Instrument& in) {
  if (!IsKey(in.key)) return InvalidField("key", "must be 1-64 lower-case letters, digits or dashes");
  if (in.version < 1) return InvalidField("version", "must be 1 or more");
  RETURN_IF_ERROR(Required("short_name", in.short_name, 40));
  RETURN_IF_ERROR(Required("title", in.title, 200));
  if (in.instructions.size() > 4000) return InvalidField("instructions", "must be at most 4000 characters");
  RETURN_IF_ERROR(ValidateOptionSets(in));
  RETURN_IF_ERROR(ValidateItems(in));
  RETURN_IF_ERROR(ValidateScores(in));
  RETURN_IF_ERROR(ValidateRiskRules(in));
  RETURN_IF_ERROR(ValidateLicence(in));
  RETURN_IF_ERROR(ValidatePaperForm(in));
  if (in.sources.empty()) return InvalidField("sources", "cite at least one source");
  for (size_t i = 0; i < in.sources.size(); ++i) {
    RETURN_IF_ERROR(Required(absl::StrCat("sources[", i, "]"), in.sources[i], 1000));
  }
  return absl::OkStatus();
}

std::string InstrumentChecksum(const Instrument& in) {
  std::string c;
  Put(c, in.key);
  Put(c, std::to_string(in.version));
  Put(c, in.short_name);
  Put(c, in.title);
  Put(c, in.instructions);
  Put(c, in.recall_period);
  Put(c, in.licence.licence);
  Put(c, in.licence.licence_source);
  Put(c, in.licence.copyright_line);
  Put(c, std::to_string(static_cast<int>(in.licence.item_text)));
  for (const OptionSet& s : in.option_sets) {
    Put(c, "option-set");
    Put(c, s.key);
    for (const ResponseOption& o : s.options) {
      Put(c, std::to_string(o.value));
      Put(c, o.label);
      Put(c, o.loinc_answer_code);
    }
  }
  for (const Section& s : in.sections) {
    Put(c, "section");
    Put(c, s.key);
    Put(c, s.title);
    Put(c, s.instructions);
    Put(c, s.optional ? "1" : "0");
  }
  for (const Item& i : in.items) {
    Put(c, "item");
    Put(c, i.code);
    Put(c, std::to_string(i.number));
    Put(c, i.text);
    Put(c, i.option_set);
    Put(c, i.reverse_keyed ? "1" : "0");
    Put(c, i.unscored ? "1" : "0");
    Put(c, i.section);
    Put(c, i.loinc_code);
  }
  for (const ScoreDef& s : in.scores) {
    Put(c, "score");
    Put(c, s.key);
    Put(c, s.title);
    for (const std::string& code : s.item_codes) Put(c, code);
    Put(c, std::to_string(static_cast<int>(s.rule)));
    PutNumber(c, s.multiplier);
    Put(c, std::to_string(s.missing.max_prorated));
    Put(c, s.missing.accept_without_score ? "1" : "0");
    Put(c, std::to_string(s.decimals));
    Put(c, std::to_string(static_cast<int>(s.polarity)));
    for (const Band& b : s.bands) {
      PutNumber(c, b.min);
      PutNumber(c, b.max);
      Put(c, b.label);
      Put(c, std::to_string(b.severity));
    }
    PutOptional(c, s.caseness_cutoff);
    Put(c, s.caseness_source);
    const ReliableChangeDef& rc = s.reliable_change;
    PutOptional(c, rc.threshold);
    PutOptional(c, rc.sd);
    PutOptional(c, rc.reliability);
    Put(c, std::to_string(static_cast<int>(rc.reliability_type)));
    PutNumber(c, rc.z);
    Put(c, rc.source);
    Put(c, rc.set_by_organisation ? "1" : "0");
    for (const std::optional<Norms>* n : {&s.clinical_norms, &s.functional_norms}) {
      if (*n) {
        PutNumber(c, (*n)->mean);
        PutNumber(c, (*n)->sd);
        Put(c, (*n)->source);
      } else {
        Put(c, "-");
      }
    }
    Put(c, s.primary ? "1" : "0");
    Put(c, s.loinc_code);
  }
  for (const RiskRule& r : in.risk_rules) {
    Put(c, "risk");
    Put(c, r.key);
    Put(c, std::to_string(static_cast<int>(r.tier)));
    Put(c, std::to_string(static_cast<int>(r.kind)));
    Put(c, r.item_code);
    Put(c, std::to_string(r.min_value));
    Put(c, std::to_string(r.max_value));
    Put(c, r.score_key);
    PutNumber(c, r.at_least);
    Put(c, r.description);
  }
  Put(c, std::to_string(static_cast<int>(in.paper_form.keyed_value)));
  for (const std::string& code : in.paper_form.printed_reversed_items) Put(c, code);
  Put(c, in.paper_form.form_source);
  Put(c, in.loinc_panel_code);
  for (const std::string& s : in.sources) Put(c, s);
  for (const std::string& n : in.notes) Put(c, n);
  return HexEncode(Sha256(c));
}

absl::StatusOr<InstrumentCatalog> InstrumentCatalog::Build(std::vector<Instrument> instruments,
                                                           const std::vector<std::string>& origins) {
  InstrumentCatalog catalog;
  std::map<std::pair<std::string, int>, std::string> seen;
  for (size_t i = 0; i < instruments.size(); ++i) {
    const std::string origin = i < origins.size() ? origins[i] : absl::StrCat("definition ", i + 1);
    absl::Status s = ValidateInstrument(instruments[i]);
    if (!s.ok()) return Annotate(s, origin);
    auto [it, inserted] = seen.emplace(std::make_pair(instruments[i].key, instruments[i].version), origin);
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat(origin, ": ", instruments[i].key, " version ",
                                                     instruments[i].version, " is also defined in ", it->second));
    }
  }
  std::sort(instruments.begin(), instruments.end(), [](const Instrument& a, const Instrument& b) {
    return std::tie(a.key, a.version) < std::tie(b.key, b.version);
  });
  catalog.all_ = std::move(instruments);
  for (size_t i = 0; i < catalog.all_.size(); ++i) {
    const Instrument& in = catalog.all_[i];
    catalog.checksums_.push_back(InstrumentChecksum(in));
    catalog.index_[{in.key, in.version}] = i;
    catalog.current_[in.key] = i;  // sorted, so the last is the highest version
  }
  return catalog;
}

const Instrument* InstrumentCatalog::Current(absl::string_view key) const {
  auto it = current_.find(std::string(key));
  return it == current_.end() ? nullptr : &all_[it->second];
}

const Instrument* InstrumentCatalog::Find(absl::string_view key, int version) const {
  if (version == 0) return Current(key);
  auto it = index_.find({std::string(key), version});
  return it == index_.end() ? nullptr : &all_[it->second];
}

std::vector<const Instrument*> InstrumentCatalog::CurrentVersions() const {
  std::vector<const Instrument*> out;
  for (const auto& [key, i] : current_) out.push_back(&all_[i]);
  return out;
}

const std::string& InstrumentCatalog::ChecksumOf(const Instrument& instrument) const {
  static const std::string kNone;
  auto it = index_.find({instrument.key, instrument.version});
  return it == index_.end() ? kNone : checksums_[it->second];
}

}  // namespace cft::measures
