// sonic retrain: the nightly pipeline, end to end, each step's figures and time.
#include "command_context.hpp"
#include "commands.hpp"
#include "model_commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/retrain.hpp"

namespace sonic::cli {
namespace {

struct RetrainFlags {
  pipeline::RetrainOptions options;
  std::string labels;
  std::string impute = "none";
  bool json = false;
};

void run_retrain(CommandContext& context, RetrainFlags flags) {
  if (!flags.labels.empty()) flags.options.mood_labels = flags.labels;
  flags.options.impute_artist = flags.impute == "artist";
  const auto report = pipeline::retrain(context.db(), context.home(), context.zone(), flags.options);
  print_result(report, flags.json);
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
  add_min_confidence_option(*command, flags->options.min_confidence);
  add_seed_option(*command, flags->options.seed);
  add_threads_option(*command, flags->options.threads);
  add_window_days_option(command, "--session-window", flags->options.session_window_days,
                         "Days of history for the session model (default: all of it)", 14);
  command->add_flag("--offline", flags->options.offline_narrator, "Write the narrative with the offline narrator");
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.time_zone = true, .lock = LockNeed::wait, .store = StoreNeed::existing});
    run_retrain(context, *flags);
  });
}

}  // namespace sonic::cli
