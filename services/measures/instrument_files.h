// cft.v1.InstrumentDefinition <-> the domain's Instrument, and loading the
// definition files (deploy/instruments/*.textproto). Used by cftd and cftctl
// at start-up, by database set-up, by the gRPC mapping and by tests.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "cft/v1/instrument.pb.h"
#include "services/measures/instrument_catalog.h"
#include "services/measures/measure_types.h"

namespace cft::measures {

// Enum conversions; a proto value the domain does not know maps to its
// kUnspecified, which validation refuses where it matters.
ItemTextPolicy FromProto(v1::ItemTextPolicy p);
v1::ItemTextPolicy ToProto(ItemTextPolicy p);
ScoringRule FromProto(v1::ScoringRule r);
v1::ScoringRule ToProto(ScoringRule r);
Polarity FromProto(v1::Polarity p);
v1::Polarity ToProto(Polarity p);
RiskTier FromProto(v1::RiskTier t);
v1::RiskTier ToProto(RiskTier t);
PaperValueMode FromProto(v1::PaperValueMode m);
v1::PaperValueMode ToProto(PaperValueMode m);
ReliabilityType FromProto(v1::ReliabilityType t);
v1::ReliabilityType ToProto(ReliabilityType t);

Instrument FromProto(const v1::InstrumentDefinition& p);
void ToProto(const Instrument& in, v1::InstrumentDefinition* out);

// Parses one text-format definition. INVALID_ARGUMENT "<origin>: ..." when it
// is not a valid InstrumentDefinition (with the parser's line and column).
absl::StatusOr<Instrument> ParseInstrument(const std::string& text, const std::string& origin);

// Every *.textproto file in `dir`, parsed, validated and built into a
// catalog. The first problem fails the whole load, naming the file and the
// field ("phq9.textproto: scores[0].bands[1].min: ...").
absl::StatusOr<std::shared_ptr<const InstrumentCatalog>> LoadInstrumentDirectory(const std::string& dir);

}  // namespace cft::measures
