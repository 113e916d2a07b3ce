// sonic runs: the recent training runs in the home's mlruns/, with their final metrics.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/model_registry.hpp"
#include "sonic/report/runs_table.hpp"
#include "sonic/tracking/mlflow_store.hpp"

namespace sonic::cli {
namespace {

struct RunsFlags {
  std::string experiment;
  std::size_t limit = 20;
  bool json = false;
};

void run_runs(const CommandContext& context, const RunsFlags& flags) {
  const Home& home = context.home();
  const auto runs = tracking::list_runs(
      home.runs(), flags.experiment.empty() ? std::nullopt : std::optional<std::string>(flags.experiment), flags.limit);
  flags.json ? print_json(report::runs_json(runs))
             : print_text(report::runs_text(runs, home.runs(), pipeline::headline_metrics()));
}

}  // namespace

void set_runs_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<RunsFlags>();
  CLI::App* command = app.add_subcommand("runs", "List recent training runs and their metrics (MLflow file store)");
  command->add_option("--experiment", flags->experiment, "Only this experiment (" + pipeline::experiment_names() + ")");
  command->add_option("--limit", flags->limit, "How many runs, newest first")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] { run_runs(CommandContext(globals), *flags); });
}

}  // namespace sonic::cli
