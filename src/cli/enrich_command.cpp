// sonic enrich: audio features (ReccoBeats) and top tags (Last.fm) for the stored history.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "commands.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/pipeline/enrich.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct EnrichFlags {
  std::size_t limit = 0;  // 0: no limit
  bool json = false;
  std::vector<std::string> services = {"reccobeats", "lastfm"};
  int reccobeats_interval_ms = 250;
  int lastfm_interval_ms = 250;
  int unknown_retry_days = 30;
};

// "enriching [#########-----------]  120/500 tracks", redrawn in place on stderr.
class ProgressBar {
 public:
  void draw(const pipeline::EnrichProgress& progress) {
    constexpr std::size_t kWidth = 24;
    const std::size_t filled = progress.total ? kWidth * progress.done / progress.total : kWidth;
    std::fprintf(stderr, "\r\033[Kenriching [%s%s] %zu/%zu tracks", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '-').c_str(), progress.done, progress.total);
    open_line_ = progress.done < progress.total;
    if (!open_line_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }
  // A run that stopped early leaves the bar's line open.
  void finish() {
    if (open_line_) std::fputc('\n', stderr);
    open_line_ = false;
  }

 private:
  bool open_line_ = false;
};

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

void run_enrich(const GlobalOptions& globals, const EnrichFlags& flags) {
  const Home home = start_command(globals);
  if (!std::filesystem::exists(home.database)) {
    throw UsageError("no sonic store at " + home.database.string() +
                     ": import your Spotify data first (sonic import my_spotify_data.zip)");
  }
  const auto wants = [&](const char* service) {
    return std::find(flags.services.begin(), flags.services.end(), service) != flags.services.end();
  };
  pipeline::EnrichOptions options;
  options.features = wants("reccobeats");
  options.tags = wants("lastfm");
  if (flags.limit > 0) options.limit = flags.limit;
  options.endpoints = ServiceEndpoints::from_environment();
  options.lastfm_api_key = environment("LASTFM_API_KEY");
  register_secret(options.lastfm_api_key);
  options.reccobeats_interval = std::chrono::milliseconds(flags.reccobeats_interval_ms);
  options.lastfm_interval = std::chrono::milliseconds(flags.lastfm_interval_ms);
  options.unknown_retry_ms = flags.unknown_retry_days * kMsPerDay;
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
  auto flags = std::make_shared<EnrichFlags>();
  CLI::App* command = app.add_subcommand(
      "enrich", "Audio features (ReccoBeats) and tags (Last.fm, with LASTFM_API_KEY) for the "
                "stored history, most recent listening first; resumable");
  command->add_option("--limit", flags->limit, "Enrich at most N tracks in this run")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  command->add_flag("--json", flags->json, "Print the tally as one JSON object on stdout");
  command->add_option("--services", flags->services, "Which services to ask, comma-separated")
      ->delimiter(',')
      ->check(CLI::IsMember({"reccobeats", "lastfm"}))
      ->capture_default_str();
  command->add_option("--reccobeats-interval", flags->reccobeats_interval_ms,
                      "Milliseconds between the starts of two ReccoBeats calls")
      ->envname("SONIC_RECCOBEATS_INTERVAL_MS")
      ->check(CLI::Range(0, 60'000))
      ->capture_default_str();
  command->add_option("--lastfm-interval", flags->lastfm_interval_ms,
                      "Milliseconds between the starts of two Last.fm calls (250: 4 a second)")
      ->envname("SONIC_LASTFM_INTERVAL_MS")
      ->check(CLI::Range(0, 60'000))
      ->capture_default_str();
  command->add_option("--retry-unknown-days", flags->unknown_retry_days,
                      "Days before a track or artist a service did not know is asked again")
      ->envname("SONIC_ENRICH_RETRY_DAYS")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  command->callback([&globals, flags] { run_enrich(globals, *flags); });
}

}  // namespace sonic::cli
