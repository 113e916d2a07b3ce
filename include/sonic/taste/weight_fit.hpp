#pragma once
// The ranker's weights chosen on the person's own past, never on what is being predicted: at
// origins 30, 60, … days before now, the tracks then quiet for `quiet_days` are ranked and scored
// by Recall@k on those heard again in the 30 days after the origin. Each such month ends by now, so
// nothing after now is seen. Each weight in turn takes the value of a small grid with the best mean
// recall (ties keep the value it had), twice over. Each origin's parts are scaled once (a
// PartTable), so one trial is a dot product per candidate and a top-k.
#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_set>
#include <vector>

#include "sonic/taste/candidate_pools.hpp"
#include "sonic/taste/library_signals.hpp"
#include "sonic/taste/listening_data.hpp"
#include "sonic/taste/ranker.hpp"

namespace sonic::taste {

struct FitTask {
  std::size_t k = 20;   // Recall@k
  int quiet_days = 90;  // candidates: tracks not heard for this long before the origin
  int origins = 6;      // past origins looked at (fewer when the history is shorter)
  int max_per_artist = 2;
  std::vector<ScorePart> parts{};  // the weights fitted (empty: all); the others keep their start
  double min_gain = 0.0;           // a step is taken only when it raises the mean recall by more
};

// The two measured tasks, which the per-person fit optimises: rediscovery (quiet 90 days,
// Recall@20) for the rediscover pool, next month from the library (quiet 30 days, Recall@50) for
// the library pool.
FitTask rediscovery_fit_task();
FitTask library_fit_task();

// One origin: the signals as of it, the quiet tracks, and those of them heard in the 30 days after.
struct OriginCase {
  std::int64_t origin_ms = 0;
  LibrarySignals signals{};
  std::vector<Candidate> candidates{};
  std::unordered_set<std::int64_t> targets{};
};

// The case at `origin_ms` (data's listens after it are the targets' source).
OriginCase origin_case(const ListeningData& data, std::int64_t origin_ms, int quiet_days, const SignalOptions& options);

// Cases at now − 30 d, now − 60 d, … (up to task.origins, each with at least 90 days of listening
// before it and at least one target).
std::vector<OriginCase> past_origin_cases(const ListeningData& data, std::int64_t now_ms, const FitTask& task,
                                          const SignalOptions& options);

// One origin's ranking problem, ready for many trials.
struct FitCase {
  PartTable table{};
  std::vector<char> is_target{};  // per table row
  std::size_t targets = 0;        // all targets, also any without signals
};

FitCase fit_case(const LibrarySignals& signals, std::span<const Candidate> candidates,
                 const std::unordered_set<std::int64_t>& targets);

// Recall@k of the ranker with `weights` on one case (0 without targets).
double case_recall(const OriginCase& one, const RankerWeights& weights, const FitTask& task);
double case_recall(const FitCase& one, const RankerWeights& weights, const FitTask& task);

// Coordinate ascent from `start` over the grid {0, 0.25, 0.5, 1, 2, 4} for each weight; `start`
// unchanged without cases.
RankerWeights fit_ranker_weights(std::span<const FitCase> cases, const FitTask& task, RankerWeights start);
RankerWeights fit_ranker_weights(std::span<const OriginCase> cases, const FitTask& task, RankerWeights start);

// The weights `sonic recommend` ranks each pool with.
struct PoolWeights {
  RankerWeights rediscover = default_ranker_weights();
  RankerWeights library = default_ranker_weights();
  int rediscover_origins = 0;  // past origins its fit scored on (0: the start weights stand)
  int library_origins = 0;
};

struct PersonFitOptions {
  int origins = 6;         // past months looked at
  bool rediscover = true;  // fit the rediscover pool's weights (else they keep the start)
  bool library = true;     // fit the library pool's weights
  int max_per_artist = 2;
  RankerWeights start = default_ranker_weights();
  double min_gain = 0.0;  // FitTask::min_gain
};

// Each pool's weights fitted on the person's own months before `now_ms` (origins now − 30 d,
// now − 60 d, …, each with 90 days of listening before it): the signals are computed once per
// origin and serve both pools' cases. Deterministic: no randomness, a fixed grid and order.
PoolWeights fit_person_weights(const ListeningData& data, std::int64_t now_ms, const SignalOptions& signals,
                               const PersonFitOptions& options);

}  // namespace sonic::taste
