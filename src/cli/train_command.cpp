// sonic train <model>: the parent of every model's training subcommand.
#include "commands.hpp"
#include "model_commands.hpp"

namespace sonic::cli {

void set_train_command(CLI::App& app, GlobalOptions& globals) {
  CLI::App* train = app.add_subcommand("train", "Train a model and record the run in the home's mlruns/");
  train->require_subcommand(1);
  add_train_mood_command(*train, globals);
  add_train_next_mood_command(*train, globals);
  add_train_mood_gbdt_command(*train, globals);
  add_train_session_command(*train, globals);
}

}  // namespace sonic::cli
