// sonic retrain: the nightly pipeline, end to end, each step's figures and time.
#include "commands.hpp"
#include "existing_store.hpp"
#include "model_commands.hpp"
#include "output.hpp"
#include "sonic/pipeline/retrain.hpp"

namespace sonic::cli {
namespace {

struct RetrainFlags {
  pipeline::RetrainOptions options;
  std::string labels;
  std::string impute = "none";
  bool json = false;
};

void run_retrain(const GlobalOptions& globals, RetrainFlags flags) {
  const Home home = start_command(globals);
  const TimeZone zone = TimeZone::from_setting(globals.timezone);
  if (!flags.labels.empty()) flags.options.mood_labels = flags.labels;
  flags.options.impute_artist = flags.impute == "artist";
  const auto lock = lock_home_waiting(home);
  store::Database db = open_existing_store(home);
  const auto report = pipeline::retrain(db, home, zone, flags.options);
  flags.json ? print_json(report.to_json()) : print_text(report.to_text());
  if (!report.ok()) {
    std::string failed;
    for (const auto& step : report.steps) {
      if (step.outcome != pipeline::StepOutcome::failed) continue;
      if (!failed.empty()) failed += ", ";
      failed += step.name;
    }
    throw Error(report.exit_code(), "retrain: these steps failed (their previous models are kept): " + failed);
  }
}

}  // namespace

void set_retrain_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<RetrainFlags>();
  CLI::App* command = app.add_subcommand("retrain", "The nightly pipeline: cluster, train every model, drift, report");
  command->add_option("--labels", flags->labels, "Labelled CSV for the mood net")
      ->envname("SONIC_MOOD_LABELS")
      ->check(CLI::ExistingFile);
  command->add_option("--impute", flags->impute, "Impute missing features when clustering")
      ->check(CLI::IsMember({"none", "artist"}))
      ->capture_default_str();
  command->add_option("--seed", flags->options.seed, "Seed of every random choice")->capture_default_str();
  command->add_option("--threads", flags->options.threads, "Threads (0: all cores; results are the same)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  add_window_days_option(command, "--session-window", flags->options.session_window_days,
                         "Days of history for the session model", 14);
  command->add_flag("--offline", flags->options.offline_narrator, "Write the narrative with the offline narrator");
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->callback([&globals, flags] { run_retrain(globals, *flags); });
}

}  // namespace sonic::cli
