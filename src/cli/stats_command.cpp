// sonic stats: what the store holds, as a table or one JSON object.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/report/history_stats.hpp"

namespace sonic::cli {
namespace {

struct StatsFlags {
  bool json = false;
  int top = 10;
};

void run_stats(CommandContext& context, const StatsFlags& flags) {
  print_result(report::compute_history_stats(context.db(), context.zone(), flags.top), flags.json);
}

}  // namespace

void set_stats_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<StatsFlags>();
  CLI::App* command = app.add_subcommand("stats", "A first look at the stored listening history");
  add_json_flag(*command, flags->json);
  command->add_option("--top", flags->top, "How many top artists and tracks")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command->callback([&globals, flags] {
    CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
    run_stats(context, *flags);
  });
}

}  // namespace sonic::cli
