#include "sonic/taste/recommend.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "sonic/core/error.hpp"
#include "sonic/taste/discover.hpp"

namespace sonic::taste {
namespace {

// The year in which the track was heard most (the first such year on a tie).
int favourite_year(std::span<const records::TasteListen> listens, std::int64_t track_id, const TimeZone& zone) {
  std::map<int, int> per_year;
  for (const auto& listen : listens) {
    if (listen.track_id == track_id) ++per_year[zone.local(listen.start_ms).year];
  }
  int best_year = 0;
  int best = 0;
  for (const auto& [year, count] : per_year) {
    if (count > best) best = count, best_year = year;
  }
  return best_year;
}

// The artist whose tracks, heard lately, shared the most sessions with the track.
std::string colistened_artist(const ListeningData& data, std::span<const records::TasteListen> listens,
                              const LibrarySignals& signals, std::int64_t track_id) {
  std::unordered_set<std::int32_t> sessions;
  for (std::size_t i = 0; i < listens.size(); ++i) {
    if (listens[i].track_id == track_id) sessions.insert(signals.session_of_listen[i]);
  }
  std::map<std::int64_t, double> by_artist;
  for (std::size_t i = 0; i < listens.size(); ++i) {
    if (listens[i].track_id == track_id || !sessions.contains(signals.session_of_listen[i])) continue;
    if (const auto* other = signals.find(listens[i].track_id)) by_artist[other->artist_id] += other->recent;
  }
  const auto best = std::max_element(by_artist.begin(), by_artist.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  if (best == by_artist.end()) return "your recent tracks";
  for (const auto& [id, track] : data.tracks) {
    if (track.artist_id == best->first) return track.artist;
  }
  return "your recent tracks";
}

std::string top_genre(const ListeningData& data, const LibrarySignals& signals, std::int64_t track_id) {
  const auto vector = tfidf_vector(data.genres_of(track_id), signals.idf);
  std::string best;
  double best_value = 0.0;
  for (const auto& [key, value] : vector) {
    const auto taste = signals.taste_vector.find(key);
    const double contribution = taste == signals.taste_vector.end() ? 0.0 : value * taste->second;
    if (contribution > best_value || (contribution == best_value && contribution > 0 && key < best)) {
      best_value = contribution;
      best = key;
    }
  }
  return best.empty() ? "your genres" : data.genre_name(best);
}

// "95 days ago": the recency part's reason, from the same last listen the part decays.
std::string last_played_phrase(const LibrarySignals& signals, std::int64_t track_id) {
  const auto* track = signals.find(track_id);
  if (track == nullptr) return "a while ago";
  const std::int64_t days = (signals.now_ms - track->last_ms) / 86'400'000;
  return days == 1 ? "1 day ago" : std::to_string(days) + " days ago";
}

// "1 time", "3 times".
std::string count_phrase(std::int64_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

bool mood_matches(const records::TasteTrack& track, const std::string& mood) {
  if (!track.cluster_label) return false;
  return track.cluster_label->find(mood) != std::string::npos;
}

Recommendation explain(const ListeningData& data, std::span<const records::TasteListen> listens,
                       const LibrarySignals& signals, const ScoredCandidate& scored, const TimeZone& zone) {
  const auto& track = data.tracks.at(scored.candidate.track_id);
  Recommendation pick{.track_id = track.id,
                      .track = track.name,
                      .artist = track.artist,
                      .spotify_id = track.spotify_id,
                      .pool = scored.candidate.pool,
                      .score = scored.score};
  const auto percentages = part_percentages(scored);
  for (std::size_t p = 0; p < kScorePartCount; ++p) {
    if (percentages[p] == 0) continue;
    const auto part = static_cast<ScorePart>(p);
    std::string because;
    switch (part) {
      case ScorePart::memory:
        because = "you loved it in " + std::to_string(favourite_year(listens, track.id, zone));
        break;
      case ScorePart::recency:
        because = "you last played it " + last_played_phrase(signals, track.id);
        break;
      case ScorePart::artist:
        because = "you play " + track.artist + " lately";
        break;
      case ScorePart::co_listening:
        because = "played with " + colistened_artist(data, listens, signals, track.id);
        break;
      case ScorePart::genre:
        because = top_genre(data, signals, track.id) + " (genre)";
        break;
      case ScorePart::plays:
        because = "you played it " + count_phrase(signals.find(track.id)->plays, "time");
        break;
      case ScorePart::returns:
        because = "it came back " + count_phrase(signals.find(track.id)->returns, "time") + " before";
        break;
      case ScorePart::season:
        because = "you played it this time of year before";
        break;
    }
    pick.reasons.push_back({score_part_name(part), because, percentages[p]});
  }
  std::stable_sort(pick.reasons.begin(), pick.reasons.end(),
                   [](const Reason& a, const Reason& b) { return a.percent > b.percent; });
  return pick;
}

// The discover pool's picks, at most a quarter of `size` (at least 1) beside other pools. Its
// candidates carry no mood (never heard, so never clustered): --mood leaves the pool out.
std::vector<Recommendation> discover(const ListeningData& data, const LibrarySignals& signals,
                                     const RecommendOptions& options, RecommendResult& result) {
  if (options.mood) {
    result.skipped.emplace_back("discover: skipped (--mood: tracks you never heard have no mood cluster)");
    return {};
  }
  if (!options.discover) {
    result.skipped.emplace_back("discover: skipped (no network sources configured; only your library is used)");
    return {};
  }
  const auto seeds = discover_seeds(data, signals, options.discover_seeds);
  auto answer = options.discover(seeds);
  result.skipped.insert(result.skipped.end(), answer.skipped.begin(), answer.skipped.end());
  result.candidates += answer.evidence.size();
  const std::size_t quota = options.pools.size() > 1 ? std::max<std::size_t>(1, options.size / 4) : options.size;
  return rank_discoveries(data, answer.evidence, quota, options.max_per_artist);
}

// Each pool ranked with its own weights (no cap), then the pools take turns, skipping a track whose
// artist already has `max_per_artist` picks, until `size` (or every pool is spent).
std::vector<ScoredCandidate> take_turns(const LibrarySignals& signals, const std::vector<std::vector<Candidate>>& pools,
                                        const PoolWeights& weights, std::size_t size, int max_per_artist) {
  std::vector<std::vector<ScoredCandidate>> ranked;
  for (const auto& pool : pools) {
    const auto& pool_weights = pool.front().pool == Pool::library ? weights.library : weights.rediscover;
    ranked.push_back(rank_candidates(signals, pool, pool_weights, pool.size(), 0));
  }
  std::vector<ScoredCandidate> chosen;
  std::unordered_map<std::int64_t, int> per_artist;
  std::vector<std::size_t> next(ranked.size(), 0);
  for (bool any = true; any && chosen.size() < size;) {
    any = false;
    for (std::size_t p = 0; p < ranked.size() && chosen.size() < size; ++p) {
      // This pool's next pick whose artist is under the cap.
      while (next[p] < ranked[p].size()) {
        const auto& entry = ranked[p][next[p]++];
        if (max_per_artist > 0 && per_artist[entry.artist_id] >= max_per_artist) continue;
        ++per_artist[entry.artist_id];
        chosen.push_back(entry);
        any = true;
        break;
      }
    }
  }
  return chosen;
}

}  // namespace

std::vector<Pool> parse_pools(const std::string& text) {
  if (text == "rediscover") return {Pool::rediscover};
  if (text == "library") return {Pool::library};
  if (text == "discover") return {Pool::discover};
  if (text == "all") return {Pool::rediscover, Pool::library, Pool::discover};
  throw UsageError("--pool must be rediscover, library, discover or all, not '" + text + "'");
}

RecommendResult recommend(const ListeningData& data, const RecommendOptions& options, const TimeZone& zone) {
  RecommendResult result;
  if (data.listens.empty()) throw InputError("no music listens in the store: import your Spotify data first");
  result.as_of_ms = options.now_ms.value_or(data.listens.back().start_ms + 1);
  const auto listens = data.listens_before(result.as_of_ms);
  const auto signals = compute_library_signals(data, listens, result.as_of_ms, options.signals);
  std::vector<std::vector<Candidate>> per_pool;
  std::vector<Recommendation> discoveries;
  for (const auto pool : options.pools) {
    result.pools.emplace_back(pool_name(pool));
    std::vector<Candidate> found;
    if (pool == Pool::rediscover) found = rediscovery_pool(signals, options.pool);
    if (pool == Pool::library) found = library_pool(signals, options.pool);
    if (pool == Pool::discover) discoveries = discover(data, signals, options, result);
    if (options.mood) {
      std::erase_if(found,
                    [&](const Candidate& c) { return !mood_matches(data.tracks.at(c.track_id), *options.mood); });
    }
    result.candidates += found.size();
    if (!found.empty()) per_pool.push_back(std::move(found));
  }
  result.weights = {.rediscover = options.weights, .library = options.weights};
  if (options.fit_weights) {
    const auto asks = [&](Pool pool) {
      return std::ranges::find(options.pools, pool) != options.pools.end() &&
             std::ranges::find(options.fit_pools, pool) != options.fit_pools.end();
    };
    result.weights = fit_person_weights(data, result.as_of_ms, options.signals,
                                        {.origins = options.fit_origins,
                                         .rediscover = asks(Pool::rediscover),
                                         .library = asks(Pool::library),
                                         .max_per_artist = options.max_per_artist,
                                         .start = options.weights});
  }
  const std::size_t library_size = options.size - std::min(options.size, discoveries.size());
  for (const auto& scored : take_turns(signals, per_pool, result.weights, library_size, options.max_per_artist)) {
    result.recommendations.push_back(explain(data, listens, signals, scored, zone));
  }
  result.recommendations.insert(result.recommendations.end(), discoveries.begin(), discoveries.end());
  return result;
}

nlohmann::json to_json(const PoolWeights& weights) {
  const auto one = [](const RankerWeights& pool_weights, int origins) {
    nlohmann::json parts = nlohmann::json::object();
    const auto values = weight_array(pool_weights);
    for (std::size_t p = 0; p < kScorePartCount; ++p) parts[score_part_name(static_cast<ScorePart>(p))] = values[p];
    return nlohmann::json{{"fitted_origins", origins}, {"parts", parts}};
  };
  return {{"rediscover", one(weights.rediscover, weights.rediscover_origins)},
          {"library", one(weights.library, weights.library_origins)}};
}

nlohmann::json to_json(const RecommendResult& result) {
  nlohmann::json picks = nlohmann::json::array();
  for (const auto& pick : result.recommendations) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& reason : pick.reasons) {
      reasons.push_back({{"part", reason.part}, {"because", reason.because}, {"percent", reason.percent}});
    }
    picks.push_back({{"track", pick.track},
                     {"artist", pick.artist},
                     {"spotify_id", pick.spotify_id ? nlohmann::json(*pick.spotify_id) : nlohmann::json(nullptr)},
                     {"pool", pool_name(pick.pool)},
                     {"score", pick.score},
                     {"reasons", reasons}});
  }
  return {{"as_of_ms", result.as_of_ms},        {"pools", result.pools},
          {"skipped", result.skipped},          {"candidates", result.candidates},
          {"weights", to_json(result.weights)}, {"recommendations", picks}};
}

}  // namespace sonic::taste
