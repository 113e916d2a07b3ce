#pragma once
// The read-only ../shared folder of public data. It exists in a developer's checkout and in CI,
// not on a user's machine, so tests that need it skip cleanly when it is missing.
#include <gtest/gtest.h>

#include <filesystem>

namespace sonic::testing {

// $SONIC_SHARED_DIR if set, else the folder beside the source tree. Empty when absent.
std::filesystem::path shared_dir();

// Small fixtures kept in the project (tests/data).
std::filesystem::path test_data(const std::string& relative);

}  // namespace sonic::testing

// Resolves a path under ../shared/data or skips the test.
#define SONIC_SHARED_DATA_OR_SKIP(var, relative)                               \
  const auto var = ::sonic::testing::shared_dir() / "data" / (relative);       \
  if (::sonic::testing::shared_dir().empty() || !std::filesystem::exists(var)) \
  GTEST_SKIP() << "shared data not available: " << (relative)
