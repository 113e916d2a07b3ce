#pragma once
// What the history says about each track it holds, as of one moment: how strongly it is
// remembered (ACT-R's power law over all its listens), how lately it was last heard, how much its artist is played now,
// how much of the current listening shared sessions with it (co-listening), and how close its genres are to the current
// taste (TF-IDF over the person's own library, cosine). Candidate pools (candidate_pools.hpp) filter these and the
// ranker (ranker.hpp) weighs them.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sonic/records/taste_rows.hpp"
#include "sonic/taste/decay.hpp"
#include "sonic/taste/listening_data.hpp"

namespace sonic::taste {

struct SignalOptions {
  DecayOptions decay{};                            // the artist's weight now
  double long_term_power_d = 0.5;                  // ACT-R's d for how strongly a track is remembered
  double recent_half_life_days = 30.0;             // what "the current listening" means
  std::int64_t session_gap_ms = 30LL * 60 * 1000;  // as features/sessions groups listens
  int return_gap_days = 30;                        // a silence this long, then a listen, is a return
  int season_days = 30;                            // "this time of year": the days after now, a year back
};

struct TrackSignals {
  std::int64_t track_id = 0;
  std::int64_t artist_id = 0;
  std::int64_t plays = 0;
  std::int64_t first_ms = 0;
  std::int64_t last_ms = 0;
  double long_term = 0.0;       // Σ max(age, 1 h)^-d over its listens, age in days
  double since_last = 0.0;      // 2^-(days since its last listen / the recent half-life): how lately it dropped
  double recent = 0.0;          // Σ of its listens' weights with the recent half-life
  double artist_now = 0.0;      // its artist's share of the decayed listening (0..1)
  double co_listening = 0.0;    // Σ over its sessions of the other tracks' recent weight / tracks in the session
  double tag_similarity = 0.0;  // cosine of its TF-IDF genre vector with the recent taste's (0..1)
  int returns = 0;              // times it was heard again after a silence of return_gap_days or more
  int season_plays = 0;         // its listens in [now - k years, now - k years + season_days), k >= 1
};

struct LibrarySignals {
  std::int64_t now_ms = 0;
  SignalOptions options{};
  std::vector<TrackSignals> tracks{};                      // every track heard before now, by id
  std::unordered_map<std::int64_t, std::size_t> index{};   // track id → position in `tracks`
  std::unordered_map<std::string, double> idf;             // genre key → ln(tracks / tracks with it)
  std::unordered_map<std::string, double> taste_vector{};  // the recent taste, TF-IDF, unit length
  std::vector<std::int32_t> session_of_listen{};           // per listen given: its session's number

  const TrackSignals* find(std::int64_t track_id) const;
};

// Signals from `listens` (a prefix of data.listens: what was known at `now_ms`).
LibrarySignals compute_library_signals(const ListeningData& data, std::span<const records::TasteListen> listens,
                                       std::int64_t now_ms, const SignalOptions& options);

// A track's TF-IDF genre vector, unit length (empty without genres).
std::unordered_map<std::string, double> tfidf_vector(const std::vector<TagShare>& genres,
                                                     const std::unordered_map<std::string, double>& idf);

}  // namespace sonic::taste
