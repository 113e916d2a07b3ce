// sonic summarize: the segments, the drift and the narrative, as text or one JSON object.
#include <optional>

#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/summarize.hpp"

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
  // Bad settings are refused before the home is looked at.
  pipeline::SummarizeOptions options{.period = insight::Period::parse(flags.period, flags.year),
                                     .boundaries = insight::SegmentBoundaries::parse(flags.segments),
                                     .narrator = insight::NarratorSettings::from_environment(flags.offline)};
  // drift_runs and narratives are written: the writer's lock.
  CommandContext context(globals, {.time_zone = true, .lock = LockNeed::wait, .store = StoreNeed::existing});
  print_result(pipeline::summarize(context.db(), context.zone(), options), flags.json);
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
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] { run_summarize(globals, *flags); });
}

}  // namespace sonic::cli
