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

}  // namespace
}  // namespace sonic
