#pragma once
// The flags every command that trains a mood net shares, declared once.
#include <CLI/CLI.hpp>

#include "shared_options.hpp"
#include "sonic/ml/mlp/trainer.hpp"

namespace sonic::cli {

inline void add_mlp_options(CLI::App* command, ml::MlpOptions& mlp) {
  command->add_option("--hidden", mlp.hidden_layers, "Hidden layer widths, e.g. 64,32")
      ->delimiter(',')
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  command->add_option("--epochs", mlp.epochs, "Most training epochs")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--learning-rate", mlp.adam.learning_rate, "Adam learning rate")
      ->check(CLI::Range(1e-7, 1.0))
      ->capture_default_str();
  command->add_option("--l2", mlp.l2, "L2 weight decay")->check(CLI::Range(0.0, 10.0))->capture_default_str();
  command->add_option("--dropout", mlp.dropout, "Dropout rate on hidden layers")
      ->check(CLI::Range(0.0, 0.95))
      ->capture_default_str();
  add_seed_option(*command, mlp.seed);
  add_threads_option(*command, mlp.threads);
}

}  // namespace sonic::cli
