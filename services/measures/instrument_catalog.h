// Checking instrument definitions, and the set of them a server runs with.
// Definitions are data (deploy/instruments/*.textproto); a wrong reverse key
// or band is a clinical hazard, so everything that can be checked without a
// clinician is checked when they are loaded, and a server does not start with
// an invalid one. The catalog is immutable once built: thread-safe.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/measures/measure_types.h"

namespace cft::measures {

// INVALID_ARGUMENT naming the definition's field at fault
// ("scores[0].bands[2].min: ..."). Checks, among others: keys and codes;
// option sets with distinct, consecutive values; items naming existing
// option sets and sections; every scored item in a score and no unscored one;
// bands ascending, without gaps or overlaps at the score's precision, covering
// every possible score; exactly one source of reliable-change parameters (a
// published threshold, published SD and reliability, or left to the
// organisation); risk rules inside the ranges of their items and scores;
// licence and attribution stated with their sources; and that a
// definition-only instrument carries no item text.
absl::Status ValidateInstrument(const Instrument& instrument);

// Hex SHA-256 over a canonical encoding of the whole definition: a version's
// content is pinned by it, so a file edited under an old version number is
// recognised.
std::string InstrumentChecksum(const Instrument& instrument);

class InstrumentCatalog {
 public:
  InstrumentCatalog() = default;

  // Validates each definition (`origins[i]` names where it came from, for
  // messages: "phq9.textproto") and refuses two definitions of the same key
  // and version. The current version of a key is its highest.
  static absl::StatusOr<InstrumentCatalog> Build(std::vector<Instrument> instruments,
                                                 const std::vector<std::string>& origins);

  // The current version, or null.
  const Instrument* Current(absl::string_view key) const;
  // That version, or null. Version 0: the current one.
  const Instrument* Find(absl::string_view key, int version) const;
  // Current versions, by key.
  std::vector<const Instrument*> CurrentVersions() const;
  // Every version, by key then version.
  const std::vector<Instrument>& all() const { return all_; }
  // The checksum of a stored version.
  const std::string& ChecksumOf(const Instrument& instrument) const;

 private:
  std::vector<Instrument> all_;
  std::vector<std::string> checksums_;
  std::map<std::pair<std::string, int>, size_t> index_;
  std::map<std::string, size_t> current_;
};

}  // namespace cft::measures
