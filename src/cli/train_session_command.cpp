// sonic train session: the hourly session-start model, from the store's history.
#include "model_commands.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/train_session.hpp"
#include "sonic/report/session_report.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct TrainSessionFlags {
  session::SessionTrainingOptions options;
  bool json = false;
};

void run_train_session(const GlobalOptions& globals, const TrainSessionFlags& flags) {
  const Home home = start_command(globals);
  const TimeZone zone = TimeZone::from_setting(globals.timezone);
  if (!std::filesystem::exists(home.database)) {
    throw UsageError("no sonic store at " + home.database.string() +
                     ": import your Spotify data first (sonic import my_spotify_data.zip)");
  }
  const RunLock lock = lock_home_waiting(home);
  store::Database db = store::open_store(home.database);
  const auto result = pipeline::train_session(db, home, zone, flags.options);
  const report::SessionTrainingReport report{result.training, result.run_id, result.model_path, result.time_zone};
  if (flags.json) {
    print_json(report::to_json(report));
  } else {
    print_text(report::to_text(report));
  }
}

}  // namespace

void add_train_session_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<TrainSessionFlags>();
  CLI::App* command = train.add_subcommand(
      std::string(kind.name), "Learn when you start listening: the chance of a session in each local hour");
  add_window_days_option(command, "--session-window", flags->options.window_days,
                         "Learn from the hours of the last DAYS days of history", 1);
  command
      ->add_option("--threads", flags->options.threads, "Threads for training (0: every core; never changes the model)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  command->add_option("--seed", flags->options.seed, "Seed of the row and column sampling")->capture_default_str();
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->callback([&globals, flags] { run_train_session(globals, *flags); });
}

}  // namespace sonic::cli
