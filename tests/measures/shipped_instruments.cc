#include "tests/measures/shipped_instruments.h"

#include <cstdlib>
#include <iostream>

#include "services/measures/instrument_files.h"
#include "tests/support/test_database.h"

namespace cft::measures::testing {

std::shared_ptr<const InstrumentCatalog> ShippedShared() {
  static const std::shared_ptr<const InstrumentCatalog> catalog = [] {
    auto loaded = LoadInstrumentDirectory(cft::testing::SourceDir() + "/deploy/instruments");
    if (!loaded.ok()) {
      std::cerr << "FATAL: the shipped instruments do not load: " << loaded.status() << "\n";
      std::abort();
    }
    return *loaded;
  }();
  return catalog;
}

const InstrumentCatalog& Shipped() { return *ShippedShared(); }

const Instrument& ShippedInstrument(const std::string& key) {
  const Instrument* in = Shipped().Current(key);
  if (in == nullptr) {
    std::cerr << "FATAL: no shipped instrument " << key << "\n";
    std::abort();
  }
  return *in;
}

std::vector<AnswerValue> Answers(const Instrument& instrument, const std::vector<int>& values) {
  std::vector<AnswerValue> out;
  for (size_t i = 0; i < values.size() && i < instrument.items.size(); ++i) {
    AnswerValue a{.item_code = instrument.items[i].code};
    if (values[i] >= 0) a.value = values[i];
    out.push_back(a);
  }
  return out;
}

const ScoreValue& ScoreOf(const std::vector<ScoreValue>& scores, const std::string& key) {
  for (const ScoreValue& s : scores) {
    if (s.key == key) return s;
  }
  std::cerr << "FATAL: no score " << key << "\n";
  std::abort();
}

}  // namespace cft::measures::testing
