#pragma once
// ReccoBeats, the free service that took over Spotify's audio features:
//
//   sources::ReccoBeatsClient reccobeats(endpoints.reccobeats);
//   const auto known = reccobeats.audio_features(spotify_ids);  // any number of IDs
//
// One GET /v1/audio-features?ids=a,b,… per 40 IDs, no key. A reply names each track by
// ReccoBeats' own UUID (`id`), so results are matched to Spotify IDs by the last path segment of
// `href` (https://open.spotify.com/track/<spotify id>). Tracks ReccoBeats does not know are
// simply left out of the reply. 429 with Retry-After and 5xx are the HTTP layer's to retry.
//
//   const auto more = reccobeats.recommendations(top_track_ids, 50, {.energy = 0.7});
//
// GET /v1/track/recommendation?size=N&seeds=a,b,…(1–5 Spotify IDs)[&energy=…]: tracks like the
// seeds, for the "beyond your library" pool. A 404 (seeds it does not know) is an empty answer.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/net/http_client.hpp"
#include "sonic/sources/audio_features.hpp"

namespace sonic::sources {

inline constexpr std::size_t kReccoBeatsMaxIds = 40;
inline constexpr std::chrono::milliseconds kReccoBeatsDefaultInterval{250};

// ReccoBeats publishes no rate limit and asks clients to avoid bursts: calls start at least
// `min_interval` apart.
net::HttpSettings reccobeats_http_settings(std::chrono::milliseconds min_interval = kReccoBeatsDefaultInterval);

// A track ReccoBeats recommends; spotify_id is empty when its href names none.
struct RecommendedTrack {
  std::string spotify_id;
  std::string name;
  std::string artist;
  bool operator==(const RecommendedTrack&) const = default;
};

// Optional targets for the recommendation (each 0..1); unset ones are not sent.
struct FeatureTargets {
  std::optional<double> acousticness{};
  std::optional<double> danceability{};
  std::optional<double> energy{};
  std::optional<double> valence{};
};

inline constexpr std::size_t kReccoBeatsMaxSeeds = 5;
inline constexpr int kReccoBeatsMaxRecommendations = 100;

class ReccoBeatsClient {
 public:
  // `base_url` without the /v1, e.g. "https://api.reccobeats.com" (ServiceEndpoints::reccobeats).
  explicit ReccoBeatsClient(std::string base_url, net::HttpSettings settings = reccobeats_http_settings(),
                            net::Clock& clock = net::system_clock());

  // The features of every track ReccoBeats knows, keyed by Spotify ID; an ID missing from the
  // result is unknown to it. Repeated IDs are asked once; IDs that are not Spotify track IDs are
  // never sent and come back unknown. Throws what HttpClient::send throws, and InputError for a
  // reply that is not the documented shape.
  std::map<std::string, AudioFeatures> audio_features(std::span<const std::string> spotify_ids);

  // Up to `size` (1–100) tracks like the first five distinct valid Spotify IDs of `seeds`, in
  // ReccoBeats' order. No valid seed: empty, nothing asked. Throws as audio_features does.
  std::vector<RecommendedTrack> recommendations(std::span<const std::string> seeds, int size,
                                                const FeatureTargets& targets = {});

 private:
  void ask(std::span<const std::string> batch, std::map<std::string, AudioFeatures>& found);

  std::string base_url_;
  net::HttpClient http_;
};

}  // namespace sonic::sources
