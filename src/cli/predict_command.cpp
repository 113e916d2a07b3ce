// sonic predict <model>: the parent of every model's prediction subcommand.
#include "commands.hpp"
#include "model_commands.hpp"

namespace sonic::cli {

void set_predict_command(CLI::App& app, GlobalOptions& globals) {
  CLI::App* predict = app.add_subcommand("predict", "Predict with a trained model");
  predict->require_subcommand(1);
  add_model_commands(*predict, &ModelCommands::predict, globals);
}

}  // namespace sonic::cli
