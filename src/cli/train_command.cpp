// sonic train <model>: the parent of every model's training subcommand.
#include "commands.hpp"
#include "model_commands.hpp"
#include "sonic/pipeline/model_registry.hpp"

namespace sonic::cli {

void add_model_commands(CLI::App& parent, AddModelCommand ModelCommands::*which, GlobalOptions& globals) {
  for (const auto& model : pipeline::model_registry()) {
    for (const auto& commands : kModelCommands) {
      if (commands.name == model.kind.name && commands.*which) (commands.*which)(parent, model.kind, globals);
    }
  }
}

void set_train_command(CLI::App& app, GlobalOptions& globals) {
  CLI::App* train = app.add_subcommand("train", "Train a model and record the run in the home's mlruns/");
  train->require_subcommand(1);
  add_model_commands(*train, &ModelCommands::train, globals);
}

}  // namespace sonic::cli
