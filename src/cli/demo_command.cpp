// sonic demo: sonic's whole job on a simulated listener, no Spotify account needed.
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include "commands.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/pipeline/demo.hpp"
#include "sonic/report/history_stats.hpp"
#include "sonic/report/terminal_report.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct DemoFlags {
  std::string out;
  std::uint64_t seed = 42;
  int days = 365;
  bool import_only = false;
  bool json = false;
};

std::filesystem::path fresh_temp_folder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sonic-demo-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw Error(ExitCode::unexpected, "cannot create a temporary folder");
  return pattern;
}

void run_demo(const GlobalOptions& globals, const DemoFlags& flags) {
  start_command(globals);
  pipeline::DemoOptions options;
  options.folder = flags.out.empty() ? fresh_temp_folder() : std::filesystem::path(flags.out);
  options.seed = flags.seed;
  options.days = flags.days;
  options.models = !flags.import_only;
  options.colour = !flags.json && report::colour_wanted(isatty(fileno(stdout)) != 0, std::getenv("NO_COLOR"));
  std::filesystem::create_directories(options.folder);
  const auto result = pipeline::run_demo(options);

  const TimeZone zone = TimeZone::from_setting(globals.timezone.empty() ? pipeline::kDemoTimeZone : globals.timezone);
  store::Database db = store::open_store(result.database);
  const auto stats = report::compute_history_stats(db, zone);
  if (flags.json) {
    print_json(
        {{"folder", options.folder.string()},
         {"export", result.export_zip.string()},
         {"features_csv", result.features_csv.string()},
         {"home", result.home.string()},
         {"import", result.import.to_json()},
         {"features", result.features.to_json()},
         {"stats", report::to_json(stats)},
         {"retrain", result.retrain ? result.retrain->to_json() : nlohmann::json()},
         {"html_report", result.html_report.empty() ? nlohmann::json() : nlohmann::json(result.html_report.string())}});
    return;
  }
  if (!globals.quiet) {
    std::fputs(result.import.to_text().c_str(), stderr);
    std::fputs(result.features.to_text().c_str(), stderr);
    if (result.retrain) std::fputs(result.retrain->to_text().c_str(), stderr);
  }
  print_text(result.retrain ? result.terminal_report : report::to_text(stats));
  std::string where = "\nThe simulated export is " + result.export_zip.string() + "\nand its audio features " +
                      result.features_csv.string() + ".\n";
  if (!result.html_report.empty()) where += "The HTML report: " + result.html_report.string() + "\n";
  print_text(where + "Explore the demo store with: sonic --home " + result.home.string() + " --tz " + zone.name() +
             " report\n");
}

}  // namespace

void set_demo_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* command =
      app.add_subcommand("demo", "Simulate a listener's year, import it like a real export, and show what sonic sees");
  command->add_option("--out", flags->out, "Folder for the demo's files (default: a new temporary folder)");
  command->add_option("--seed", flags->seed, "Seed of the simulated listener")->capture_default_str();
  command->add_option("--days", flags->days, "Days of listening to simulate")
      ->check(CLI::Range(1, 3660))
      ->capture_default_str();
  command->add_flag("--import-only", flags->import_only, "Only simulate and import (no models, no report)");
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->callback([&globals, flags] { run_demo(globals, *flags); });
}

}  // namespace sonic::cli
