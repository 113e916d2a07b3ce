#pragma once
// `sonic recommend`: the pools asked for, one ranker, and each pick explained in words and shares
// ("because: 45% indie (genre), 30% played with Radiohead, 25% you loved it in 2019").
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/taste/candidate_pools.hpp"
#include "sonic/taste/discover_evidence.hpp"
#include "sonic/taste/listening_data.hpp"
#include "sonic/taste/ranker.hpp"
#include "sonic/taste/weight_fit.hpp"

namespace sonic::taste {

struct RecommendOptions {
  std::vector<Pool> pools = {Pool::rediscover, Pool::library};
  std::optional<std::string> mood;  // keep tracks whose mood cluster label contains this (or is this number)
  std::size_t size = 20;
  int max_per_artist = 2;
  PoolOptions pool{};
  SignalOptions signals{};
  // The weights each pool starts from; with `fit_weights`, each pool in `fit_pools` gets its own,
  // fitted on the person's own months before now (weight_fit.hpp: fit_person_weights). Only the
  // library pool by default: on the real histories the fit lifted next-month recall but lowered
  // rediscovery recall on 4 of 5 histories (issue 11's session-8 note).
  RankerWeights weights = default_ranker_weights();
  bool fit_weights = true;
  std::vector<Pool> fit_pools = {Pool::library};
  int fit_origins = 6;
  std::optional<std::int64_t> now_ms{};  // default: just after the newest listen
  // Asked for the discover pool; without it the pool is skipped with one line saying so.
  DiscoverAsk discover{};
  std::size_t discover_seeds = 5;  // top artists and top tracks sent as seeds
};

struct Reason {
  std::string part{};     // a ScorePart name (memory, recency, artist, co_listening, genre, plays, returns, season)
  std::string because{};  // "you loved it in 2019"
  int percent = 0;        // the reasons of one pick sum to 100
};

struct Recommendation {
  std::int64_t track_id = 0;
  std::string track{};
  std::string artist{};
  std::optional<std::string> spotify_id{};
  Pool pool = Pool::rediscover;
  double score = 0.0;
  std::vector<Reason> reasons{};  // largest share first; parts with 0 % left out
};

struct RecommendResult {
  std::int64_t as_of_ms = 0;
  std::vector<std::string> pools{};
  std::vector<std::string> skipped{};  // one line per pool that could not run, and why
  std::size_t candidates = 0;
  PoolWeights weights{};  // what the rediscover and library pools were ranked with
  // The rediscover and library pools ranked apart, each with its weights, taking turns (at most
  // `max_per_artist` per artist over both). Library picks first, then discoveries (never heard; track empty for a whole
  // artist). With other pools, discoveries take up to a quarter of `size` (at least 1) and the rest is the library's.
  std::vector<Recommendation> recommendations{};
};

RecommendResult recommend(const ListeningData& data, const RecommendOptions& options, const TimeZone& zone);

// The text form is report/taste_text.hpp's (it passes every name through terminal_safe).
nlohmann::json to_json(const RecommendResult& result);
// {"rediscover": {"fitted_origins", "parts": {"memory": w, …}}, "library": {…}}
nlohmann::json to_json(const PoolWeights& weights);

// "rediscover", "library", "discover" or "all" (the first two, and discover when it can run).
std::vector<Pool> parse_pools(const std::string& text);

}  // namespace sonic::taste
