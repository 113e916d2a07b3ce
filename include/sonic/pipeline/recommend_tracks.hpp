#pragma once
// `sonic recommend`: the store's listening, the ranked picks, and optionally a playlist file
// (written atomically; default <home>/playlists/recommendations.<format>; a discovered artist
// with no track is left out of the file).
#include <filesystem>
#include <optional>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/pipeline/discover_sources.hpp"
#include "sonic/report/playlist_file.hpp"
#include "sonic/store/database.hpp"
#include "sonic/taste/listening_data.hpp"
#include "sonic/taste/recommend.hpp"

namespace sonic::pipeline {

struct RecommendRequest {
  taste::RecommendOptions options{};  // its `discover` is set from `discover` below
  DiscoverSettings discover{};
  std::optional<report::PlaylistFormat> playlist{};
  std::optional<std::filesystem::path> out{};
};

struct RecommendTracksResult {
  taste::RecommendResult recommendations{};
  std::optional<std::filesystem::path> playlist_file{};
};

RecommendTracksResult recommend_tracks(store::Database& db, const Home& home, const TimeZone& zone,
                                       const RecommendRequest& request);
// Over the store's listening already read (sonic serve keeps it until the store changes); `db`
// is still read for the discover pool's cached answers.
RecommendTracksResult recommend_tracks(store::Database& db, const Home& home, const TimeZone& zone,
                                       const RecommendRequest& request, const taste::ListeningData& data);

}  // namespace sonic::pipeline
