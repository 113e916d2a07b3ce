// sonic auth spotify | sonic auth status: the Spotify login and how it stands.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/sources/spotify/login_flow.hpp"
#include "sonic/sources/spotify/login_status.hpp"
#include "sonic/sources/spotify/terminal_console.hpp"

namespace sonic::cli {
namespace {

namespace spotify = sources::spotify;

struct LoginFlags {
  int port = 0;
  bool no_browser = false;
  int timeout_seconds = 300;
};

struct StatusFlags {
  bool json = false;
  bool check = false;
};

void run_login(const CommandContext& context, const LoginFlags& flags) {
  const Home& home = context.home();
  spotify::LoginOptions options;
  options.port = flags.port;
  options.listen = !flags.no_browser;
  options.timeout = std::chrono::seconds(flags.timeout_seconds);
  spotify::TerminalConsole console;
  const auto credentials = spotify::log_in(home, console, options);
  print_text(spotify::describe_new_login(credentials, home.credentials()));
}

void run_status(const CommandContext& context, const StatusFlags& flags) {
  const auto status = spotify::read_login_status(context.home(), flags.check);
  print_result(status, flags.json);
  if (auto error = spotify::login_status_error(status)) throw *error;
}

}  // namespace

void set_auth_command(CLI::App& app, GlobalOptions& globals) {
  CLI::App* auth = app.add_subcommand("auth", "Log in to Spotify, and see how the login stands");
  auth->require_subcommand(1);

  auto login = std::make_shared<LoginFlags>();
  CLI::App* spotify_login = auth->add_subcommand("spotify",
                                                 "Log in to Spotify (SPOTIFY_CLIENT_ID; SPOTIFY_CLIENT_SECRET only for "
                                                 "the confidential flow)");
  spotify_login
      ->add_option("--port", login->port,
                   "Loopback port for Spotify's redirect (default: any free port; with "
                   "--no-browser, 8888)")
      ->check(CLI::Range(0, 65535));
  spotify_login->add_flag("--no-browser", login->no_browser,
                          "Headless: print the URL and read the redirected address from stdin");
  spotify_login->add_option("--timeout", login->timeout_seconds, "Seconds to wait for the login")
      ->check(CLI::Range(1, 24 * 3600))
      ->capture_default_str();
  spotify_login->callback([&globals, login] { run_login(CommandContext(globals), *login); });

  auto status = std::make_shared<StatusFlags>();
  CLI::App* status_command = auth->add_subcommand("status", "Whether the Spotify login works and when it expires");
  add_json_flag(*status_command, status->json);
  status_command->add_flag("--check", status->check, "Ask Spotify for an access token to prove the login still works");
  status_command->callback([&globals, status] { run_status(CommandContext(globals), *status); });
}

}  // namespace sonic::cli
