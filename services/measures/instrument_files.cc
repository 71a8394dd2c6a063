#include "services/measures/instrument_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace cft::measures {

ItemTextPolicy FromProto(v1::ItemTextPolicy p) {
  switch (p) {
    case v1::ITEM_TEXT_SHIPPED:
      return ItemTextPolicy::kShipped;
    case v1::ITEM_TEXT_LICENSED_ONLY:
      return ItemTextPolicy::kLicensedOnly;
    default:
      return ItemTextPolicy::kUnspecified;
  }
}

v1::ItemTextPolicy ToProto(ItemTextPolicy p) {
  switch (p) {
    case ItemTextPolicy::kShipped:
      return v1::ITEM_TEXT_SHIPPED;
    case ItemTextPolicy::kLicensedOnly:
      return v1::ITEM_TEXT_LICENSED_ONLY;
    case ItemTextPolicy::kUnspecified:
      break;
  }
  return v1::ITEM_TEXT_POLICY_UNSPECIFIED;
}

ScoringRule FromProto(v1::ScoringRule r) {
  switch (r) {
    case v1::SCORING_SUM:
      return ScoringRule::kSum;
    case v1::SCORING_MEAN:
      return ScoringRule::kMean;
    default:
      return ScoringRule::kUnspecified;
  }
}

v1::ScoringRule ToProto(ScoringRule r) {
  switch (r) {
    case ScoringRule::kSum:
      return v1::SCORING_SUM;
    case ScoringRule::kMean:
      return v1::SCORING_MEAN;
    case ScoringRule::kUnspecified:
      break;
  }
  return v1::SCORING_RULE_UNSPECIFIED;
}

Polarity FromProto(v1::Polarity p) {
  switch (p) {
    case v1::HIGHER_IS_WORSE:
      return Polarity::kHigherIsWorse;
    case v1::HIGHER_IS_BETTER:
      return Polarity::kHigherIsBetter;
    default:
      return Polarity::kUnspecified;
  }
}

RiskTier FromProto(v1::RiskTier t) {
  switch (t) {
    case v1::RISK_AMBER:
      return RiskTier::kAmber;
    case v1::RISK_RED:
      return RiskTier::kRed;
    default:
      return RiskTier::kUnspecified;
  }
}

PaperValueMode FromProto(v1::PaperValueMode m) {
  switch (m) {
    case v1::PAPER_BOX_POSITION:
      return PaperValueMode::kBoxPosition;
    case v1::PAPER_PRINTED_SCORE:
      return PaperValueMode::kPrintedScore;
    default:
      return PaperValueMode::kUnspecified;
  }
}

namespace {

std::optional<Norms> FromProto(bool has, const v1::PopulationNorms& n) {
  if (!has) return std::nullopt;
  return Norms{.mean = n.mean(), .sd = n.sd(), .source = n.source()};
}

void ToProto(const std::optional<Norms>& n, v1::PopulationNorms* out) {
  out->set_mean(n->mean);
  out->set_sd(n->sd);
  out->set_source(n->source);
}

// Collects the parser's first error with its position.
class ErrorCollector final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (first_.empty()) first_ = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

}  // namespace

v1::Polarity ToProto(Polarity p) {
  switch (p) {
    case Polarity::kHigherIsWorse:
      return v1::HIGHER_IS_WORSE;
    case Polarity::kHigherIsBetter:
      return v1::HIGHER_IS_BETTER;
    case Polarity::kUnspecified:
      break;
  }
  return v1::POLARITY_UNSPECIFIED;
}

v1::RiskTier ToProto(RiskTier t) {
  switch (t) {
    case RiskTier::kAmber:
      return v1::RISK_AMBER;
    case RiskTier::kRed:
      return v1::RISK_RED;
    case RiskTier::kUnspecified:
      break;
  }
  return v1::RISK_TIER_UNSPECIFIED;
}

v1::PaperValueMode ToProto(PaperValueMode m) {
  switch (m) {
    case PaperValueMode::kBoxPosition:
      return v1::PAPER_BOX_POSITION;
    case PaperValueMode::kPrintedScore:
      return v1::PAPER_PRINTED_SCORE;
    case PaperValueMode::kUnspecified:
      break;
  }
  return v1::PAPER_VALUE_MODE_UNSPECIFIED;
}

v1::ReliabilityType ToProto(ReliabilityType t) {
  switch (t) {
    case ReliabilityType::kInternalConsistency:
      return v1::RELIABILITY_INTERNAL_CONSISTENCY;
    case ReliabilityType::kTestRetest:
      return v1::RELIABILITY_TEST_RETEST;
    case ReliabilityType::kUnspecified:
      break;
  }
  return v1::RELIABILITY_TYPE_UNSPECIFIED;
}

ReliabilityType FromProto(v1::ReliabilityType t) {
  switch (t) {
    case v1::RELIABILITY_INTERNAL_CONSISTENCY:
      return ReliabilityType::kInternalConsistency;
    case v1::RELIABILITY_TEST_RETEST:
      return ReliabilityType::kTestRetest;
    default:
      return ReliabilityType::kUnspecified;
  }
}

Instrument FromProto(const v1::InstrumentDefinition& p) {
  Instrument in;
  in.key = p.key();
  in.version = p.version();
  in.short_name = p.short_name();
  in.title = p.title();
  in.instructions = p.instructions();
  in.recall_period = p.recall_period();
  in.licence = Licence{.licence = p.licence().licence(),
                       .licence_source = p.licence().licence_source(),
                       .copyright_line = p.licence().copyright_line(),
                       .item_text = FromProto(p.licence().item_text())};
  for (const auto& s : p.option_sets()) {
    OptionSet set{.key = s.key()};
    for (const auto& o : s.options()) {
      set.options.push_back({.value = o.value(), .label = o.label(), .loinc_answer_code = o.loinc_answer_code()});
    }
    in.option_sets.push_back(std::move(set));
  }
  for (const auto& s : p.sections()) {
    in.sections.push_back(
        {.key = s.key(), .title = s.title(), .instructions = s.instructions(), .optional = s.optional()});
  }
  for (const auto& i : p.items()) {
    in.items.push_back({.code = i.code(),
                        .number = i.number(),
                        .text = i.text(),
                        .option_set = i.option_set(),
                        .reverse_keyed = i.reverse_keyed(),
                        .unscored = i.unscored(),
                        .section = i.section(),
                        .loinc_code = i.loinc_code()});
  }
  for (const auto& s : p.scores()) {
    ScoreDef d;
    d.key = s.key();
    d.title = s.title();
    d.item_codes.assign(s.item_codes().begin(), s.item_codes().end());
    d.rule = FromProto(s.rule());
    d.multiplier = s.multiplier() == 0 ? 1 : s.multiplier();
    d.missing = {.max_prorated = s.missing().max_prorated(), .accept_without_score = s.missing().accept_without_score()};
    d.decimals = s.decimals();
    d.polarity = FromProto(s.polarity());
    for (const auto& b : s.bands()) {
      d.bands.push_back({.min = b.min(), .max = b.max(), .label = b.label(), .severity = b.severity()});
    }
    if (s.has_caseness_cutoff()) d.caseness_cutoff = s.caseness_cutoff();
    d.caseness_source = s.caseness_source();
    const auto& rc = s.reliable_change();
    if (rc.has_threshold()) d.reliable_change.threshold = rc.threshold();
    if (rc.has_sd()) d.reliable_change.sd = rc.sd();
    if (rc.has_reliability()) d.reliable_change.reliability = rc.reliability();
    d.reliable_change.reliability_type = FromProto(rc.reliability_type());
    d.reliable_change.z = rc.z();
    d.reliable_change.source = rc.source();
    d.reliable_change.set_by_organisation = rc.set_by_organisation();
    d.clinical_norms = FromProto(s.has_clinical_norms(), s.clinical_norms());
    d.functional_norms = FromProto(s.has_functional_norms(), s.functional_norms());
    d.primary = s.primary();
    d.loinc_code = s.loinc_code();
    in.scores.push_back(std::move(d));
  }
  for (const auto& r : p.risk_rules()) {
    RiskRule rule{.key = r.key(), .tier = FromProto(r.tier()), .description = r.description()};
    switch (r.condition_case()) {
      case v1::RiskRule::kItem:
        rule.kind = RiskRule::Kind::kItem;
        rule.item_code = r.item().item_code();
        rule.min_value = r.item().min_value();
        rule.max_value = r.item().max_value();
        break;
      case v1::RiskRule::kScore:
        rule.kind = RiskRule::Kind::kScore;
        rule.score_key = r.score().score_key();
        rule.at_least = r.score().at_least();
        break;
      case v1::RiskRule::kDeterioration:
        rule.kind = RiskRule::Kind::kDeterioration;
        rule.score_key = r.deterioration().score_key();
        break;
      case v1::RiskRule::CONDITION_NOT_SET:
        break;
    }
    in.risk_rules.push_back(std::move(rule));
  }
  in.paper_form.keyed_value = FromProto(p.paper_form().keyed_value());
  in.paper_form.printed_reversed_items.assign(p.paper_form().printed_reversed_items().begin(),
                                              p.paper_form().printed_reversed_items().end());
  in.paper_form.form_source = p.paper_form().form_source();
  in.loinc_panel_code = p.loinc_panel_code();
  in.sources.assign(p.sources().begin(), p.sources().end());
  in.notes.assign(p.notes().begin(), p.notes().end());
  return in;
}

void ToProto(const Instrument& in, v1::InstrumentDefinition* out) {
  out->set_key(in.key);
  out->set_version(in.version);
  out->set_short_name(in.short_name);
  out->set_title(in.title);
  out->set_instructions(in.instructions);
  out->set_recall_period(in.recall_period);
  auto* l = out->mutable_licence();
  l->set_licence(in.licence.licence);
  l->set_licence_source(in.licence.licence_source);
  l->set_copyright_line(in.licence.copyright_line);
  l->set_item_text(ToProto(in.licence.item_text));
  for (const OptionSet& s : in.option_sets) {
    auto* ps = out->add_option_sets();
    ps->set_key(s.key);
    for (const ResponseOption& o : s.options) {
      auto* po = ps->add_options();
      po->set_value(o.value);
      po->set_label(o.label);
      po->set_loinc_answer_code(o.loinc_answer_code);
    }
  }
  for (const Section& s : in.sections) {
    auto* ps = out->add_sections();
    ps->set_key(s.key);
    ps->set_title(s.title);
    ps->set_instructions(s.instructions);
    ps->set_optional(s.optional);
  }
  for (const Item& i : in.items) {
    auto* pi = out->add_items();
    pi->set_code(i.code);
    pi->set_number(i.number);
    pi->set_text(i.text);
    pi->set_option_set(i.option_set);
    pi->set_reverse_keyed(i.reverse_keyed);
    pi->set_unscored(i.unscored);
    pi->set_section(i.section);
    pi->set_loinc_code(i.loinc_code);
  }
  for (const ScoreDef& s : in.scores) {
    auto* ps = out->add_scores();
    ps->set_key(s.key);
    ps->set_title(s.title);
    for (const std::string& c : s.item_codes) ps->add_item_codes(c);
    ps->set_rule(ToProto(s.rule));
    ps->set_multiplier(s.multiplier);
    ps->mutable_missing()->set_max_prorated(s.missing.max_prorated);
    ps->mutable_missing()->set_accept_without_score(s.missing.accept_without_score);
    ps->set_decimals(s.decimals);
    ps->set_polarity(ToProto(s.polarity));
    for (const Band& b : s.bands) {
      auto* pb = ps->add_bands();
      pb->set_min(b.min);
      pb->set_max(b.max);
      pb->set_label(b.label);
      pb->set_severity(b.severity);
    }
    if (s.caseness_cutoff) ps->set_caseness_cutoff(*s.caseness_cutoff);
    ps->set_caseness_source(s.caseness_source);
    auto* rc = ps->mutable_reliable_change();
    if (s.reliable_change.threshold) rc->set_threshold(*s.reliable_change.threshold);
    if (s.reliable_change.sd) rc->set_sd(*s.reliable_change.sd);
    if (s.reliable_change.reliability) rc->set_reliability(*s.reliable_change.reliability);
    rc->set_reliability_type(ToProto(s.reliable_change.reliability_type));
    rc->set_z(s.reliable_change.z);
    rc->set_source(s.reliable_change.source);
    rc->set_set_by_organisation(s.reliable_change.set_by_organisation);
    if (s.clinical_norms) ToProto(s.clinical_norms, ps->mutable_clinical_norms());
    if (s.functional_norms) ToProto(s.functional_norms, ps->mutable_functional_norms());
    ps->set_primary(s.primary);
    ps->set_loinc_code(s.loinc_code);
  }
  for (const RiskRule& r : in.risk_rules) {
    auto* pr = out->add_risk_rules();
    pr->set_key(r.key);
    pr->set_tier(ToProto(r.tier));
    pr->set_description(r.description);
    switch (r.kind) {
      case RiskRule::Kind::kItem:
        pr->mutable_item()->set_item_code(r.item_code);
        pr->mutable_item()->set_min_value(r.min_value);
        pr->mutable_item()->set_max_value(r.max_value);
        break;
      case RiskRule::Kind::kScore:
        pr->mutable_score()->set_score_key(r.score_key);
        pr->mutable_score()->set_at_least(r.at_least);
        break;
      case RiskRule::Kind::kDeterioration:
        pr->mutable_deterioration()->set_score_key(r.score_key);
        break;
      case RiskRule::Kind::kUnspecified:
        break;
    }
  }
  out->mutable_paper_form()->set_keyed_value(ToProto(in.paper_form.keyed_value));
  for (const std::string& c : in.paper_form.printed_reversed_items) out->mutable_paper_form()->add_printed_reversed_items(c);
  out->mutable_paper_form()->set_form_source(in.paper_form.form_source);
  out->set_loinc_panel_code(in.loinc_panel_code);
  for (const std::string& s : in.sources) out->add_sources(s);
  for (const std::string& n : in.notes) out->add_notes(n);
}

absl::StatusOr<Instrument> ParseInstrument(const std::string& text, const std::string& origin) {
  v1::InstrumentDefinition proto;
  google::protobuf::TextFormat::Parser parser;
  ErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &proto)) {
    return absl::InvalidArgumentError(
        absl::StrCat(origin, ": not a valid cft.v1.InstrumentDefinition (", errors.first(), ")"));
  }
  return FromProto(proto);
}

absl::StatusOr<std::shared_ptr<const InstrumentCatalog>> LoadInstrumentDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return absl::NotFoundError(absl::StrCat("no instrument directory ", dir));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && absl::EndsWith(entry.path().string(), ".textproto")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Instrument> instruments;
  std::vector<std::string> origins;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string origin = file.filename().string();
    absl::StatusOr<Instrument> parsed = ParseInstrument(text.str(), origin);
    if (!parsed.ok()) return parsed.status();
    instruments.push_back(*std::move(parsed));
    origins.push_back(origin);
  }
  absl::StatusOr<InstrumentCatalog> catalog = InstrumentCatalog::Build(std::move(instruments), origins);
  if (!catalog.ok()) return catalog.status();
  return std::make_shared<const InstrumentCatalog>(*std::move(catalog));
}

}  // namespace cft::measures
