// sonic ingest: the cron job. New plays from Spotify's recently-played, then their enrichment.
#include <unistd.h>

#include <cstdio>

#include "commands.hpp"
#include "enrich_options.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/ingest.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct IngestFlags {
  bool json = false;
  bool wait = false;
  bool no_enrich = false;
  EnrichFlags enrich;
};

void run_ingest(const GlobalOptions& globals, const IngestFlags& flags) {
  const Home home = start_command(globals);
  ensure_home_exists(home);
  // Two cron runs must never overlap: the second one steps aside (exit 0), or waits if asked.
  std::optional<RunLock> lock = RunLock::try_acquire(home.lock_file());
  if (!lock && !flags.wait) {
    std::fprintf(stderr, "sonic: another sonic run holds %s; not ingesting this time (--wait waits)\n",
                 home.dir.string().c_str());
    if (flags.json) print_json({{"skipped", "another sonic run holds the home"}});
    return;
  }
  if (!lock) lock.emplace(lock_home_waiting(home));

  store::Database db = store::open_store(home.database);
  pipeline::IngestOptions options;
  options.session_gap_ms = session_gap_ms(globals);
  options.enrich = !flags.no_enrich;
  options.enrichment = to_enrich_options(flags.enrich);
  ProgressBar bar;
  if (isatty(STDERR_FILENO) && !globals.quiet) {
    options.enrichment.on_progress = [&bar](const pipeline::EnrichProgress& progress) { bar.draw(progress); };
  }
  sources::spotify::SpotifySession spotify(home);
  const auto report = pipeline::ingest_recently_played(db, spotify, options);
  bar.finish();
  if (!globals.quiet) std::fputs(report.to_text().c_str(), stderr);
  if (flags.json) print_json(report.to_json());
  report.enrichment.throw_if_failed();
}

}  // namespace

void set_ingest_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* command = app.add_subcommand(
      "ingest", "Store your newest plays from Spotify (run hourly from cron) and enrich their tracks");
  command->add_flag("--json", flags->json, "Print the tally as one JSON object on stdout");
  command->add_flag("--wait", flags->wait, "Wait for another sonic run instead of stepping aside");
  command->add_flag("--no-enrich", flags->no_enrich, "Only store the plays");
  add_enrich_options(*command, flags->enrich);
  command->callback([&globals, flags] { run_ingest(globals, *flags); });
}

}  // namespace sonic::cli
