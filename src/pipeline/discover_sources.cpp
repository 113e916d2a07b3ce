#include "sonic/pipeline/discover_sources.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "sonic/core/error.hpp"
#include "sonic/sources/lastfm_client.hpp"
#include "sonic/sources/reccobeats_client.hpp"
#include "sonic/sources/spotify_track_id.hpp"
#include "sonic/store/discover_cache.hpp"
#include "sonic/store/taste_queries.hpp"
#include "sonic/taste/discover.hpp"

namespace sonic::pipeline {
namespace {

using nlohmann::json;

constexpr const char* kArtistSource = "lastfm.artist.getSimilar";
constexpr const char* kTrackSource = "lastfm.track.getSimilar";
constexpr const char* kReccoBeatsSource = "reccobeats.recommendation";

// One service's answers, from the cache when fresh, else asked (and then cached). After the first
// failure nothing more is asked of it this run: one line says why.
class CachedSource {
 public:
  CachedSource(store::Database& db, const DiscoverSettings& settings, std::string name, bool can_ask,
               std::string why_not)
      : db_(db), settings_(settings), name_(std::move(name)), can_ask_(can_ask), why_not_(std::move(why_not)) {}

  // The cached or fetched answer (JSON null: the service does not know the seed); nullopt when it
  // could not be asked.
  template <typename Fetch>
  std::optional<json> answer(const char* source, const std::string& query, Fetch fetch) {
    const std::int64_t fresh_since =
        settings_.now_ms - std::chrono::duration_cast<std::chrono::milliseconds>(store::kDiscoverCacheAge).count();
    if (auto cached = store::cached_discover_answer(db_, source, query, fresh_since)) {
      auto parsed = json::parse(*cached, nullptr, false);
      if (!parsed.is_discarded()) return parsed;
    }
    if (!can_ask_ || failed_) return std::nullopt;
    try {
      json fetched = fetch();
      store::save_discover_answer(db_, source, query, settings_.now_ms, fetched.dump());
      return fetched;
    } catch (const Error& error) {
      failed_ = true;
      why_not_ = std::string("stopped: ") + error.what();
      return std::nullopt;
    }
  }

  // "Last.fm skipped (…)" when it could not be asked at all or stopped.
  void report(taste::DiscoverAnswer& answer) const {
    if (!can_ask_ || failed_) answer.skipped.push_back(name_ + " " + why_not_);
  }

 private:
  store::Database& db_;
  const DiscoverSettings& settings_;
  std::string name_;
  bool can_ask_;
  bool failed_ = false;
  std::string why_not_;
};

template <typename Settings>
Settings adjusted(Settings http, const DiscoverSettings& settings) {
  if (settings.min_interval.count() >= 0) http.min_interval = settings.min_interval;
  if (settings.total_timeout.count() >= 0) http.total_timeout = settings.total_timeout;
  return http;
}

net::Clock& clock_of(const DiscoverSettings& settings) {
  return settings.clock ? *settings.clock : net::system_clock();
}

void ask_lastfm(store::Database& db, const DiscoverSettings& settings, const taste::DiscoverSeeds& seeds,
                taste::DiscoverAnswer& answer) {
  const bool has_key = !settings.lastfm_api_key.empty();
  CachedSource source(db, settings, "Last.fm", has_key && !settings.offline,
                      settings.offline ? "skipped (--offline)" : "skipped (LASTFM_API_KEY is not set)");
  std::optional<sources::LastfmClient> client;
  if (has_key && !settings.offline) {
    client.emplace(settings.endpoints.lastfm, settings.lastfm_api_key,
                   adjusted(sources::lastfm_http_settings(), settings), clock_of(settings));
  }
  for (const auto& seed : seeds.artists) {
    const auto said = source.answer(kArtistSource, seed.name, [&] {
      json list = json::array();
      if (const auto similar = client->similar_artists(seed.name, settings.similar_limit)) {
        for (const auto& artist : *similar) list.push_back({artist.name, artist.match});
      } else {
        return json();  // unknown to Last.fm
      }
      return list;
    });
    if (!said || !said->is_array()) continue;
    for (const auto& item : *said) {
      answer.evidence.push_back({item.at(0).get<std::string>(), "", "", "similar to " + seed.name + " on Last.fm",
                                 item.at(1).get<double>(), seed.weight});
    }
  }
  for (const auto& seed : seeds.tracks) {
    const auto said = source.answer(kTrackSource, seed.artist + "\x1f" + seed.name, [&] {
      json list = json::array();
      if (const auto similar = client->similar_tracks(seed.artist, seed.name, settings.similar_limit)) {
        for (const auto& track : *similar) list.push_back({track.artist, track.name, track.match});
      } else {
        return json();
      }
      return list;
    });
    if (!said || !said->is_array()) continue;
    for (const auto& item : *said) {
      answer.evidence.push_back({item.at(0).get<std::string>(), item.at(1).get<std::string>(), "",
                                 "like " + seed.name + " by " + seed.artist + " on Last.fm", item.at(2).get<double>(),
                                 seed.weight});
    }
  }
  source.report(answer);
}

void ask_reccobeats(store::Database& db, const DiscoverSettings& settings, const taste::DiscoverSeeds& seeds,
                    taste::DiscoverAnswer& answer) {
  std::vector<std::string> ids;
  double weight = 0.0;
  for (const auto& seed : seeds.tracks) {
    if (!sources::is_spotify_id(seed.spotify_id)) continue;
    ids.push_back(seed.spotify_id);
    weight += seed.weight;
  }
  if (ids.size() > sources::kReccoBeatsMaxSeeds) ids.resize(sources::kReccoBeatsMaxSeeds);
  CachedSource source(db, settings, "ReccoBeats", !settings.offline && !ids.empty(),
                      settings.offline ? "skipped (--offline)" : "skipped (no top track has a Spotify ID)");
  if (!ids.empty()) {
    weight /= static_cast<double>(seeds.tracks.size());  // the seeds' mean weight
    std::string query;
    for (const auto& id : ids) query += (query.empty() ? "" : ",") + id;
    const auto said = source.answer(kReccoBeatsSource, query, [&] {
      sources::ReccoBeatsClient client(settings.endpoints.reccobeats,
                                       adjusted(sources::reccobeats_http_settings(), settings), clock_of(settings));
      json list = json::array();
      for (const auto& track : client.recommendations(ids, settings.similar_limit)) {
        list.push_back({track.artist, track.name, track.spotify_id});
      }
      return list;
    });
    if (said && said->is_array()) {
      // ReccoBeats gives an order, not a match: the i-th of n counts (n - i) / n.
      const double n = static_cast<double>(said->size());
      for (std::size_t i = 0; i < said->size(); ++i) {
        const auto& item = (*said)[i];
        answer.evidence.push_back({item.at(0).get<std::string>(), item.at(1).get<std::string>(),
                                   item.at(2).get<std::string>(), "like your top tracks on ReccoBeats",
                                   (n - static_cast<double>(i)) / n, weight});
      }
    }
  }
  source.report(answer);
}

}  // namespace

taste::DiscoverAnswer ask_discover_services(store::Database& db, const DiscoverSettings& settings,
                                            const taste::DiscoverSeeds& seeds) {
  taste::DiscoverAnswer answer;
  ask_lastfm(db, settings, seeds, answer);
  ask_reccobeats(db, settings, seeds, answer);
  return answer;
}

taste::DiscoverAnswer ask_discover_sources(store::Database& db, const DiscoverSettings& settings,
                                           const taste::DiscoverSeeds& seeds) {
  auto answer = ask_discover_services(db, settings, seeds);
  const auto catalog = store::unheard_catalog_tracks(db);
  const auto from_catalogs = taste::catalog_evidence(catalog, seeds, answer.evidence);
  answer.evidence.insert(answer.evidence.end(), from_catalogs.begin(), from_catalogs.end());
  // One line for the pool, whatever did not run: "discover: Last.fm skipped (…); ReccoBeats …".
  if (!answer.skipped.empty()) {
    std::string line = "discover:";
    for (std::size_t i = 0; i < answer.skipped.size(); ++i) line += (i == 0 ? " " : "; ") + answer.skipped[i];
    if (catalog.empty()) line += "; no imported catalog to draw from";
    answer.skipped = {line};
  }
  return answer;
}

}  // namespace sonic::pipeline
