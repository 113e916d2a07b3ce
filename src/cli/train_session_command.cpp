// sonic train session: the hourly session-start model, from the store's history.
#include "command_context.hpp"
#include "model_commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/train_session.hpp"
#include "sonic/report/session_training_report.hpp"

namespace sonic::cli {
namespace {

struct TrainSessionFlags {
  session::SessionTrainingOptions options;
  bool json = false;
};

void run_train_session(CommandContext& context, const TrainSessionFlags& flags) {
  const auto result = pipeline::train_session(context.db(), context.home(), context.zone(), flags.options);
  print_result(report::SessionTrainingResult{result.training, result.run_id, result.model_path, result.time_zone},
               flags.json);
}

}  // namespace

void add_train_session_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<TrainSessionFlags>();
  CLI::App* command = train.add_subcommand(
      std::string(kind.name), "Learn when you start listening: the chance of a session in each local hour");
  add_window_days_option(command, "--session-window", flags->options.window_days,
                         "Learn from the hours of the last DAYS days of history (default: all of it)", 1);
  add_threads_option(*command, flags->options.threads);
  add_seed_option(*command, flags->options.seed);
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.time_zone = true, .lock = LockNeed::wait, .store = StoreNeed::existing});
    run_train_session(context, *flags);
  });
}

}  // namespace sonic::cli
