// The instrument definitions that ship (deploy/instruments/), loaded once per
// test binary, and small builders of answers for the unit suites.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "services/measures/instrument_catalog.h"
#include "services/measures/measure_types.h"

namespace cft::measures::testing {

// Aborts the binary when the shipped files do not load: every suite depends on them.
const InstrumentCatalog& Shipped();
std::shared_ptr<const InstrumentCatalog> ShippedShared();
const Instrument& ShippedInstrument(const std::string& key);

// One answer per item in form order; -1 leaves the item unanswered.
std::vector<AnswerValue> Answers(const Instrument& instrument, const std::vector<int>& values);

// The score with this key from a scored response.
const ScoreValue& ScoreOf(const std::vector<ScoreValue>& scores, const std::string& key);

}  // namespace cft::measures::testing
