// sonic enrich: audio features (ReccoBeats) and top tags (Last.fm) for the stored history.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "commands.hpp"
#include "enrich_options.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/pipeline/enrich.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct EnrichCommandFlags {
  std::size_t limit = 0;  // 0: no limit
  bool json = false;
  EnrichFlags enrich;
};

void run_enrich(const GlobalOptions& globals, const EnrichCommandFlags& flags) {
  const Home home = start_command(globals);
  if (!std::filesystem::exists(home.database)) {
    throw UsageError("no sonic store at " + home.database.string() +
                     ": import your Spotify data first (sonic import my_spotify_data.zip)");
  }
  pipeline::EnrichOptions options = to_enrich_options(flags.enrich);
  if (flags.limit > 0) options.limit = flags.limit;
  ProgressBar bar;
  if (isatty(STDERR_FILENO) && !globals.quiet) {
    options.on_progress = [&bar](const pipeline::EnrichProgress& progress) { bar.draw(progress); };
  }

  store::Database db = store::open_store(home.database);
  const auto report = pipeline::enrich_history(db, options);
  bar.finish();
  if (!globals.quiet) std::fputs(report.to_text().c_str(), stderr);
  if (flags.json) print_json(report.to_json());
  report.throw_if_failed();
}

}  // namespace

void set_enrich_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<EnrichCommandFlags>();
  CLI::App* command = app.add_subcommand("enrich",
                                         "Audio features (ReccoBeats) and tags (Last.fm, with LASTFM_API_KEY) for the "
                                         "stored history, most recent listening first; resumable");
  command->add_option("--limit", flags->limit, "Enrich at most N tracks in this run")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  command->add_flag("--json", flags->json, "Print the tally as one JSON object on stdout");
  add_enrich_options(*command, flags->enrich);
  command->callback([&globals, flags] { run_enrich(globals, *flags); });
}

}  // namespace sonic::cli
