// The taste layer on real listening histories: each history is imported into an in-memory store
// through the same entry point as `sonic import`, then
//   rediscovery: at monthly origins T (every 30 days back from the last month, at least 180 days
//     of history before T, up to 12), the tracks last heard more than 90 days before T, ranked;
//     the targets are those heard again in [T, T + 30 d). Recall@20 and NDCG@20, averaged over
//     origins with a target, beside all-time most played, most recently dropped and random, and
//     beside the ranker without its recency part (sonic_without_recency: the ranker before it) and
//     with its recency weight fitted on the three origins before T (sonic_fitted_recency).
//   library: tracks heard before T but not in the 30 days before it; targets heard in the month
//     after T. Recall@50 beside the same baselines.
//   compatibility (over all histories): odd and even calendar months of each history as two
//     "people"; every pair of halves scored; ROC-AUC of same-person against different-person
//     pairs, top-1 identification, and the same-person score's bootstrap SD (20 resamples).
//     A history whose odd or even half has under 100 listens is left out and listed.
//
//   taste_history_bench [--weights M,R,A,C,G] [--max-per-artist N] HISTORY...
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench_support.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/core/version.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/store/schema.hpp"
#include "sonic/taste/compatibility.hpp"
#include "sonic/taste/recommend.hpp"
#include "sonic/taste/taste_profile.hpp"

namespace {

using sonic::taste::Candidate;
using sonic::taste::LibrarySignals;
using sonic::taste::TrackSignals;

constexpr std::int64_t kDay = 86'400'000;

struct Settings {
  sonic::taste::RankerWeights weights = sonic::taste::default_ranker_weights();
  int max_per_artist = 2;
  std::vector<std::filesystem::path> histories;
};

std::string name_of(const std::filesystem::path& history) {
  return history.parent_path().filename().string() + "/" + history.filename().string();
}

struct Metrics {
  double recall = 0.0;
  double ndcg = 0.0;
};

Metrics score_ranking(const std::vector<std::int64_t>& ranked, const std::unordered_set<std::int64_t>& targets,
                      std::size_t k) {
  double hits = 0.0;
  double dcg = 0.0;
  for (std::size_t i = 0; i < ranked.size() && i < k; ++i) {
    if (targets.contains(ranked[i])) {
      ++hits;
      dcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
    }
  }
  double ideal = 0.0;
  for (std::size_t i = 0; i < std::min(k, targets.size()); ++i) ideal += 1.0 / std::log2(static_cast<double>(i) + 2.0);
  return {hits / static_cast<double>(targets.size()), ideal > 0 ? dcg / ideal : 0.0};
}

// The candidates' ids sorted by a key, largest first (ties by id).
template <typename Key>
std::vector<std::int64_t> by_key(const LibrarySignals& signals, const std::vector<Candidate>& candidates, Key key) {
  std::vector<const TrackSignals*> tracks;
  for (const auto& candidate : candidates) tracks.push_back(signals.find(candidate.track_id));
  std::stable_sort(tracks.begin(), tracks.end(), [&](const TrackSignals* a, const TrackSignals* b) {
    const double ka = key(*a);
    const double kb = key(*b);
    return ka != kb ? ka > kb : a->track_id < b->track_id;
  });
  std::vector<std::int64_t> ids;
  for (const auto* track : tracks) ids.push_back(track->track_id);
  return ids;
}

struct Task {
  const char* name;
  std::size_t k;
  int quiet_days;
};

struct Tally {
  int origins = 0;
  Metrics ranker, without_recency, fitted_recency, most_played, recently_dropped, random;
  void add(Metrics& total, const Metrics& one) {
    total.recall += one.recall;
    total.ndcg += one.ndcg;
  }
  nlohmann::json json() const {
    const auto mean = [&](const Metrics& m) {
      return nlohmann::json{{"recall", origins ? m.recall / origins : 0.0}, {"ndcg", origins ? m.ndcg / origins : 0.0}};
    };
    return {{"origins", origins},
            {"sonic", mean(ranker)},
            {"sonic_without_recency", mean(without_recency)},
            {"sonic_fitted_recency", mean(fitted_recency)},
            {"most_played", mean(most_played)},
            {"recently_dropped", mean(recently_dropped)},
            {"random", mean(random)}};
  }
};

// One origin of a task: the signals as of T, the quiet candidates, and those heard in [T, T + 30 d).
struct OriginCase {
  LibrarySignals signals;
  std::vector<Candidate> candidates;
  std::unordered_set<std::int64_t> quiet;
  std::unordered_set<std::int64_t> targets;
};

OriginCase origin_case(const sonic::taste::ListeningData& data, const Task& task, std::int64_t origin) {
  OriginCase one;
  const auto before = data.listens_before(origin);
  one.signals = sonic::taste::compute_library_signals(data, before, origin, {});
  for (const auto& track : one.signals.tracks) {
    if (track.last_ms < origin - task.quiet_days * kDay) one.candidates.push_back({track.track_id});
  }
  for (const auto& candidate : one.candidates) one.quiet.insert(candidate.track_id);
  for (std::size_t i = before.size(); i < data.listens.size() && data.listens[i].start_ms < origin + 30 * kDay; ++i) {
    if (one.quiet.contains(data.listens[i].track_id)) one.targets.insert(data.listens[i].track_id);
  }
  return one;
}

std::vector<std::int64_t> ranked_ids(const OriginCase& one, const sonic::taste::RankerWeights& weights,
                                     const Settings& settings, const Task& task) {
  std::vector<std::int64_t> ranked;
  for (const auto& scored :
       sonic::taste::rank_candidates(one.signals, one.candidates, weights, task.k, settings.max_per_artist)) {
    ranked.push_back(scored.candidate.track_id);
  }
  return ranked;
}

// The recency weight fitted without the test month: the one of a small grid with the best mean
// recall at the three monthly origins before T (their target months end by T, so nothing after T
// is seen). Ties keep the fixed weight 1, listed first.
double fitted_recency_weight(const sonic::taste::ListeningData& data, const Settings& settings, const Task& task,
                             std::int64_t origin) {
  constexpr std::array<double, 5> kGrid = {1.0, 0.0, 0.5, 2.0, 4.0};
  std::vector<OriginCase> earlier;
  for (int back = 1; back <= 3; ++back) {
    const std::int64_t earlier_origin = origin - 30 * kDay * back;
    if (earlier_origin - data.listens.front().start_ms < 90 * kDay) break;
    auto one = origin_case(data, task, earlier_origin);
    if (!one.targets.empty()) earlier.push_back(std::move(one));
  }
  double best_weight = kGrid[0];
  double best_recall = -1.0;
  for (const double weight : kGrid) {
    auto weights = settings.weights;
    weights.recency = weight;
    double recall = 0.0;
    for (const auto& one : earlier)
      recall += score_ranking(ranked_ids(one, weights, settings, task), one.targets, task.k).recall;
    if (recall > best_recall) best_recall = recall, best_weight = weight;
  }
  return best_weight;
}

nlohmann::json evaluate(const sonic::taste::ListeningData& data, const Settings& settings, const Task& task) {
  Tally tally;
  std::vector<double> fitted_weights;
  const std::int64_t first = data.listens.front().start_ms;
  const std::int64_t last = data.listens.back().start_ms;
  for (int back = 0; back < 12; ++back) {
    const std::int64_t origin = last - 30 * kDay * (back + 1);
    if (origin - first < 180 * kDay) break;
    const auto one = origin_case(data, task, origin);
    const auto& targets = one.targets;
    if (targets.empty()) continue;
    ++tally.origins;
    tally.add(tally.ranker, score_ranking(ranked_ids(one, settings.weights, settings, task), targets, task.k));
    // The same ranker with the recency part off: the ranker as it was before it had one, same run.
    auto weights = settings.weights;
    weights.recency = 0.0;
    tally.add(tally.without_recency, score_ranking(ranked_ids(one, weights, settings, task), targets, task.k));
    weights.recency = fitted_recency_weight(data, settings, task, origin);
    fitted_weights.push_back(weights.recency);
    tally.add(tally.fitted_recency, score_ranking(ranked_ids(one, weights, settings, task), targets, task.k));
    tally.add(tally.most_played,
              score_ranking(by_key(one.signals, one.candidates,
                                   [](const TrackSignals& t) { return static_cast<double>(t.plays); }),
                            targets, task.k));
    tally.add(tally.recently_dropped,
              score_ranking(by_key(one.signals, one.candidates,
                                   [](const TrackSignals& t) { return static_cast<double>(t.last_ms); }),
                            targets, task.k));
    std::vector<std::int64_t> shuffled(one.quiet.begin(), one.quiet.end());
    std::sort(shuffled.begin(), shuffled.end());
    std::mt19937_64 random(42 + static_cast<unsigned>(back));
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    tally.add(tally.random, score_ranking(shuffled, targets, task.k));
  }
  auto result = tally.json();
  result["fitted_recency_weights"] = fitted_weights;
  return result;
}

// One calendar-month parity of a history as a person of its own.
sonic::taste::ProfileSummary half_profile(const sonic::taste::ListeningData& data, int parity,
                                          std::mt19937_64* resample) {
  const auto utc = sonic::TimeZone::named("UTC");
  std::vector<sonic::records::TasteListen> listens;
  for (const auto& listen : data.listens) {
    const auto local = utc.local(listen.start_ms);
    if ((local.year * 12 + local.month) % 2 == parity) listens.push_back(listen);
  }
  if (resample != nullptr && !listens.empty()) {
    std::uniform_int_distribution<std::size_t> pick(0, listens.size() - 1);
    std::vector<sonic::records::TasteListen> drawn;
    for (std::size_t i = 0; i < listens.size(); ++i) drawn.push_back(listens[pick(*resample)]);
    std::sort(drawn.begin(), drawn.end(), [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
    listens = std::move(drawn);
  }
  if (listens.empty()) return {};
  const auto as_of = listens.back().start_ms + 1;
  return sonic::taste::summarise_profile(data, sonic::taste::build_taste_profile(data, listens, as_of, {}, utc));
}

// A half with fewer listens than this says too little about the person to judge a match on
// (sdjam: 20 days in one calendar month, so one half is empty). Fixed before looking at scores.
constexpr std::size_t kMinHalfListens = 100;

std::size_t half_listens(const sonic::taste::ListeningData& data, int parity) {
  const auto utc = sonic::TimeZone::named("UTC");
  std::size_t count = 0;
  for (const auto& listen : data.listens) {
    const auto local = utc.local(listen.start_ms);
    if ((local.year * 12 + local.month) % 2 == parity) ++count;
  }
  return count;
}

nlohmann::json compatibility(const std::vector<std::string>& all_names,
                             const std::vector<sonic::taste::ListeningData>& all_histories) {
  // Histories with a half too small to judge are left out of every pair, and listed.
  std::vector<std::string> names;
  std::vector<sonic::taste::ListeningData> histories;
  nlohmann::json left_out = nlohmann::json::array();
  for (std::size_t i = 0; i < all_histories.size(); ++i) {
    const auto odd_count = half_listens(all_histories[i], 1);
    const auto even_count = half_listens(all_histories[i], 0);
    if (odd_count < kMinHalfListens || even_count < kMinHalfListens) {
      left_out.push_back({{"data", all_names[i]}, {"odd_listens", odd_count}, {"even_listens", even_count}});
      continue;
    }
    names.push_back(all_names[i]);
    histories.push_back(all_histories[i]);
  }
  std::vector<sonic::taste::ProfileSummary> odd;
  std::vector<sonic::taste::ProfileSummary> even;
  for (const auto& data : histories) {
    odd.push_back(half_profile(data, 1, nullptr));
    even.push_back(half_profile(data, 0, nullptr));
  }
  std::vector<double> same;
  std::vector<double> different;
  int identified = 0;
  nlohmann::json per_history = nlohmann::json::array();
  for (std::size_t i = 0; i < odd.size(); ++i) {
    std::size_t best = 0;
    double best_score = -1.0;
    for (std::size_t j = 0; j < even.size(); ++j) {
      const double score = sonic::taste::compare_profiles(odd[i], even[j]).score;
      (i == j ? same : different).push_back(score);
      if (score > best_score) best_score = score, best = j;
    }
    identified += best == i ? 1 : 0;
    // The same-person score's spread over bootstrap resamples of each half's listens.
    std::mt19937_64 random(7 + i);
    std::vector<double> scores;
    for (int b = 0; b < 20; ++b) {
      scores.push_back(
          sonic::taste::compare_profiles(half_profile(histories[i], 1, &random), half_profile(histories[i], 0, &random))
              .score);
    }
    double mean = 0.0;
    const auto n = static_cast<double>(scores.size());
    for (const double s : scores) mean += s / n;
    double variance = 0.0;
    for (const double s : scores) variance += (s - mean) * (s - mean) / (n - 1);
    per_history.push_back({{"data", names[i]},
                           {"same_person_score", sonic::taste::compare_profiles(odd[i], even[i]).score},
                           {"best_other_score",
                            [&] {
                              double other = 0.0;
                              for (std::size_t j = 0; j < even.size(); ++j) {
                                if (j != i)
                                  other = std::max(other, sonic::taste::compare_profiles(odd[i], even[j]).score);
                              }
                              return other;
                            }()},
                           {"bootstrap_sd", std::sqrt(variance)}});
  }
  double wins = 0.0;
  for (const double s : same) {
    for (const double d : different) wins += s > d ? 1.0 : (s == d ? 0.5 : 0.0);
  }
  const double auc = same.empty() || different.empty()
                         ? 0.0
                         : wins / (static_cast<double>(same.size()) * static_cast<double>(different.size()));
  return {{"task", "compare"},
          {"people", odd.size()},
          {"auc", auc},
          {"top1", odd.empty() ? 0.0 : static_cast<double>(identified) / static_cast<double>(odd.size())},
          {"min_half_listens", kMinHalfListens},
          {"left_out", left_out},
          {"histories", per_history}};
}

int run(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--weights" && i + 1 < argc) {
      std::stringstream list(argv[++i]);
      char comma = 0;
      list >> settings.weights.memory >> comma >> settings.weights.recency >> comma >> settings.weights.artist >>
          comma >> settings.weights.co_listening >> comma >> settings.weights.genre;
    } else if (argument == "--max-per-artist" && i + 1 < argc) {
      settings.max_per_artist = std::atoi(argv[++i]);
    } else {
      settings.histories.emplace_back(argument);
    }
  }
  if (settings.histories.empty()) {
    std::fprintf(stderr, "usage: taste_history_bench [--weights M,R,A,C,G] [--max-per-artist N] HISTORY...\n");
    return 2;
  }
  sonic::configure_logging("warn");
  std::vector<std::string> names;
  std::vector<sonic::taste::ListeningData> histories;
  for (const auto& history : settings.histories) {
    auto db = sonic::store::Database::in_memory();
    sonic::store::migrate(db);
    sonic::pipeline::import_history(db, {history}, {});
    sonic::bench::Stopwatch watch;
    auto data = sonic::taste::load_listening_data(db);
    if (data.listens.empty()) continue;
    const auto recommended = sonic::taste::recommend(data, {}, sonic::TimeZone::named("UTC"));
    const double seconds = watch.seconds();
    nlohmann::json line = {{"task", "recommend"},
                           {"tool", std::string("sonic ") + sonic::kVersion},
                           {"data", name_of(history)},
                           {"listens", data.listens.size()},
                           {"tracks", data.tracks.size()},
                           {"days", (data.listens.back().start_ms - data.listens.front().start_ms) / kDay},
                           {"recommend_seconds", seconds},
                           {"recommendations", recommended.recommendations.size()},
                           {"rediscovery", evaluate(data, settings, {"rediscovery", 20, 90})},
                           {"library", evaluate(data, settings, {"library", 50, 30})}};
    sonic::bench::emit(line);
    names.push_back(name_of(history));
    histories.push_back(std::move(data));
  }
  sonic::bench::emit(compatibility(names, histories));
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return sonic::bench::run_main("taste_history_bench", run, argc, argv); }
