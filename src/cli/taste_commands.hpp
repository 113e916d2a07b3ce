#pragma once
// The taste commands (issue 11): `sonic recommend`, `sonic profile`, `sonic compare`. Kept apart
// from commands.hpp only so that adding them did not rebuild every command file on a busy shared
// machine; the integrator may fold these lines into the end of commands.hpp's list.
#include <CLI/CLI.hpp>

#include "global_options.hpp"

namespace sonic::cli {

void set_recommend_command(CLI::App& app, GlobalOptions& globals);
void set_profile_command(CLI::App& app, GlobalOptions& globals);
void set_compare_command(CLI::App& app, GlobalOptions& globals);

inline void register_taste_commands(CLI::App& app, GlobalOptions& globals) {
  set_recommend_command(app, globals);
  set_profile_command(app, globals);
  set_compare_command(app, globals);
}

}  // namespace sonic::cli
