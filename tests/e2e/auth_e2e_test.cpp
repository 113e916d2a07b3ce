// `sonic auth spotify` and `sonic auth status` as a person meets them, against the fake
// Spotify: the test reads the authorize URL the binary prints, plays Spotify's page and the
// browser (or pastes the redirect into stdin), then asks for the status.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "fakes/spotify_fake.hpp"
#include "sonic/net/http_client.hpp"
#include "support/run_sonic.hpp"
#include "support/sonic_process.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

using namespace std::chrono_literals;

const std::regex kAuthorizeUrl(R"(http://127\.0\.0\.1:\d+/authorize\?\S+)");

// A port nobody listens on right now (the kernel's pick, released at once).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool listening(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

bool wait_until_listening(int port, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!listening(port)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

int visit(const std::string& url) {
  net::HttpClient browser;
  return browser.send(net::HttpRequest::get(url).accept_status(400)).status;
}

class AuthE2e : public ::testing::Test {
 protected:
  SpotifyFake spotify;
  TempDir home;
  RunOptions options = [this] {
    RunOptions result;
    result.env = spotify.env();
    return result;
  }();

  std::vector<std::string> args(std::vector<std::string> rest) const {
    rest.insert(rest.begin(), {"--home", home.path().string()});
    return rest;
  }
  std::filesystem::path credentials() const { return home / "credentials.json"; }
  std::string stored_refresh_token() const {
    return nlohmann::json::parse(read_file(credentials()))["refresh_token"].get<std::string>();
  }
};

TEST_F(AuthE2e, LogInThroughTheBrowserThenAskForTheStatus) {
  const int port = free_port();
  SonicProcess login(args({"auth", "spotify", "--port", std::to_string(port), "--timeout", "60"}), options);
  const auto url = login.wait_for_output(kAuthorizeUrl, 30s);
  ASSERT_TRUE(url) << login.err();
  ASSERT_TRUE(wait_until_listening(port, 10s)) << login.err();
  const std::string redirect = spotify.approve(*url);
  EXPECT_EQ(redirect.rfind("http://127.0.0.1:" + std::to_string(port) + "/callback?code=", 0), 0u);
  EXPECT_EQ(visit(redirect), 200);
  const RunResult result = login.wait(30s);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Logged in to Spotify"), std::string::npos) << result.out;

  struct stat status {};
  ASSERT_EQ(::stat(credentials().c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
  const std::string token = stored_refresh_token();
  EXPECT_TRUE(spotify.refresh_token_is_live(token));
  EXPECT_EQ(result.err.find(token), std::string::npos);
  EXPECT_EQ(result.out.find(token), std::string::npos);

  const RunResult status_run = run_sonic(args({"auth", "status", "--json"}), options);
  ASSERT_EQ(status_run.exit_code, 0) << status_run.err;
  const auto json = nlohmann::json::parse(status_run.out);
  EXPECT_EQ(json["usable"], true);
  EXPECT_EQ(json["source"], "file");
  EXPECT_EQ(json["scope"], "user-read-recently-played playlist-modify-private");
  EXPECT_GE(json["days_left"].get<int>(), 180);  // six calendar months from today
  EXPECT_LE(json["days_left"].get<int>(), 184);
  EXPECT_EQ(spotify.requests("POST", kTokenPath).size(), 1u);  // no check: no request

  const RunResult checked = run_sonic(args({"auth", "status", "--json", "--check"}), options);
  ASSERT_EQ(checked.exit_code, 0) << checked.err;
  const auto check = nlohmann::json::parse(checked.out)["check"];
  EXPECT_EQ(check["ok"], true);
  EXPECT_EQ(check["refresh_token_replaced"], true);
  EXPECT_FALSE(spotify.refresh_token_is_live(token));
  EXPECT_TRUE(spotify.refresh_token_is_live(stored_refresh_token()));
  EXPECT_EQ(checked.out.find(stored_refresh_token()), std::string::npos);
}

TEST_F(AuthE2e, AHeadlessLoginReadsTheRedirectFromStdin) {
  SonicProcess login(args({"auth", "spotify", "--no-browser", "--timeout", "60"}), options);
  const auto url = login.wait_for_output(kAuthorizeUrl, 30s);
  ASSERT_TRUE(url) << login.err();
  EXPECT_NE(login.err().find("paste it here"), std::string::npos) << login.err();
  login.write_stdin(spotify.approve(*url) + "\n");
  const RunResult result = login.wait(30s);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(spotify.refresh_token_is_live(stored_refresh_token()));
  EXPECT_EQ(spotify.requests("POST", kTokenPath).back().form_value("redirect_uri"), "http://127.0.0.1:8888/callback");
}

TEST_F(AuthE2e, ARefusedLoginExitsFourAndStoresNothing) {
  const int port = free_port();
  SonicProcess login(args({"auth", "spotify", "--port", std::to_string(port), "--timeout", "60"}), options);
  const auto url = login.wait_for_output(kAuthorizeUrl, 30s);
  ASSERT_TRUE(url) << login.err();
  ASSERT_TRUE(wait_until_listening(port, 10s));
  EXPECT_EQ(visit(spotify.decline(*url)), 200);
  const RunResult result = login.wait(30s);
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_NE(result.err.find("sonic: error: the Spotify login was declined"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(credentials()));
  EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST_F(AuthE2e, StatusWithoutALoginExitsFourWithOneJsonObject) {
  const RunResult result = run_sonic(args({"auth", "status", "--json"}), options);
  EXPECT_EQ(result.exit_code, 4);
  const auto json = nlohmann::json::parse(result.out);  // exactly one document
  EXPECT_EQ(json["logged_in"], false);
  EXPECT_NE(result.err.find("sonic auth spotify"), std::string::npos) << result.err;
}

TEST_F(AuthE2e, LoginWithoutAClientIdIsBadUsage) {
  options.env.erase("SPOTIFY_CLIENT_ID");
  const RunResult result = run_sonic(args({"auth", "spotify", "--no-browser"}), options);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("SPOTIFY_CLIENT_ID"), std::string::npos) << result.err;
  EXPECT_TRUE(spotify.requests().empty());
}

}  // namespace
}  // namespace sonic::testing
