#include "sonic/sources/reccobeats_client.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "reccobeats_reply.hpp"
#include "sonic/sources/spotify_track_id.hpp"

namespace sonic::sources {

net::HttpSettings reccobeats_http_settings(std::chrono::milliseconds min_interval) {
  net::HttpSettings settings;
  settings.min_interval = min_interval;
  settings.total_timeout = std::chrono::seconds(30);
  return settings;
}

ReccoBeatsClient::ReccoBeatsClient(std::string base_url, net::HttpSettings settings, net::Clock& clock)
    : base_url_(std::move(base_url)), http_(std::move(settings), clock) {}

std::map<std::string, AudioFeatures> ReccoBeatsClient::audio_features(std::span<const std::string> spotify_ids) {
  std::vector<std::string> to_ask;
  std::set<std::string_view> seen;
  for (const std::string& id : spotify_ids) {
    if (is_spotify_id(id) && seen.insert(id).second) to_ask.push_back(id);
  }
  std::map<std::string, AudioFeatures> found;
  for (std::size_t start = 0; start < to_ask.size(); start += kReccoBeatsMaxIds) {
    const std::size_t count = std::min(kReccoBeatsMaxIds, to_ask.size() - start);
    ask(std::span(to_ask).subspan(start, count), found);
  }
  return found;
}

void ReccoBeatsClient::ask(std::span<const std::string> batch, std::map<std::string, AudioFeatures>& found) {
  // Base62 IDs need no escaping, and a literal comma is what ReccoBeats' own examples send.
  std::string url = base_url_ + "/v1/audio-features?ids=";
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (i > 0) url += ',';
    url += batch[i];
  }
  const auto request = net::HttpRequest::get(std::move(url)).header("Accept", "application/json");
  const auto response = http_.send(request);
  const std::set<std::string> asked(batch.begin(), batch.end());
  found.merge(read_audio_features_reply(
      net::parse_json_body(request, response), asked,
      "ReccoBeats GET " + base_url_ + "/v1/audio-features (" + std::to_string(batch.size()) + " IDs)"));
}

std::vector<RecommendedTrack> ReccoBeatsClient::recommendations(std::span<const std::string> seeds, int size,
                                                                const FeatureTargets& targets) {
  std::string seed_list;
  std::set<std::string_view> seen;
  for (const std::string& id : seeds) {
    if (seen.size() == kReccoBeatsMaxSeeds) break;
    if (!is_spotify_id(id) || !seen.insert(id).second) continue;
    if (!seed_list.empty()) seed_list += ',';
    seed_list += id;
  }
  if (seen.empty()) return {};
  // Base62 IDs need no escaping; a literal comma as for audio-features.
  const int count = std::clamp(size, 1, kReccoBeatsMaxRecommendations);
  auto request = net::HttpRequest::get(base_url_ + "/v1/track/recommendation?size=" + std::to_string(count) +
                                       "&seeds=" + seed_list);
  const auto target = [&](const char* name, const std::optional<double>& value) {
    if (value) request.query(name, std::to_string(std::clamp(*value, 0.0, 1.0)));
  };
  target("acousticness", targets.acousticness);
  target("danceability", targets.danceability);
  target("energy", targets.energy);
  target("valence", targets.valence);
  request.header("Accept", "application/json").accept_status(404);
  const auto response = http_.send(request);
  if (response.status == 404) return {};
  return read_recommendation_reply(
      net::parse_json_body(request, response),
      "ReccoBeats GET " + base_url_ + "/v1/track/recommendation (" + std::to_string(seen.size()) + " seeds)");
}

}  // namespace sonic::sources
