// cftd itself refuses to start on an invalid instrument definition, saying
// which file and which field, before it opens any port or connection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "tests/support/test_database.h"

namespace cft {
namespace {

struct CftdRun {
  int exit_code = -1;
  std::string output;
};

CftdRun RunCftd(const std::string& instruments_dir) {
  const std::string command = std::string(CFTD_PATH) + " --plaintext --listen=127.0.0.1:0 --instruments_dir=" +
                              instruments_dir + " 2>&1";
  CftdRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[512];
  while (fgets(buf, sizeof(buf), pipe) != nullptr) run.output += buf;
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST(CftdInstruments, AnInvalidDefinitionStopsStartUpNamingTheFileAndField) {
  const auto dir = std::filesystem::temp_directory_path() / ("cft-cftd-instruments-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  std::ifstream in(testing::SourceDir() + "/deploy/instruments/core10.textproto");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  // The mild band made to overlap the healthy one.
  const std::string from = "min: 11\n";
  s.replace(s.find(from), from.size(), "min: 10.5\n");
  std::ofstream(dir / "core10.textproto") << s;

  const CftdRun run = RunCftd(dir.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, ::testing::HasSubstr("instruments: core10.textproto: scores[0].bands[1].min: must follow "
                                               "the previous band's max at this score's precision (11)"));
  EXPECT_THAT(run.output, ::testing::Not(::testing::HasSubstr("serving on")));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cft
