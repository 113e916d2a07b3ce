// sonic recommend: tracks from your own history worth playing now, each with its reasons.
#include <chrono>
#include <cstdlib>

#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/core/service_endpoints.hpp"
#include "sonic/pipeline/recommend_tracks.hpp"
#include "sonic/report/taste_text.hpp"
#include "taste_options.hpp"

namespace sonic::cli {
namespace {

struct RecommendFlags {
  std::string pool = "all";
  std::string mood;
  std::size_t size = 20;
  int max_per_artist = 2;
  int rediscover_days = 90;
  bool json = false;
  bool offline = false;
  bool fixed_weights = false;
  std::string format;
  std::string out;
  DecayFlags decay;
};

void run_recommend(CommandContext& context, const RecommendFlags& flags) {
  pipeline::RecommendRequest request;
  request.options.pools = taste::parse_pools(flags.pool);
  if (!flags.mood.empty()) request.options.mood = flags.mood;
  request.options.size = flags.size;
  request.options.max_per_artist = flags.max_per_artist;
  request.options.pool.rediscover_after_days = flags.rediscover_days;
  request.options.fit_weights = !flags.fixed_weights;
  request.options.signals.decay = flags.decay.options();
  request.options.signals.session_gap_ms = context.session_gap_ms();
  if (!flags.format.empty()) request.playlist = report::parse_playlist_format(flags.format);
  if (!flags.out.empty()) request.out = flags.out;
  request.discover.endpoints = ServiceEndpoints::from_environment();
  const char* key = std::getenv("LASTFM_API_KEY");
  request.discover.lastfm_api_key = key ? key : "";
  register_secret(request.discover.lastfm_api_key);
  request.discover.offline = flags.offline;
  request.discover.now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const auto result = pipeline::recommend_tracks(context.db(), context.home(), context.zone(), request);
  if (flags.json) {
    auto json = taste::to_json(result.recommendations);
    json["playlist_file"] = result.playlist_file ? nlohmann::json(result.playlist_file->string()) : nlohmann::json();
    print_json(json);
  } else if (result.playlist_file) {
    print_text(result.playlist_file->string() + "\n");
  } else {
    print_text(report::recommend_text(result.recommendations));
  }
}

}  // namespace

void set_recommend_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<RecommendFlags>();
  CLI::App* command = app.add_subcommand("recommend", "Tracks from your own history worth playing now, and why");
  command->add_option("--pool", flags->pool, "rediscover, library, discover or all")
      ->check(CLI::IsMember({"rediscover", "library", "discover", "all"}))
      ->capture_default_str();
  command->add_option("--mood", flags->mood, "Only tracks whose mood cluster's label contains this");
  command->add_option("--size", flags->size, "How many tracks")->check(CLI::Range(1, 1000))->capture_default_str();
  command->add_option("--max-per-artist", flags->max_per_artist, "At most this many tracks of one artist (0: no cap)")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  command
      ->add_option("--rediscover-days", flags->rediscover_days, "A rediscovery is a track not heard for this many days")
      ->check(CLI::Range(1, 36500))
      ->capture_default_str();
  command
      ->add_option("--format", flags->format,
                   "Write a playlist file instead: m3u8, xspf or jspf (to --out, else "
                   "<home>/playlists/recommendations.<format>); its path is printed")
      ->check(CLI::IsMember({"m3u8", "xspf", "jspf"}));
  command->add_option("--out", flags->out, "The playlist file to write (with --format)");
  command->add_flag("--offline", flags->offline,
                    "Ask no service: the discover pool uses only cached answers and imported catalogs");
  command->add_flag("--fixed-weights", flags->fixed_weights,
                    "Rank with the default weights instead of weights fitted on your own earlier months");
  add_decay_options(*command, flags->decay);
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
    run_recommend(context, *flags);
  });
}

}  // namespace sonic::cli
