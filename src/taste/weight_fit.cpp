#include "sonic/taste/weight_fit.hpp"

#include <algorithm>
#include <array>

namespace sonic::taste {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kTargetWindowMs = 30 * kMsPerDay;
constexpr std::int64_t kMinHistoryMs = 90 * kMsPerDay;
constexpr std::array<double, 6> kGrid = {0.0, 0.25, 0.5, 1.0, 2.0, 4.0};

double mean_recall(std::span<const OriginCase> cases, const RankerWeights& weights, const FitTask& task) {
  double total = 0.0;
  for (const auto& one : cases) total += case_recall(one, weights, task);
  return total / static_cast<double>(cases.size());
}

}  // namespace

OriginCase origin_case(const ListeningData& data, std::int64_t origin_ms, int quiet_days,
                       const SignalOptions& options) {
  OriginCase one{.origin_ms = origin_ms};
  const auto before = data.listens_before(origin_ms);
  one.signals = compute_library_signals(data, before, origin_ms, options);
  std::unordered_set<std::int64_t> quiet;
  for (const auto& track : one.signals.tracks) {
    if (track.last_ms < origin_ms - quiet_days * kMsPerDay) {
      one.candidates.push_back({track.track_id, Pool::rediscover});
      quiet.insert(track.track_id);
    }
  }
  for (std::size_t i = before.size(); i < data.listens.size() && data.listens[i].start_ms < origin_ms + kTargetWindowMs;
       ++i) {
    if (quiet.contains(data.listens[i].track_id)) one.targets.insert(data.listens[i].track_id);
  }
  return one;
}

std::vector<OriginCase> past_origin_cases(const ListeningData& data, std::int64_t now_ms, const FitTask& task,
                                          const SignalOptions& options) {
  std::vector<OriginCase> cases;
  if (data.listens.empty()) return cases;
  const std::int64_t first = data.listens.front().start_ms;
  for (int back = 1; back <= task.origins; ++back) {
    const std::int64_t origin = now_ms - back * kTargetWindowMs;
    if (origin - first < kMinHistoryMs) break;
    auto one = origin_case(data, origin, task.quiet_days, options);
    if (!one.targets.empty()) cases.push_back(std::move(one));
  }
  return cases;
}

double case_recall(const OriginCase& one, const RankerWeights& weights, const FitTask& task) {
  if (one.targets.empty()) return 0.0;
  double hits = 0.0;
  for (const auto& scored : rank_candidates(one.signals, one.candidates, weights, task.k, task.max_per_artist)) {
    if (one.targets.contains(scored.candidate.track_id)) ++hits;
  }
  return hits / static_cast<double>(one.targets.size());
}

RankerWeights fit_ranker_weights(std::span<const OriginCase> cases, const FitTask& task, RankerWeights start) {
  if (cases.empty()) return start;
  RankerWeights best = start;
  double best_recall = mean_recall(cases, best, task);
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t p = 0; p < kScorePartCount; ++p) {
      const auto part = static_cast<ScorePart>(p);
      if (!task.parts.empty() && std::find(task.parts.begin(), task.parts.end(), part) == task.parts.end()) continue;
      for (const double value : kGrid) {
        auto trial = best;
        weight_of(trial, part) = value;
        const double recall = mean_recall(cases, trial, task);
        if (recall > best_recall) best_recall = recall, best = trial;
      }
    }
  }
  return best;
}

}  // namespace sonic::taste
