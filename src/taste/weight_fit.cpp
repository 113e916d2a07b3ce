#include "sonic/taste/weight_fit.hpp"

#include <algorithm>
#include <array>

namespace sonic::taste {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kTargetWindowMs = 30 * kMsPerDay;
constexpr std::int64_t kMinHistoryMs = 90 * kMsPerDay;
constexpr std::array<double, 6> kGrid = {0.0, 0.25, 0.5, 1.0, 2.0, 4.0};

// The tracks quiet for `quiet_days` at the origin, and those of them heard in the month after it
// (`after` is the index of the first listen at or after the origin).
struct QuietMonth {
  std::vector<Candidate> candidates{};
  std::unordered_set<std::int64_t> targets{};
};

QuietMonth quiet_month(const ListeningData& data, const LibrarySignals& signals, std::size_t after,
                       std::int64_t origin_ms, int quiet_days) {
  QuietMonth month;
  std::unordered_set<std::int64_t> quiet;
  for (const auto& track : signals.tracks) {
    if (track.last_ms < origin_ms - quiet_days * kMsPerDay) {
      month.candidates.push_back({track.track_id, Pool::rediscover});
      quiet.insert(track.track_id);
    }
  }
  for (std::size_t i = after; i < data.listens.size() && data.listens[i].start_ms < origin_ms + kTargetWindowMs; ++i) {
    if (quiet.contains(data.listens[i].track_id)) month.targets.insert(data.listens[i].track_id);
  }
  return month;
}

double mean_recall(std::span<const FitCase> cases, const RankerWeights& weights, const FitTask& task) {
  double total = 0.0;
  for (const auto& one : cases) total += case_recall(one, weights, task);
  return total / static_cast<double>(cases.size());
}

bool fitted(const FitTask& task, ScorePart part) {
  return task.parts.empty() || std::find(task.parts.begin(), task.parts.end(), part) != task.parts.end();
}

}  // namespace

FitTask rediscovery_fit_task() { return {.k = 20, .quiet_days = 90}; }
FitTask library_fit_task() { return {.k = 50, .quiet_days = 30}; }

OriginCase origin_case(const ListeningData& data, std::int64_t origin_ms, int quiet_days,
                       const SignalOptions& options) {
  OriginCase one{.origin_ms = origin_ms};
  const auto before = data.listens_before(origin_ms);
  one.signals = compute_library_signals(data, before, origin_ms, options);
  auto month = quiet_month(data, one.signals, before.size(), origin_ms, quiet_days);
  one.candidates = std::move(month.candidates);
  one.targets = std::move(month.targets);
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

FitCase fit_case(const LibrarySignals& signals, std::span<const Candidate> candidates,
                 const std::unordered_set<std::int64_t>& targets) {
  FitCase one{.table = part_table(signals, candidates), .targets = targets.size()};
  for (const auto& candidate : one.table.candidates) one.is_target.push_back(targets.contains(candidate.track_id));
  return one;
}

double case_recall(const FitCase& one, const RankerWeights& weights, const FitTask& task) {
  if (one.targets == 0) return 0.0;
  std::vector<double> scores;
  double hits = 0.0;
  for (const std::size_t row : top_rows(one.table, weight_array(weights), task.k, task.max_per_artist, scores)) {
    if (one.is_target[row] != 0) ++hits;
  }
  return hits / static_cast<double>(one.targets);
}

double case_recall(const OriginCase& one, const RankerWeights& weights, const FitTask& task) {
  return case_recall(fit_case(one.signals, one.candidates, one.targets), weights, task);
}

RankerWeights fit_ranker_weights(std::span<const FitCase> cases, const FitTask& task, RankerWeights start) {
  if (cases.empty()) return start;
  RankerWeights best = start;
  double best_recall = mean_recall(cases, best, task);
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t p = 0; p < kScorePartCount; ++p) {
      const auto part = static_cast<ScorePart>(p);
      if (!fitted(task, part)) continue;
      for (const double value : kGrid) {
        auto trial = best;
        weight_of(trial, part) = value;
        const double recall = mean_recall(cases, trial, task);
        if (recall > best_recall + task.min_gain) best_recall = recall, best = trial;
      }
    }
  }
  return best;
}

RankerWeights fit_ranker_weights(std::span<const OriginCase> cases, const FitTask& task, RankerWeights start) {
  std::vector<FitCase> tables;
  tables.reserve(cases.size());
  for (const auto& one : cases) tables.push_back(fit_case(one.signals, one.candidates, one.targets));
  return fit_ranker_weights(tables, task, start);
}

PoolWeights fit_person_weights(const ListeningData& data, std::int64_t now_ms, const SignalOptions& signals,
                               const PersonFitOptions& options) {
  PoolWeights weights{.rediscover = options.start, .library = options.start};
  if (data.listens.empty() || (!options.rediscover && !options.library)) return weights;
  auto rediscover_task = rediscovery_fit_task();
  auto library_task = library_fit_task();
  rediscover_task.max_per_artist = library_task.max_per_artist = options.max_per_artist;
  rediscover_task.min_gain = library_task.min_gain = options.min_gain;
  std::vector<FitCase> rediscover_cases;
  std::vector<FitCase> library_cases;
  const std::int64_t first = data.listens.front().start_ms;
  for (int back = 1; back <= options.origins; ++back) {
    const std::int64_t origin = now_ms - back * kTargetWindowMs;
    if (origin - first < kMinHistoryMs) break;
    const auto before = data.listens_before(origin);
    const auto origin_signals = compute_library_signals(data, before, origin, signals);
    const auto add = [&](const FitTask& task, std::vector<FitCase>& cases) {
      const auto month = quiet_month(data, origin_signals, before.size(), origin, task.quiet_days);
      if (!month.targets.empty()) cases.push_back(fit_case(origin_signals, month.candidates, month.targets));
    };
    if (options.rediscover) add(rediscover_task, rediscover_cases);
    if (options.library) add(library_task, library_cases);
  }
  weights.rediscover = fit_ranker_weights(rediscover_cases, rediscover_task, options.start);
  weights.library = fit_ranker_weights(library_cases, library_task, options.start);
  weights.rediscover_origins = static_cast<int>(rediscover_cases.size());
  weights.library_origins = static_cast<int>(library_cases.size());
  return weights;
}

}  // namespace sonic::taste
