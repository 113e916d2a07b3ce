// sonic train next-mood / sonic predict next-mood: the mood cluster of a session's next track.
#include "existing_store.hpp"
#include "mlp_options.hpp"
#include "model_commands.hpp"
#include "output.hpp"
#include "sonic/pipeline/next_mood.hpp"

namespace sonic::cli {
namespace {

struct NextMoodFlags {
  pipeline::TrainNextMoodOptions options;
  bool json = false;
};

void run_train(const GlobalOptions& globals, const NextMoodFlags& flags) {
  const Home home = start_command(globals);
  const TimeZone zone = TimeZone::from_setting(globals.timezone);
  const auto lock = lock_home_waiting(home);
  store::Database db = open_existing_store(home);
  const auto report = pipeline::train_next_mood(db, home, zone, flags.options);
  flags.json ? print_json(pipeline::to_json(report)) : print_text(pipeline::to_text(report));
}

void run_predict(const GlobalOptions& globals, bool json) {
  const Home home = start_command(globals);
  const TimeZone zone = TimeZone::from_setting(globals.timezone);
  store::Database db = open_existing_store(home);
  const auto prediction = pipeline::predict_next_mood(db, home, zone);
  json ? print_json(pipeline::to_json(prediction, zone)) : print_text(pipeline::to_text(prediction, zone));
}

void add_window_option(CLI::App* command, int& window_days) {
  add_window_days_option(command, "--next-mood-window", window_days,
                         "Learn from the sessions of the last N days only (0: all history)", 0);
}

}  // namespace

void add_train_next_mood_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<NextMoodFlags>();
  auto& mlp = flags->options.mlp;
  CLI::App* command = train.add_subcommand(std::string(kind.name), "Train the next-track mood model on your sessions");
  add_window_option(command, flags->options.window_days);
  add_mlp_options(command, mlp);
  command->add_option("--patience", mlp.patience, "Stop after this many epochs without a better validation loss")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->callback([&globals, flags] { run_train(globals, *flags); });
}

void add_train_mood_gbdt_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<NextMoodFlags>();
  flags->options.learner = pipeline::NextMoodLearner::gbdt;
  auto& gbdt = flags->options.gbdt;
  CLI::App* command = train.add_subcommand(
      std::string(kind.name), "Train boosted trees on the next-track mood data, to compare with the mood net");
  add_window_option(command, flags->options.window_days);
  command->add_option("--rounds", gbdt.num_rounds, "Most boosting rounds")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--max-depth", gbdt.max_depth, "Tree depth")->check(CLI::Range(1, 16))->capture_default_str();
  command->add_option("--eta", gbdt.learning_rate, "Learning rate")
      ->check(CLI::Range(1e-4, 1.0))
      ->capture_default_str();
  command
      ->add_option("--early-stopping", gbdt.early_stopping_rounds,
                   "Stop after this many rounds without a better validation loss")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  command->add_option("--seed", gbdt.seed, "Seed of every random choice")->capture_default_str();
  command->add_option("--threads", gbdt.num_threads, "Threads (0: all cores; the result is the same)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->callback([&globals, flags] { run_train(globals, *flags); });
}

void add_predict_next_mood_command(CLI::App& predict, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto json = std::make_shared<bool>(false);
  CLI::App* command = predict.add_subcommand(std::string(kind.name), "The next track's mood in your latest session");
  command->add_flag("--json", *json, "Print one JSON object on stdout");
  command->callback([&globals, json] { run_predict(globals, *json); });
}

}  // namespace sonic::cli
