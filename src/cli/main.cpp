// The one exit point: every failure becomes one message on stderr and a documented status.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "global_options.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/core/version.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace {

// The deepest subcommand the parser reached, so bad usage shows that subcommand's usage.
const CLI::App* deepest_subcommand(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) return deepest_subcommand(*sub);
  return &app;
}

int fail(sonic::ExitCode code, const std::string& message) {
  std::fprintf(stderr, "sonic: error: %s\n", sonic::redact_secrets(message).c_str());
  return static_cast<int>(code);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sonic: your Spotify listening, turned into mood insight", "sonic"};
  app.set_version_flag("--version", std::string("sonic ") + sonic::kVersion);
  app.require_subcommand(1);
  // Global options may follow the subcommand too: `sonic import x.zip --quiet`.
  app.fallthrough();
  sonic::cli::GlobalOptions globals;
  try {
    // Until a command sets its level, anything logged still goes to stderr, never into stdout's JSON.
    sonic::configure_logging("info");
    sonic::cli::preload_environment(argc, argv);
    sonic::cli::add_global_options(app, globals);
    sonic::cli::register_commands(app, globals);
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::Success& done) {
    return app.exit(done);  // --help, --version
  } catch (const CLI::ParseError& bad_usage) {
    std::fprintf(stderr, "sonic: error: %s\n\n%s", bad_usage.what(), deepest_subcommand(app)->help().c_str());
    return static_cast<int>(sonic::ExitCode::usage);
  } catch (const sonic::Error& error) {
    return fail(error.code(), error.what());
  } catch (const sonic::ml::InvalidArgument& error) {
    // An option ml/ refuses came from the person's flags: bad usage.
    return fail(sonic::ExitCode::usage, error.what());
  } catch (const std::exception& error) {
    return fail(sonic::ExitCode::unexpected, std::string("unexpected failure: ") + error.what());
  }
}
