// The shipped definitions load, carry what measures.md requires (licence,
// copyright, sources, text only where it may ship), and a broken definition
// is refused naming the file and the field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "services/measures/instrument_files.h"
#include "services/measures/scoring.h"
#include "tests/measures/shipped_instruments.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace cft::measures {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using testing::Shipped;
using testing::ShippedInstrument;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

TEST(ShippedInstruments, EveryInstrumentOfMeasuresMdIsThere) {
  std::vector<std::string> keys;
  for (const Instrument* in : Shipped().CurrentVersions()) keys.push_back(in->key);
  EXPECT_THAT(keys, UnorderedElementsAre("phq9", "gad7", "who5", "dass21", "scs-sf", "core10", "fscrs",
                                         "focs-for-others", "focs-from-others", "focs-for-self", "ceas-self",
                                         "ceas-to-others", "ceas-from-others", "ecr-rs", "ecr-r"));
}

TEST(ShippedInstruments, ItemTextShipsOnlyWhereItsLicenceAllows) {
  const std::set<std::string> with_text = {"phq9", "gad7", "who5", "dass21", "scs-sf", "core10"};
  for (const Instrument* in : Shipped().CurrentVersions()) {
    const bool shipped = with_text.count(in->key) > 0;
    EXPECT_EQ(in->licence.item_text, shipped ? ItemTextPolicy::kShipped : ItemTextPolicy::kLicensedOnly) << in->key;
    for (const Item& item : in->items) EXPECT_EQ(item.text.empty(), !shipped) << in->key << " " << item.code;
    EXPECT_FALSE(in->licence.licence.empty()) << in->key;
    EXPECT_FALSE(in->licence.licence_source.empty()) << in->key;
    EXPECT_FALSE(in->sources.empty()) << in->key;
  }
  EXPECT_EQ(ShippedInstrument("core10").licence.copyright_line, "\u00a9 CORE System Trust");
}

TEST(ShippedInstruments, ItemCountsAndScalesMatchMeasuresMd) {
  EXPECT_EQ(ShippedInstrument("phq9").items.size(), 10u);  // 9 + the difficulty question
  EXPECT_EQ(ShippedInstrument("gad7").items.size(), 8u);
  EXPECT_EQ(ShippedInstrument("who5").items.size(), 5u);
  EXPECT_EQ(ShippedInstrument("dass21").items.size(), 21u);
  EXPECT_EQ(ShippedInstrument("scs-sf").items.size(), 12u);
  EXPECT_EQ(ShippedInstrument("core10").items.size(), 10u);
  EXPECT_EQ(ShippedInstrument("fscrs").items.size(), 22u);
  EXPECT_EQ(ShippedInstrument("focs-for-others").items.size() + ShippedInstrument("focs-from-others").items.size() +
                ShippedInstrument("focs-for-self").items.size(),
            38u);
  EXPECT_EQ(ShippedInstrument("ecr-r").items.size(), 36u);
  const Instrument& phq = ShippedInstrument("phq9");
  EXPECT_EQ(phq.loinc_panel_code, "44249-1");
  EXPECT_EQ(phq.FindScore("total")->loinc_code, "44261-6");
  EXPECT_EQ(phq.FindItem("phq9_9")->loinc_code, "44260-8");
  EXPECT_EQ(phq.FindOptionSet("frequency")->Find(1)->loinc_answer_code, "LA6569-3");
  EXPECT_EQ(ShippedInstrument("gad7").FindScore("total")->loinc_code, "70274-6");
}

TEST(ShippedInstruments, ReliableChangeIsPublishedOrLeftToTheOrganisation) {
  EXPECT_EQ(ShippedInstrument("phq9").FindScore("total")->reliable_change.threshold, 6);
  EXPECT_EQ(ShippedInstrument("gad7").FindScore("total")->reliable_change.threshold, 4);
  EXPECT_EQ(ShippedInstrument("core10").FindScore("total")->reliable_change.threshold, 6);
  EXPECT_EQ(ShippedInstrument("who5").FindScore("total")->reliable_change.threshold, 10);
  for (const char* key : {"dass21", "scs-sf", "fscrs", "ecr-rs", "ecr-r", "ceas-self", "focs-for-self"}) {
    for (const ScoreDef& s : ShippedInstrument(key).scores) {
      EXPECT_TRUE(s.reliable_change.set_by_organisation) << key << "." << s.key;
      EXPECT_FALSE(s.reliable_change.sd.has_value()) << key << "." << s.key;
    }
  }
}

TEST(ShippedInstruments, ChecksumsPinTheContent) {
  Instrument edited = ShippedInstrument("phq9");
  EXPECT_EQ(InstrumentChecksum(edited), Shipped().ChecksumOf(ShippedInstrument("phq9")));
  edited.items[1].reverse_keyed = true;
  EXPECT_NE(InstrumentChecksum(edited), Shipped().ChecksumOf(ShippedInstrument("phq9")));
  EXPECT_EQ(InstrumentChecksum(edited).size(), 64u);
}

TEST(ShippedInstruments, ProtoRoundTripKeepsEverything) {
  for (const Instrument& in : Shipped().all()) {
    v1::InstrumentDefinition p;
    ToProto(in, &p);
    EXPECT_EQ(InstrumentChecksum(FromProto(p)), InstrumentChecksum(in)) << in.key;
  }
}

// --- invalid definitions -------------------------------------------------

absl::Status Validate(Instrument in) { return ValidateInstrument(in); }

TEST(Validation, BandsMustMeetWithoutGapsAtTheScoresPrecision) {
  Instrument in = ShippedInstrument("phq9");
  in.scores[0].bands[2].min = 11;
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument,
                                     HasSubstr("scores[0].bands[2].min: must follow the previous band's max")));
  in = ShippedInstrument("phq9");
  in.scores[0].bands.back().max = 26;
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument,
                                     "scores[0].bands[4].max: must be the highest possible score, 27"));
}

TEST(Validation, ADefinitionOnlyInstrumentCarriesNoItemText) {
  Instrument in = ShippedInstrument("fscrs");
  in.items[8].text = "licensed words";
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument,
                                     "items[8].text: must be empty for a definition-only instrument"));
  in = ShippedInstrument("core10");
  in.items[0].text.clear();
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument,
                                     "items[0].text: is required when the item text ships"));
}

TEST(Validation, ReliableChangeNeedsExactlyOneSource) {
  Instrument in = ShippedInstrument("phq9");
  in.scores[0].reliable_change.sd = 6.1;
  in.scores[0].reliable_change.reliability = 0.89;
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scores[0].reliable_change: give exactly one")));
  in = ShippedInstrument("dass21");
  in.scores[1].reliable_change = ReliableChangeDef{};
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scores[1].reliable_change")));
}

TEST(Validation, ReferencesMustResolve) {
  Instrument in = ShippedInstrument("gad7");
  in.items[2].option_set = "nope";
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument, "items[2].option_set: no such option set"));
  in = ShippedInstrument("gad7");
  in.scores[0].item_codes.push_back("gad7_difficulty");
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument,
                                     "scores[0].item_codes[7]: is an unscored item"));
  in = ShippedInstrument("phq9");
  in.risk_rules[0].min_value = 4;
  in.risk_rules[0].max_value = 4;
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument,
                                     "risk_rules[0].item.min_value: must give a range of the item's values"));
  in = ShippedInstrument("core10");
  in.paper_form.printed_reversed_items.push_back("core10_99");
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument,
                                     "paper_form.printed_reversed_items[2]: no such item"));
}

TEST(Validation, OptionValuesMustBeConsecutive) {
  Instrument in = ShippedInstrument("phq9");
  in.option_sets[0].options[3].value = 5;
  EXPECT_THAT(Validate(in), StatusIs(absl::StatusCode::kInvalidArgument, "option_sets[0].options: values must be consecutive"));
}

TEST(Catalog, TwoFilesDefiningTheSameVersionAreRefused) {
  std::vector<Instrument> two = {ShippedInstrument("phq9"), ShippedInstrument("phq9")};
  EXPECT_THAT(InstrumentCatalog::Build(two, {"phq9.textproto", "phq9-copy.textproto"}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "phq9-copy.textproto: phq9 version 1 is also defined in phq9.textproto"));
}

TEST(Catalog, TheHighestVersionIsCurrentAndOldOnesStayFindable) {
  Instrument v2 = ShippedInstrument("phq9");
  v2.version = 2;
  auto catalog = InstrumentCatalog::Build({ShippedInstrument("phq9"), v2}, {"a", "b"});
  ASSERT_THAT(catalog, IsOk());
  EXPECT_EQ(catalog->Current("phq9")->version, 2);
  EXPECT_EQ(catalog->Find("phq9", 1)->version, 1);
  EXPECT_EQ(catalog->Find("phq9", 0)->version, 2);
  EXPECT_EQ(catalog->Find("phq9", 3), nullptr);
}

class DirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("cft-instruments-" + cft::testing::UniqueSuffix());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  void Copy(const std::string& name) {
    std::filesystem::copy_file(std::filesystem::path(cft::testing::SourceDir()) / "deploy/instruments" / name, dir_ / name);
  }
  std::filesystem::path dir_;
};

TEST_F(DirectoryTest, AnUnparseableFileIsNamedWithItsLine) {
  Copy("phq9.textproto");
  Write("broken.textproto", "key: \"x\"\nversion: one\n");
  EXPECT_THAT(LoadInstrumentDirectory(dir_.string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("broken.textproto: not a valid cft.v1.InstrumentDefinition (line 2")));
}

TEST_F(DirectoryTest, AnInvalidDefinitionIsNamedWithItsFileAndField) {
  Copy("gad7.textproto");
  std::ifstream in(std::filesystem::path(cft::testing::SourceDir()) / "deploy/instruments/phq9.textproto");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  s.replace(s.find("polarity: HIGHER_IS_WORSE"), std::string("polarity: HIGHER_IS_WORSE").size(), "");
  Write("phq9.textproto", s);
  EXPECT_THAT(LoadInstrumentDirectory(dir_.string()),
              StatusIs(absl::StatusCode::kInvalidArgument, "phq9.textproto: scores[0].polarity: is required"));
}

TEST_F(DirectoryTest, AMissingDirectoryIsNotFound) {
  EXPECT_THAT(LoadInstrumentDirectory((dir_ / "nope").string()), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace cft::measures
