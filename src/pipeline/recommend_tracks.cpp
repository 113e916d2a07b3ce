#include "sonic/pipeline/recommend_tracks.hpp"

#include "sonic/core/atomic_file.hpp"

namespace sonic::pipeline {

RecommendTracksResult recommend_tracks(store::Database& db, const Home& home, const TimeZone& zone,
                                       const RecommendRequest& request) {
  const auto data = taste::load_listening_data(db);
  auto options = request.options;
  options.discover = [&](const taste::DiscoverSeeds& seeds) {
    return ask_discover_sources(db, request.discover, seeds);
  };
  RecommendTracksResult result{.recommendations = taste::recommend(data, options, zone)};
  if (request.playlist) {
    static const char* kExtensions[] = {"m3u8", "xspf", "jspf"};
    const auto path = request.out.value_or(
        home.dir / "playlists" / (std::string("recommendations.") + kExtensions[static_cast<int>(*request.playlist)]));
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    auto tracks = result.recommendations;
    std::erase_if(tracks.recommendations, [](const taste::Recommendation& pick) { return pick.track.empty(); });
    write_file_atomically(path, report::render_playlist(tracks, *request.playlist, "sonic recommends"));
    result.playlist_file = path;
  }
  return result;
}

}  // namespace sonic::pipeline
