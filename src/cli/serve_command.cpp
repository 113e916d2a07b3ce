// sonic serve: the models and the report over HTTP (serve/server.hpp), until SIGTERM or SIGINT.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "sonic/serve/server.hpp"

namespace sonic::cli {
namespace {

struct ServeFlags {
  serve::ServeOptions options;
  std::string token_file;
};

void run_serve(const GlobalOptions& globals, ServeFlags flags) {
  // No store need: the service opens it read-only itself, never with the writers' lock.
  CommandContext context(globals, {.time_zone = true});
  flags.options.token = serve::read_token(flags.token_file.empty() ? std::nullopt : std::optional(flags.token_file));
  serve::Server server(context.home(), context.zone(), flags.options);
  serve::serve_until_signalled(server, [&](int port) {
    print_text("sonic serve: listening on http://" + flags.options.host + ":" + std::to_string(port) + "\n");
  });
}

}  // namespace

void set_serve_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* command = app.add_subcommand("serve", "Serve the models and the live report over HTTP");
  command->add_option("--host", flags->options.host, "Address to listen on (off loopback a token is required)")
      ->capture_default_str();
  command->add_option("--port", flags->options.port, "Port (0: any free one, printed)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command->add_option("--threads", flags->options.threads, "Worker threads: connections served at once")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  command->add_option("--token-file", flags->token_file,
                      "File holding the bearer token (mode 0600); else SONIC_SERVE_TOKEN");
  command->callback([&globals, flags] { run_serve(globals, *flags); });
}

}  // namespace sonic::cli
