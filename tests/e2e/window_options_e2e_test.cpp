// Windows say what they count (--next-mood-window, --session-window); --window, the old spelling
// of each, still works and is checked the same way, but is left out of the help.
#include <gtest/gtest.h>

#include "support/run_sonic.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

class WindowOptionsE2e : public ::testing::Test {
 protected:
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_.path().string()});
    return run_sonic(args);
  }
  TempDir home_;
};

TEST_F(WindowOptionsE2e, EachNameAndItsOldSpellingAreCheckedAlike) {
  const std::vector<std::vector<std::string>> out_of_range = {{"train", "session", "--session-window", "0"},
                                                              {"train", "session", "--window", "0"},
                                                              {"retrain", "--session-window", "13"},
                                                              {"retrain", "--window", "13"},
                                                              {"train", "next-mood", "--next-mood-window", "36501"},
                                                              {"train", "next-mood", "--window", "36501"},
                                                              {"train", "mood-gbdt", "--next-mood-window", "36501"},
                                                              {"train", "mood-gbdt", "--window", "36501"}};
  for (const auto& args : out_of_range) {
    const auto result = sonic(args);
    EXPECT_EQ(result.exit_code, 2) << args[args.size() - 2];
    EXPECT_NE(result.err.find("36500"), std::string::npos) << result.err;  // the range check, not an unknown flag
  }
}

TEST_F(WindowOptionsE2e, HelpNamesTheNewSpellingsOnly) {
  const auto session = sonic({"train", "session", "--help"});
  EXPECT_NE(session.out.find("--session-window"), std::string::npos) << session.out;
  EXPECT_EQ(session.out.find("--window"), std::string::npos) << session.out;
  const auto next = sonic({"train", "next-mood", "--help"});
  EXPECT_NE(next.out.find("--next-mood-window"), std::string::npos) << next.out;
  EXPECT_EQ(next.out.find("--window"), std::string::npos) << next.out;
  const auto retrain = sonic({"retrain", "--help"});
  EXPECT_NE(retrain.out.find("--session-window"), std::string::npos) << retrain.out;
}

}  // namespace
}  // namespace sonic::testing
