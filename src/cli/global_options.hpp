#pragma once
// Options every subcommand shares, declared once with their help text and environment variable.
#include <CLI/CLI.hpp>
#include <string>

#include "sonic/core/home.hpp"
#include "sonic/core/run_lock.hpp"

namespace sonic::cli {

struct GlobalOptions {
  std::string home;
  std::string db;
  std::string log_level = "info";
  bool quiet = false;
  std::string timezone;
  int session_gap_minutes = 30;
};

inline std::int64_t session_gap_ms(const GlobalOptions& options) {
  return std::int64_t{options.session_gap_minutes} * 60'000;
}

void add_global_options(CLI::App& app, GlobalOptions& options);

// Before CLI11 reads environment variables: `.env` in the current folder, then in the home
// (found from --home or SONIC_HOME in argv/env). Neither overrides the real environment.
void preload_environment(int argc, char** argv);

// Sets up logging and resolves the home; a command starts from CommandContext, which calls this.
Home start_command(const GlobalOptions& options);

// The log level of --quiet / --log-level, for a command that runs without a home (start_command
// sets it for the others).
void apply_log_level(const GlobalOptions& options);

}  // namespace sonic::cli
