// sonic summarize: the segments, the drift and the narrative, as text or one JSON object.
#include <optional>

#include "commands.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/pipeline/summarize.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct SummarizeFlags {
  std::string period = "30";
  std::optional<int> year;
  std::string segments;
  bool offline = false;
  bool json = false;
};

void run_summarize(const GlobalOptions& globals, const SummarizeFlags& flags) {
  pipeline::SummarizeOptions options{.period = insight::Period::parse(flags.period, flags.year),
                                     .boundaries = insight::SegmentBoundaries::parse(flags.segments),
                                     .narrator = insight::NarratorSettings::from_environment(flags.offline)};
  const Home home = start_command(globals);
  const TimeZone zone = TimeZone::from_setting(globals.timezone);
  if (!std::filesystem::exists(home.database)) {
    throw UsageError("no sonic store at " + home.database.string() +
                     ": import your Spotify data first (sonic import my_spotify_data.zip)");
  }
  const RunLock lock = lock_home_waiting(home);  // drift_runs and narratives are written
  store::Database db = store::open_store(home.database);
  const auto summary = pipeline::summarize(db, zone, options);
  if (flags.json) {
    print_json(summary.to_json());
  } else {
    print_text(summary.to_text());
  }
}

}  // namespace

void set_summarize_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<SummarizeFlags>();
  CLI::App* command =
      app.add_subcommand("summarize",
                         "A narrative of how your listening moves through the day and the week "
                         "(OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL, else the offline narrator)");
  command->add_option("--period", flags->period, "Last 7, 30 or 365 days (up to the newest listen), or all")
      ->check(CLI::IsMember({"7", "30", "365", "all"}))
      ->capture_default_str();
  command->add_option("--year", flags->year, "A calendar year in review instead (local time)");
  command->add_option("--segments", flags->segments,
                      "Where the parts of the day start, e.g. morning=5,afternoon=12,evening=17,night=22");
  command->add_flag("--offline", flags->offline, "Use the offline narrator, even with a key");
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->callback([&globals, flags] { run_summarize(globals, *flags); });
}

}  // namespace sonic::cli
