#include "sonic/core/dotenv.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic {
namespace {

TEST(Dotenv, SetsVariablesButNeverOverridesTheEnvironment) {
  testing::TempDir dir;
  setenv("SONIC_TEST_ALREADY", "from-shell", 1);
  unsetenv("SONIC_TEST_NEW");
  unsetenv("SONIC_TEST_QUOTED");
  const auto file = testing::write_file(dir / ".env",
                                        "# comment\n"
                                        "SONIC_TEST_ALREADY=from-file\n"
                                        "export SONIC_TEST_NEW = plain value # trailing\n"
                                        "SONIC_TEST_QUOTED=\"a # b\"\n\n");
  EXPECT_EQ(load_dotenv(file), 2);
  EXPECT_STREQ(std::getenv("SONIC_TEST_ALREADY"), "from-shell");
  EXPECT_STREQ(std::getenv("SONIC_TEST_NEW"), "plain value");
  EXPECT_STREQ(std::getenv("SONIC_TEST_QUOTED"), "a # b");
}

TEST(Dotenv, MissingFileIsNotAnError) {
  testing::TempDir dir;
  EXPECT_EQ(load_dotenv(dir / "absent.env"), 0);
}

TEST(Dotenv, MalformedLineNamesFileAndLine) {
  testing::TempDir dir;
  const auto file = testing::write_file(dir / ".env", "GOOD=1\nthis is not a setting\n");
  try {
    load_dotenv(file);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(file.string() + ":2"), std::string::npos);
  }
}

TEST(Dotenv, AMalformedFileSetsNothingFromIt) {
  testing::TempDir dir;
  unsetenv("SONIC_TEST_BEFORE_THE_BAD_LINE");
  const auto file = testing::write_file(dir / ".env", "SONIC_TEST_BEFORE_THE_BAD_LINE=1\n=no key\n");
  EXPECT_THROW(load_dotenv(file), InputError);
  EXPECT_EQ(std::getenv("SONIC_TEST_BEFORE_THE_BAD_LINE"), nullptr);
}

// setenv would cut the value at the NUL without a word, so a secret read from .env could silently
// differ from the file (the dotenv fuzz target checks no parsed value holds one).
TEST(Dotenv, AValueHoldingANulByteIsRefusedWithItsLine) {
  const std::string text("A=1\r\nSECRET=abc\0def\n", 20);
  try {
    parse_dotenv(text, "home/.env");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "home/.env:2: the value of SECRET holds a NUL byte");
  }
}

TEST(Dotenv, ParsesPairsInOrderWithoutTouchingTheEnvironment) {
  unsetenv("SONIC_TEST_PARSED_ONLY");
  const auto entries = parse_dotenv("export SONIC_TEST_PARSED_ONLY='x y'\r\n# c\nB=2 # note", "t.env");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0], (std::pair<std::string, std::string>{"SONIC_TEST_PARSED_ONLY", "x y"}));
  EXPECT_EQ(entries[1], (std::pair<std::string, std::string>{"B", "2"}));
  EXPECT_EQ(std::getenv("SONIC_TEST_PARSED_ONLY"), nullptr);
}

}  // namespace
}  // namespace sonic
