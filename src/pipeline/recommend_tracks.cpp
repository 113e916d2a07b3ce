#include "sonic/pipeline/recommend_tracks.hpp"

namespace sonic::pipeline {
namespace {

std::string because(const taste::Recommendation& pick) {
  std::string text;
  for (const auto& reason : pick.reasons) {
    text += (text.empty() ? "because: " : ", ") + std::to_string(reason.percent) + "% " + reason.because;
  }
  return text;
}

report::PlaylistDocument playlist_document(const taste::RecommendResult& result) {
  report::PlaylistDocument document{.title = "sonic recommends"};
  for (const auto& pick : result.recommendations) {
    if (pick.track.empty()) continue;  // a discovered artist without a track: nothing to play
    document.entries.push_back(
        {.title = pick.track, .artist = pick.artist, .spotify_id = pick.spotify_id, .annotation = because(pick)});
  }
  return document;
}

}  // namespace

RecommendTracksResult recommend_tracks(store::Database& db, const Home& home, const TimeZone& zone,
                                       const RecommendRequest& request) {
  return recommend_tracks(db, home, zone, request, taste::load_listening_data(db));
}

RecommendTracksResult recommend_tracks(store::Database& db, const Home& home, const TimeZone& zone,
                                       const RecommendRequest& request, const taste::ListeningData& data) {
  auto options = request.options;
  options.discover = [&](const taste::DiscoverSeeds& seeds) {
    return ask_discover_sources(db, request.discover, seeds);
  };
  RecommendTracksResult result{.recommendations = taste::recommend(data, options, zone)};
  if (request.playlist) {
    const auto path = request.out.value_or(
        home.dir / "playlists" / (std::string("recommendations.") + report::playlist_extension(*request.playlist)));
    report::write_playlist_file(path, playlist_document(result.recommendations), *request.playlist);
    result.playlist_file = path;
  }
  return result;
}

}  // namespace sonic::pipeline
