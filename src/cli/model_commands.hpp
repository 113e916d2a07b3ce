#pragma once
// `sonic train <model>` and `sonic predict <model>`: each model's subcommands live in their own
// file and attach themselves to the parents made in train_command.cpp / predict_command.cpp.
#include <CLI/CLI.hpp>

#include "global_options.hpp"

namespace sonic::cli {

// Add one declaration per model here and one call in train_command.cpp / predict_command.cpp.
void add_train_mood_command(CLI::App& train, GlobalOptions& globals);
void add_predict_mood_command(CLI::App& predict, GlobalOptions& globals);
void add_train_next_mood_command(CLI::App& train, GlobalOptions& globals);
void add_predict_next_mood_command(CLI::App& predict, GlobalOptions& globals);
void add_train_mood_gbdt_command(CLI::App& train, GlobalOptions& globals);
void add_train_session_command(CLI::App& train, GlobalOptions& globals);
void add_predict_session_command(CLI::App& predict, GlobalOptions& globals);

}  // namespace sonic::cli
