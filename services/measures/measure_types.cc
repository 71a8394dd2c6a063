#include "services/measures/measure_types.h"

#include <algorithm>

namespace cft::measures {
namespace {

template <typename E, size_t N>
std::optional<E> FromName(const std::pair<E, absl::string_view> (&names)[N], absl::string_view s) {
  for (const auto& [value, name] : names) {
    if (name == s) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
absl::string_view ToName(const std::pair<E, absl::string_view> (&names)[N], E v) {
  for (const auto& [value, name] : names) {
    if (value == v) return name;
  }
  return "";
}

constexpr std::pair<RiskTier, absl::string_view> kTiers[] = {{RiskTier::kAmber, "amber"}, {RiskTier::kRed, "red"}};
constexpr std::pair<PaperValueMode, absl::string_view> kPaperModes[] = {
    {PaperValueMode::kBoxPosition, "box_position"}, {PaperValueMode::kPrintedScore, "printed_score"}};
constexpr std::pair<TimePointKind, absl::string_view> kKinds[] = {{TimePointKind::kBaseline, "baseline"},
                                                                   {TimePointKind::kMid, "mid"},
                                                                   {TimePointKind::kPost, "post"},
                                                                   {TimePointKind::kFollowUp, "follow_up"},
                                                                   {TimePointKind::kSession, "session"}};
constexpr std::pair<EntryMode, absl::string_view> kModes[] = {{EntryMode::kOnline, "online"},
                                                               {EntryMode::kPaper, "paper"}};
constexpr std::pair<ReliabilityType, absl::string_view> kReliability[] = {
    {ReliabilityType::kUnspecified, "unspecified"},
    {ReliabilityType::kInternalConsistency, "internal_consistency"},
    {ReliabilityType::kTestRetest, "test_retest"}};

}  // namespace

absl::string_view Name(RiskTier v) { return ToName(kTiers, v); }
absl::string_view Name(PaperValueMode v) { return ToName(kPaperModes, v); }
absl::string_view Name(TimePointKind v) { return ToName(kKinds, v); }
absl::string_view Name(EntryMode v) { return ToName(kModes, v); }
absl::string_view Name(ReliabilityType v) { return ToName(kReliability, v); }
std::optional<RiskTier> RiskTierFromName(absl::string_view s) { return FromName(kTiers, s); }
std::optional<PaperValueMode> PaperValueModeFromName(absl::string_view s) { return FromName(kPaperModes, s); }
std::optional<TimePointKind> TimePointKindFromName(absl::string_view s) { return FromName(kKinds, s); }
std::optional<EntryMode> EntryModeFromName(absl::string_view s) { return FromName(kModes, s); }
std::optional<ReliabilityType> ReliabilityTypeFromName(absl::string_view s) { return FromName(kReliability, s); }

int OptionSet::MinValue() const {
  int m = options.empty() ? 0 : options.front().value;
  for (const ResponseOption& o : options) m = std::min(m, o.value);
  return m;
}

int OptionSet::MaxValue() const {
  int m = options.empty() ? 0 : options.front().value;
  for (const ResponseOption& o : options) m = std::max(m, o.value);
  return m;
}

const ResponseOption* OptionSet::Find(int value) const {
  for (const ResponseOption& o : options) {
    if (o.value == value) return &o;
  }
  return nullptr;
}

const Item* Instrument::FindItem(absl::string_view code) const {
  for (const Item& i : items) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

int Instrument::ItemIndex(absl::string_view code) const {
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

const OptionSet* Instrument::FindOptionSet(absl::string_view key) const {
  for (const OptionSet& s : option_sets) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const ScoreDef* Instrument::FindScore(absl::string_view key) const {
  for (const ScoreDef& s : scores) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const Section* Instrument::FindSection(absl::string_view key) const {
  for (const Section& s : sections) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

}  // namespace cft::measures
