// The login flow against the fake Spotify, with the test playing the person: the browser
// (approve on the fake's authorize page, then a visit to the loopback callback) or the
// terminal (pasted lines).
#include "sonic/sources/spotify/login_flow.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <deque>
#include <functional>
#include <mutex>
#include <regex>
#include <thread>

#include "fakes/fake_clock.hpp"
#include "fakes/spotify_fake.hpp"
#include "sonic/net/url_encoding.hpp"
#include "support/temp_dir.hpp"

namespace sonic::sources::spotify {
namespace {

using namespace std::chrono_literals;
using testing::SpotifyFake;

struct PageVisit {
  int status = 0;
  std::string body;
};

PageVisit visit(const std::string& url) {
  try {
    net::HttpClient browser;
    const auto response = browser.send(net::HttpRequest::get(url).accept_status(400));
    return {response.status, response.body};
  } catch (const std::exception& error) {  // on the browser's thread: report, never terminate
    return {-1, error.what()};
  }
}

std::string with_state(const std::string& redirect, const std::string& state) {
  return redirect.substr(0, redirect.find("&state=")) + "&state=" + state;
}

// The person at the terminal, as a script.
class ScriptedConsole final : public LoginConsole {
 public:
  // Called with the authorize URL when the flow opens a browser (none when unset).
  std::function<void(const std::string&)> browser;
  // Called once with the authorize URL the flow printed: the lines the person pastes. The
  // input ends after them.
  std::function<std::vector<std::string>(const std::string&)> paste;

  ~ScriptedConsole() override { wait_for_browsers(); }

  // Joins the browser threads: the flow may return while a browser still reads its page, and a
  // test must not read what the browser wrote (or let it go out of scope) before then.
  void wait_for_browsers() {
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }

  void say(const std::string& text) override {
    std::lock_guard lock(mutex_);
    said_ += text;
  }
  bool open_browser(const std::string& url) override {
    if (!browser) return false;
    threads_.emplace_back(browser, url);  // a browser does not block the terminal
    return true;
  }
  std::optional<std::string> read_line(std::chrono::milliseconds timeout) override {
    if (!pasted_) {
      pasted_ = true;
      if (paste) {
        for (auto& line : paste(authorize_url())) lines_.push_back(std::move(line));
      }
    }
    if (!lines_.empty()) {
      std::string line = std::move(lines_.front());
      lines_.pop_front();
      return line;
    }
    if (!paste) {
      std::this_thread::sleep_for(timeout);  // a terminal nobody types into
      return std::nullopt;
    }
    closed_ = true;
    return std::nullopt;
  }
  bool input_closed() const override { return closed_; }

  std::string said() const {
    std::lock_guard lock(mutex_);
    return said_;
  }
  std::string authorize_url() const {
    std::smatch match;
    const std::string text = said();
    static const std::regex url(R"(http://127\.0\.0\.1:\d+/authorize\?\S+)");
    return std::regex_search(text, match, url) ? match.str(0) : "";
  }

 private:
  mutable std::mutex mutex_;
  std::string said_;
  std::vector<std::thread> threads_;
  std::deque<std::string> lines_;
  bool pasted_ = false;
  bool closed_ = false;
};

class LoginFlowTest : public ::testing::Test {
 protected:
  SpotifyFake spotify;  // first: outlives the clients
  testing::TempDir home;
  testing::FakeClock clock;
  net::HttpClient http{net::HttpSettings{}, clock};
  AccountsClient accounts{spotify.url(), SpotifyApp{SpotifyFake::kClientId, ""}, http, clock};
  CredentialsStore store{home / "credentials.json", SpotifyEnvironment{}};
  ScriptedConsole console;

  LoginOptions options(bool listen = true) const {
    LoginOptions result;
    result.listen = listen;
    result.timeout = 10s;
    return result;
  }

  // The flow, then the browser's visits finished.
  SpotifyCredentials login(const LoginOptions& login_options) {
    struct WaitForBrowsers {
      ScriptedConsole& console;
      ~WaitForBrowsers() { console.wait_for_browsers(); }
    } wait{console};
    return log_in(accounts, store, console, login_options, clock);
  }

  std::string login_error(const LoginOptions& login_options) {
    try {
      login(login_options);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ExitCode::login_needed);
      return error.what();
    }
    ADD_FAILURE() << "expected the login to fail";
    return "";
  }

  std::string exchanged_redirect_uri() const {
    const auto requests = spotify.requests("POST", testing::kTokenPath);
    return requests.empty() ? "" : requests.back().form_value("redirect_uri");
  }
};

TEST_F(LoginFlowTest, TheBrowserComesBackToTheListenerAndTheLoginIsStored) {
  PageVisit page;
  console.browser = [&](const std::string& url) { page = visit(spotify.approve(url)); };
  const SpotifyCredentials credentials = login(options());

  EXPECT_TRUE(spotify.refresh_token_is_live(credentials.refresh_token));
  EXPECT_EQ(credentials.authorized_ms, clock.now_utc_ms());
  EXPECT_EQ(credentials.scope, kLoginScope);
  const auto stored = store.load();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->refresh_token, credentials.refresh_token);
  EXPECT_EQ(stored->client_id, SpotifyFake::kClientId);
  struct stat status {};
  ASSERT_EQ(::stat(store.file().c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);

  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("go back to the terminal"), std::string::npos) << page.body;
  EXPECT_EQ(exchanged_redirect_uri().rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_NE(console.said().find("Your browser should open"), std::string::npos) << console.said();
}

TEST_F(LoginFlowTest, ARedirectOfAnotherLoginIsIgnoredAndTheRightOneStillWorks) {
  PageVisit stale;
  PageVisit right;
  console.browser = [&](const std::string& url) {
    const std::string redirect = spotify.approve(url);
    stale = visit(with_state(redirect, "someone-elses-state"));
    right = visit(redirect);
  };
  const auto credentials = login(options());
  EXPECT_TRUE(spotify.refresh_token_is_live(credentials.refresh_token));
  EXPECT_EQ(stale.status, 400);
  EXPECT_NE(stale.body.find("another login"), std::string::npos) << stale.body;
  EXPECT_EQ(right.status, 200);
}

TEST_F(LoginFlowTest, ADeclinedLoginStoresNothing) {
  PageVisit page;
  console.browser = [&](const std::string& url) { page = visit(spotify.decline(url)); };
  const std::string message = login_error(options());
  EXPECT_NE(message.find("declined"), std::string::npos) << message;
  EXPECT_NE(message.find("access_denied"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(store.file()));
  EXPECT_TRUE(spotify.requests("POST", testing::kTokenPath).empty());
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("You declined"), std::string::npos) << page.body;
}

TEST_F(LoginFlowTest, ALoginNobodyCompletesTimesOut) {
  auto short_wait = options();
  short_wait.timeout = 300ms;
  const auto started = std::chrono::steady_clock::now();
  const std::string message = login_error(short_wait);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 300ms);
  EXPECT_NE(message.find("not completed within 300 ms"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(store.file()));
}

TEST_F(LoginFlowTest, APastedRedirectCompletesAHeadlessLogin) {
  console.paste = [&](const std::string& url) {
    const std::string redirect = spotify.approve(url);
    return std::vector<std::string>{"", "what do I do?", with_state(redirect, "old-state"), "  " + redirect + "  "};
  };
  const auto credentials = login(options(false));
  EXPECT_TRUE(spotify.refresh_token_is_live(credentials.refresh_token));
  EXPECT_EQ(exchanged_redirect_uri(), "http://127.0.0.1:8888/callback");
  const std::string said = console.said();
  EXPECT_NE(said.find("paste it here"), std::string::npos) << said;
  EXPECT_NE(said.find("That is not the address"), std::string::npos) << said;
  EXPECT_NE(said.find("another login attempt"), std::string::npos) << said;
}

TEST_F(LoginFlowTest, PastingUsesTheGivenPort) {
  console.paste = [&](const std::string& url) { return std::vector<std::string>{spotify.approve(url)}; };
  auto with_port = options(false);
  with_port.port = 43210;
  login(with_port);
  EXPECT_EQ(exchanged_redirect_uri(), "http://127.0.0.1:43210/callback");
}

TEST_F(LoginFlowTest, WhileListeningAPastedRedirectIsAcceptedToo) {
  console.paste = [&](const std::string& url) { return std::vector<std::string>{spotify.approve(url)}; };
  const auto credentials = login(options());
  EXPECT_TRUE(spotify.refresh_token_is_live(credentials.refresh_token));
}

TEST_F(LoginFlowTest, InputThatEndsWithoutARedirectStoresNothing) {
  console.paste = [](const std::string&) { return std::vector<std::string>{"nonsense"}; };
  const std::string message = login_error(options(false));
  EXPECT_NE(message.find("input ended"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(store.file()));
}

TEST_F(LoginFlowTest, ABusyPortIsAUsageErrorSuggestingAnother) {
  auto busy = options();
  busy.port = spotify.port();
  try {
    login(busy);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("--port"), std::string::npos) << error.what();
  }
}

TEST(LoginFromTheEnvironment, WithoutAClientIdSaysWhereToGetOne) {
  testing::TempDir home_dir;
  const Home home{home_dir.path(), home_dir / "sonic.db"};
  SpotifyConnectionSettings settings;
  settings.environment = SpotifyEnvironment{};
  ScriptedConsole console;
  try {
    log_in(home, console, LoginOptions{}, settings);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("SPOTIFY_CLIENT_ID"), std::string::npos) << message;
    EXPECT_NE(message.find("developer.spotify.com/dashboard"), std::string::npos) << message;
    EXPECT_NE(message.find("http://127.0.0.1/callback"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace sonic::sources::spotify
