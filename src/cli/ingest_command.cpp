// sonic ingest: the cron job. New plays from Spotify's recently-played, then their enrichment.
#include <cstdio>

#include "command_context.hpp"
#include "commands.hpp"
#include "enrich_options.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/ingest.hpp"

namespace sonic::cli {
namespace {

struct IngestFlags {
  bool json = false;
  bool wait = false;
  bool no_enrich = false;
  EnrichFlags enrich;
};

void run_ingest(CommandContext& context, const IngestFlags& flags) {
  if (!context.holds_lock()) {
    std::fprintf(stderr, "sonic: another sonic run holds %s; not ingesting this time (--wait waits)\n",
                 context.home().dir.string().c_str());
    if (flags.json) print_json({{"skipped", "another sonic run holds the home"}});
    return;
  }
  pipeline::IngestOptions options;
  options.session_gap_ms = context.session_gap_ms();
  options.enrich = !flags.no_enrich;
  options.enrichment = to_enrich_options(flags.enrich);
  ProgressBar bar;
  if (context.progress_on_stderr()) {
    options.enrichment.on_progress = [&bar](const pipeline::EnrichProgress& progress) { bar.draw(progress); };
  }
  sources::spotify::SpotifySession spotify(context.home());
  const auto report = pipeline::ingest_recently_played(context.db(), spotify, options);
  bar.finish();
  print_tally(report, context.quiet(), flags.json);
  report.enrichment.throw_if_failed();
}

}  // namespace

void set_ingest_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* command = app.add_subcommand(
      "ingest", "Store your newest plays from Spotify (run hourly from cron) and enrich their tracks");
  add_json_flag(*command, flags->json);
  command->add_flag("--wait", flags->wait, "Wait for another sonic run instead of stepping aside");
  command->add_flag("--no-enrich", flags->no_enrich, "Only store the plays");
  add_enrich_options(*command, flags->enrich);
  command->callback([&globals, flags] {
    // Two cron runs must never overlap: the second one steps aside (exit 0), or waits if asked.
    CommandContext context(globals,
                           {.lock = flags->wait ? LockNeed::wait : LockNeed::step_aside, .store = StoreNeed::created});
    run_ingest(context, *flags);
  });
}

}  // namespace sonic::cli
