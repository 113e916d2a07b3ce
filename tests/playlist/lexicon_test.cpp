#include "sonic/playlist/lexicon.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "playlist/embedded_lexicon.hpp"
#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::playlist {
namespace {

const std::filesystem::path kLexiconFile =
    std::filesystem::path(SONIC_TEST_DATA_DIR) / "../../data/playlist_lexicon.json";

// The binary carries data/playlist_lexicon.json byte for byte: run scripts/embed-lexicon after an edit.
TEST(LexiconTest, EmbeddedLexiconIsTheDataFile) {
  EXPECT_EQ(std::string(embedded_lexicon()), testing::read_file(kLexiconFile)) << "run scripts/embed-lexicon";
}

TEST(LexiconTest, TheShippedLexiconParsesWithTheWordsTheIssueNames) {
  const Lexicon& lexicon = default_lexicon();
  EXPECT_GE(lexicon.version, 1);
  std::set<std::string> phrases;
  for (const auto& entry : lexicon.entries) {
    EXPECT_TRUE(phrases.insert(entry.phrase()).second) << "twice: " << entry.phrase();
  }
  for (const char* phrase : {"high energy", "calm", "sad", "happy", "chill", "focus", "workout", "rainy", "party",
                             "sleep", "morning", "weekend", "build up", "wind down", "steady"}) {
    EXPECT_TRUE(phrases.contains(phrase)) << phrase;
  }
  EXPECT_TRUE(lexicon.negations.contains("not"));
  EXPECT_EQ(lexicon.size_units.at("hour"), "hours");
}

TEST(LexiconTest, ABadEntryIsAnInputErrorNamingTheFileAndTheEntry) {
  const std::string head = R"({"format": "sonic.playlist_lexicon", "version": 1, "entries": [)";
  auto message = [&](const std::string& entries) {
    try {
      parse_lexicon(head + entries + "]}", "lex.json");
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message(R"({"phrase": "calm", "ranges": {"energy": [0, 0.4]}})"), "accepted");
  EXPECT_NE(message(R"({"phrase": "calm", "ranges": {"loudness": [0, 0.4]}})").find("entry 'calm': no feature named"),
            std::string::npos);
  EXPECT_NE(message(R"({"phrase": "x", "ranges": {"energy": [0.8, 0.2]}})").find("upside down"), std::string::npos);
  EXPECT_NE(message(R"({"phrase": "x", "ranges": {"tempo": [10, 300]}})").find("outside its scale"), std::string::npos);
  EXPECT_NE(message(R"({"phrase": "x", "ordering": "sideways"})").find("no ordering"), std::string::npos);
  EXPECT_NE(message(R"({"phrase": " "})").find("empty phrase"), std::string::npos);
  EXPECT_NE(message("{").find("lex.json is not a valid playlist lexicon"), std::string::npos);
  try {
    parse_lexicon(R"({"version": 1, "entries": []})", "other.json");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("other.json is not a sonic playlist lexicon"), std::string::npos);
  }
}

}  // namespace
}  // namespace sonic::playlist
