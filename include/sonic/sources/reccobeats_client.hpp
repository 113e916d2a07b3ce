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
#include <chrono>
#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "sonic/net/http_client.hpp"
#include "sonic/sources/audio_features.hpp"

namespace sonic::sources {

inline constexpr std::size_t kReccoBeatsMaxIds = 40;
inline constexpr std::chrono::milliseconds kReccoBeatsDefaultInterval{250};

// ReccoBeats publishes no rate limit and asks clients to avoid bursts: calls start at least
// `min_interval` apart.
net::HttpSettings reccobeats_http_settings(std::chrono::milliseconds min_interval = kReccoBeatsDefaultInterval);

// 22 characters of base62: the only IDs sent (one malformed ID could fail a whole batch).
bool is_spotify_track_id(std::string_view id);

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

 private:
  void ask(std::span<const std::string> batch, std::map<std::string, AudioFeatures>& found);

  std::string base_url_;
  net::HttpClient http_;
};

}  // namespace sonic::sources
