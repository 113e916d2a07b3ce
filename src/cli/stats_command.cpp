// sonic stats: what the store holds, as a table or one JSON object.
#include "commands.hpp"
#include "existing_store.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/report/history_stats.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct StatsFlags {
  bool json = false;
  int top = 10;
};

void run_stats(const GlobalOptions& globals, const StatsFlags& flags) {
  const Home home = start_command(globals);
  const TimeZone zone = TimeZone::from_setting(globals.timezone);
  store::Database db = open_existing_store(home);
  const auto stats = report::compute_history_stats(db, zone, flags.top);
  if (flags.json) {
    print_json(report::to_json(stats));
  } else {
    print_text(report::to_text(stats));
  }
}

}  // namespace

void set_stats_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<StatsFlags>();
  CLI::App* command = app.add_subcommand("stats", "A first look at the stored listening history");
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->add_option("--top", flags->top, "How many top artists and tracks")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command->callback([&globals, flags] { run_stats(globals, *flags); });
}

}  // namespace sonic::cli
