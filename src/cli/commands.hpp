#pragma once
// The registry of subcommands: one file each, `set_<name>_command(app, globals)`.
#include <CLI/CLI.hpp>

#include "global_options.hpp"

namespace sonic::cli {

inline void register_commands(CLI::App& app, GlobalOptions& globals) {
  (void)app;
  (void)globals;
}

}  // namespace sonic::cli
