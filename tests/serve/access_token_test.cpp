// Who may ask: loopback addresses, the token file's rules, and the bearer comparison.
#include "serve/access_token.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::serve {
namespace {

TEST(AccessToken, LoopbackHosts) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) EXPECT_TRUE(is_loopback_host(host)) << host;
  for (const char* host : {"0.0.0.0", "192.168.1.2", "::", "example.org"}) EXPECT_FALSE(is_loopback_host(host)) << host;
}

TEST(AccessToken, OnlyTheRightBearerMatches) {
  EXPECT_TRUE(authorization_matches("Bearer abc", "abc"));
  EXPECT_FALSE(authorization_matches("Bearer abd", "abc"));
  EXPECT_FALSE(authorization_matches("Bearer abcd", "abc"));
  EXPECT_FALSE(authorization_matches("abc", "abc"));
  EXPECT_FALSE(authorization_matches("Basic abc", "abc"));
  EXPECT_FALSE(authorization_matches("", "abc"));
}

TEST(AccessToken, TheFileMustBeItsOwnersAlone) {
  testing::TempDir dir;
  const auto file = dir / "token";
  std::ofstream(file) << "  tok-123\n";
  ::chmod(file.c_str(), 0640);
  EXPECT_THROW(read_access_token(file), UsageError);
  ::chmod(file.c_str(), 0600);
  EXPECT_EQ(read_access_token(file), "tok-123");
  EXPECT_THROW(read_access_token(dir / "missing"), UsageError);
  std::ofstream(file) << "\n";
  EXPECT_THROW(read_access_token(file), UsageError);
}

TEST(AccessToken, TheEnvironmentWhenNoFile) {
  ::setenv("SONIC_SERVE_TOKEN", "from-env", 1);
  EXPECT_EQ(read_access_token(std::nullopt), "from-env");
  ::unsetenv("SONIC_SERVE_TOKEN");
  EXPECT_EQ(read_access_token(std::nullopt), std::nullopt);
}

}  // namespace
}  // namespace sonic::serve
