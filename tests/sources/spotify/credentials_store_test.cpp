// The credentials file: mode 0600, atomic replacement, strict reading that never quotes the
// file, the environment's precedence, and the six-month login lifetime.
#include "sonic/sources/spotify/credentials_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "support/log_capture.hpp"
#include "support/temp_dir.hpp"

namespace sonic::sources::spotify {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::write_file;

constexpr std::int64_t kMay1 = 1'777'636'800'000;  // 2026-05-01T12:00:00Z
const std::string kToken = "AQC-stored-refresh-token-9f8e7d";

unsigned mode_of(const std::filesystem::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_mode & 0777;
}

ino_t inode_of(const std::filesystem::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_ino;
}

SpotifyCredentials login(const std::string& token = kToken) {
  SpotifyCredentials credentials;
  credentials.client_id = "client-1";
  credentials.refresh_token = token;
  credentials.scope = "user-read-recently-played";
  credentials.authorized_ms = kMay1;
  return credentials;
}

class CredentialsStoreTest : public ::testing::Test {
 protected:
  TempDir home;
  std::filesystem::path file = home / "credentials.json";
  CredentialsStore store{file, SpotifyEnvironment{}};

  std::string load_error() {
    try {
      store.load();
    } catch (const InputError& error) {
      return error.what();
    }
    ADD_FAILURE() << "expected an InputError";
    return "";
  }
};

TEST_F(CredentialsStoreTest, RoundTripsEveryField) {
  auto credentials = login();
  store.save(credentials, kMay1 + 5000);
  const auto loaded = store.load();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->client_id, "client-1");
  EXPECT_EQ(loaded->refresh_token, kToken);
  EXPECT_EQ(loaded->scope, "user-read-recently-played");
  EXPECT_EQ(loaded->authorized_ms, kMay1);
  EXPECT_EQ(loaded->updated_ms, kMay1 + 5000);
  EXPECT_EQ(loaded->origin, CredentialsOrigin::file);
  const auto json = nlohmann::json::parse(read_file(file));
  EXPECT_EQ(json["format"], "sonic-spotify-credentials");
  EXPECT_EQ(json["version"], 1);
}

TEST_F(CredentialsStoreTest, NoFileAndNoEnvironmentMeansNotLoggedIn) { EXPECT_FALSE(store.load()); }

TEST_F(CredentialsStoreTest, FileIsOwnerOnlyEvenWhenItWasReadableBefore) {
  write_file(file, "{}");
  ::chmod(file.c_str(), 0644);
  const mode_t previous = ::umask(0);  // the most permissive umask must not widen it
  auto credentials = login();
  store.save(credentials, kMay1);
  ::umask(previous);
  EXPECT_EQ(mode_of(file), 0600u);
}

TEST_F(CredentialsStoreTest, ANewHomeFolderIsOwnerOnlyToo) {
  CredentialsStore nested(home / "new-home" / "credentials.json", SpotifyEnvironment{});
  auto credentials = login();
  nested.save(credentials, kMay1);
  EXPECT_EQ(mode_of(home / "new-home"), 0700u);
}

TEST_F(CredentialsStoreTest, ReplacesTheFileAtomically) {
  auto first = login("AQC-first-token-aaaaaa");
  store.save(first, kMay1);
  const ino_t before = inode_of(file);
  std::ifstream reader_of_the_old_file(file);  // e.g. a concurrent `sonic auth status`

  auto second = login("AQC-second-token-bbbbbb");
  store.save(second, kMay1 + 1);

  // The old file was replaced by a rename, not rewritten in place: whoever had it open still
  // reads it whole, and no temporary file is left behind.
  EXPECT_NE(inode_of(file), before);
  const std::string old_content((std::istreambuf_iterator<char>(reader_of_the_old_file)),
                                std::istreambuf_iterator<char>());
  EXPECT_EQ(nlohmann::json::parse(old_content)["refresh_token"], "AQC-first-token-aaaaaa");
  EXPECT_EQ(store.load()->refresh_token, "AQC-second-token-bbbbbb");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(home.path())) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"credentials.json"});
}

TEST_F(CredentialsStoreTest, MalformedFilesAreInputErrorsNamingTheFileNeverQuotingIt) {
  const std::string secret = "AQC-secret-in-a-broken-file";
  const std::pair<std::string, std::string> cases[] = {
      {"{\"refresh_token\": \"" + secret + "\", oops", "not valid JSON"},
      {"[\"" + secret + "\"]", "not a JSON object"},
      {R"({"format":"sonic-spotify-credentials","version":1,"client_id":"c"})", "'refresh_token' is missing"},
      {R"({"format":"sonic-spotify-credentials","version":1,"client_id":"c","refresh_token":7})",
       "'refresh_token' is not a string"},
      {R"({"format":"sonic-spotify-credentials","version":1,"client_id":"","refresh_token":")" + secret + "\"}",
       "'client_id' is empty"},
      {R"({"format":"sonic-spotify-credentials","version":2,"client_id":"c","refresh_token":")" + secret + "\"}",
       "version 2 was written by a newer sonic"},
      {R"({"format":"other","version":1,"client_id":"c","refresh_token":")" + secret + "\"}",
       "'format' is not sonic-spotify-credentials"},
      {R"({"format":"sonic-spotify-credentials","version":1,"client_id":"c","refresh_token":")" + secret +
           R"(","authorized_ms":"yesterday"})",
       "'authorized_ms' is not a whole number"},
  };
  for (const auto& [content, reason] : cases) {
    write_file(file, content);
    const std::string message = load_error();
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find(reason), std::string::npos) << message;
    EXPECT_NE(message.find("sonic auth spotify"), std::string::npos) << message;
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
  }
}

TEST_F(CredentialsStoreTest, WarnsWhenOthersCanReadTheFile) {
  auto credentials = login();
  store.save(credentials, kMay1);
  ::chmod(file.c_str(), 0644);
  testing::LogCapture log(spdlog::level::warn);
  store.load();
  EXPECT_NE(log.text().find("chmod 600"), std::string::npos) << log.text();
}

TEST_F(CredentialsStoreTest, EnvironmentTokenTakesPrecedence) {
  auto stored = login();
  store.save(stored, kMay1);
  const CredentialsStore with_env(file, SpotifyEnvironment{"env-client", "", "AQC-env-token-123456"});
  const auto loaded = with_env.load();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->origin, CredentialsOrigin::environment);
  EXPECT_EQ(loaded->refresh_token, "AQC-env-token-123456");
  EXPECT_EQ(loaded->client_id, "env-client");
  EXPECT_FALSE(loaded->authorized_ms);  // unknown: no expiry can be told
  EXPECT_FALSE(login_expiry_ms(*loaded));
}

TEST_F(CredentialsStoreTest, EnvironmentTokenNeedsTheClientId) {
  const CredentialsStore with_env(file, SpotifyEnvironment{"", "", "AQC-env-token-123456"});
  try {
    with_env.load();
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("SPOTIFY_CLIENT_ID"), std::string::npos) << error.what();
  }
}

TEST_F(CredentialsStoreTest, ATokenIssuedInPlaceOfTheEnvironmentsWinsUntilTheEnvironmentChanges) {
  const CredentialsStore with_env(file, SpotifyEnvironment{"env-client", "", "AQC-env-token-123456"});
  auto credentials = *with_env.load();
  credentials.refresh_token = "AQC-rotated-from-env-654321";  // what a refresh returned
  with_env.save(credentials, kMay1);
  EXPECT_EQ(credentials.origin, CredentialsOrigin::file);
  EXPECT_EQ(read_file(file).find("AQC-env-token-123456"), std::string::npos);  // only its hash

  const auto next_run = with_env.load();
  EXPECT_EQ(next_run->refresh_token, "AQC-rotated-from-env-654321");
  EXPECT_EQ(next_run->origin, CredentialsOrigin::file);
  EXPECT_EQ(next_run->client_id, "env-client");

  // Someone put a new token in the environment: it wins again.
  const CredentialsStore new_env(file, SpotifyEnvironment{"env-client", "", "AQC-brand-new-env-777"});
  EXPECT_EQ(new_env.load()->refresh_token, "AQC-brand-new-env-777");
}

TEST(LoginExpiry, SixCalendarMonthsAfterTheAuthorization) {
  const auto at = [](int y, int m, int d, std::int64_t time_of_day_ms = 0) {
    return days_from_civil(y, m, d) * kMsPerDay + time_of_day_ms;
  };
  const std::int64_t ten_past_ten = 10 * kMsPerHour + 10 * kMsPerMinute + 123;
  EXPECT_EQ(add_calendar_months(at(2026, 1, 31, ten_past_ten), 6), at(2026, 7, 31, ten_past_ten));
  EXPECT_EQ(add_calendar_months(at(2025, 8, 31), 6), at(2026, 2, 28));
  EXPECT_EQ(add_calendar_months(at(2027, 8, 31), 6), at(2028, 2, 29));  // a leap year
  EXPECT_EQ(add_calendar_months(at(2026, 12, 15), 6), at(2027, 6, 15));
  EXPECT_EQ(add_calendar_months(at(2026, 7, 1), 6), at(2027, 1, 1));
  SpotifyCredentials credentials = login();
  EXPECT_EQ(login_expiry_ms(credentials), at(2026, 11, 1, 12 * kMsPerHour));
}

}  // namespace
}  // namespace sonic::sources::spotify
