#pragma once
// `sonic train <model>` and `sonic predict <model>`: each model's subcommands (its options,
// declared once) live in one file; train_command.cpp and predict_command.cpp attach them in a
// loop over the model registry (pipeline/model_registry.hpp), named after the model's kind.
#include <CLI/CLI.hpp>

#include <span>
#include <string>
#include <string_view>

#include "global_options.hpp"
#include "sonic/mood/mood_net.hpp"
#include "sonic/mood/next_mood.hpp"
#include "sonic/mood/next_mood_gbdt.hpp"
#include "sonic/session/session_model_file.hpp"

namespace sonic::cli {

// Adds `<parent> <kind.name>` with its options and callback.
using AddModelCommand = void (*)(CLI::App& parent, const tracking::ModelKind& kind, GlobalOptions& globals);

struct ModelCommands {
  std::string_view name;              // the kind's name (tracking/model_kinds.hpp)
  AddModelCommand train = nullptr;    // nullptr: trained by another command (mood clusters: sonic cluster)
  AddModelCommand predict = nullptr;  // nullptr: no `sonic predict <name>`
};

void add_train_mood_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals);
void add_predict_mood_command(CLI::App& predict, const tracking::ModelKind& kind, GlobalOptions& globals);
void add_train_next_mood_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals);
void add_predict_next_mood_command(CLI::App& predict, const tracking::ModelKind& kind, GlobalOptions& globals);
void add_train_mood_gbdt_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals);
void add_train_session_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals);
void add_predict_session_command(CLI::App& predict, const tracking::ModelKind& kind, GlobalOptions& globals);

// One row per model that has a train or predict subcommand.
inline constexpr ModelCommands kModelCommands[] = {
    {mood::kMoodNet.name, add_train_mood_command, add_predict_mood_command},
    {mood::kNextMoodNet.name, add_train_next_mood_command, add_predict_next_mood_command},
    {mood::kNextMoodGbdt.name, add_train_mood_gbdt_command, nullptr},
    {session::kSessionStart.name, add_train_session_command, add_predict_session_command},
};

// Attaches the `train` (or `predict`) subcommand of every registered model that has one, in the
// registry's order. `which` picks ModelCommands::train or ::predict.
void add_model_commands(CLI::App& parent, AddModelCommand ModelCommands::*which, GlobalOptions& globals);

// A window in days under a name that says what it counts (`--session-window`,
// `--next-mood-window`), with `--window`, its old spelling, kept as a hidden alias.
inline void add_window_days_option(CLI::App* command, const std::string& name, int& days, const std::string& help,
                                   int min_days) {
  const CLI::Range range(min_days, 36500);
  command->add_option(name, days, help)->check(range)->capture_default_str();
  // Checked here rather than by ->check(), whose message would lack the name of a hidden option.
  command
      ->add_option_function<int>(
          "--window",
          [&days, range](const int& value) {
            std::string text = std::to_string(value);
            const std::string error = range(text);
            if (!error.empty()) throw CLI::ValidationError("--window", error);
            days = value;
          },
          "Old spelling of " + name)
      ->group("");
}

}  // namespace sonic::cli
