// The taste layer on real listening histories: each history is imported into an in-memory store
// through the same entry point as `sonic import`, then
//   rediscovery: at monthly origins T (every 30 days back from the last month, at least 180 days
//     of history before T, up to 12), the tracks last heard more than 90 days before T, ranked;
//     the targets are those heard again in [T, T + 30 d). Recall@20 and NDCG@20, averaged over
//     origins with a target, beside all-time most played, most recently dropped and random. `sonic`
//     is the product: for the library task, weights fitted per person on the six months before T
//     (fit_person_weights, as `sonic recommend` fits them at its now; --fit-pools both|rediscover|
//     library|none chooses which tasks are fitted, library by default as in the product), beside the fixed default
//     weights (sonic_fixed_weights: the product before session 8) and session 6's weights (sonic_previous_weights: all
//     five parts then at 1).
//   library: tracks heard before T but not in the 30 days before it; targets heard in the month
//     after T. Recall@50 beside the same baselines.
//   compatibility (over all histories): odd and even calendar months of each history as two
//     "people"; every pair of halves scored; ROC-AUC of same-person against different-person
//     pairs, top-1 identification, and the same-person score's bootstrap SD (20 resamples).
//     A history whose odd or even half has under 100 listens is left out and listed.
//
//   choose weights (--choose-weights): the rule behind default_ranker_weights(); see choose_weights.
//
//   taste_history_bench [--weights M,R,A,C,G,P,B,S] [--fit-origins N] [--fit-pools P] [--min-gain X]
//                       [--no-fit] [--max-per-artist N] [--choose-weights] HISTORY...
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
#include "sonic/taste/weight_fit.hpp"

namespace {

using sonic::taste::Candidate;
using sonic::taste::LibrarySignals;
using sonic::taste::OriginCase;
using sonic::taste::TrackSignals;

constexpr std::int64_t kDay = 86'400'000;
// The monthly origins scored: the last 12 months of each history.
constexpr int kScoredOrigins = 12;

// The ranker's weights before session 7 (memory, recency, artist, co-listening, genre at 1).
constexpr sonic::taste::RankerWeights kPreviousWeights{};

struct Settings {
  sonic::taste::RankerWeights weights = sonic::taste::default_ranker_weights();
  int max_per_artist = 2;
  int fit_origins = 6;
  bool choose_weights = false;
  bool fit = true;
  bool fit_rediscover = false;  // as `sonic recommend` (RecommendOptions::fit_pools)
  bool fit_library = true;
  double min_gain = 0.0;
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
  Metrics ranker, fixed_weights, previous_weights, most_played, recently_dropped, random;
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
            {"sonic_previous_weights", mean(previous_weights)},
            {"sonic_fixed_weights", mean(fixed_weights)},
            {"most_played", mean(most_played)},
            {"recently_dropped", mean(recently_dropped)},
            {"random", mean(random)}};
  }
};

std::vector<std::int64_t> ranked_ids(const OriginCase& one, const sonic::taste::RankerWeights& weights,
                                     const Settings& settings, const Task& task) {
  std::vector<std::int64_t> ranked;
  for (const auto& scored :
       sonic::taste::rank_candidates(one.signals, one.candidates, weights, task.k, settings.max_per_artist)) {
    ranked.push_back(scored.candidate.track_id);
  }
  return ranked;
}

nlohmann::json evaluate(const sonic::taste::ListeningData& data, const Settings& settings, const Task& task,
                        bool rediscover) {
  Tally tally;
  std::vector<std::array<double, sonic::taste::kScorePartCount>> fitted_weights;
  const std::int64_t first = data.listens.front().start_ms;
  const std::int64_t last = data.listens.back().start_ms;
  for (int back = 0; back < kScoredOrigins; ++back) {
    const std::int64_t origin = last - 30 * kDay * (back + 1);
    if (origin - first < 180 * kDay) break;
    const auto one = sonic::taste::origin_case(data, origin, task.quiet_days, {});
    const auto& targets = one.targets;
    if (targets.empty()) continue;
    ++tally.origins;
    // The product: this pool's weights fitted on the person's months before T, as `sonic recommend`
    // fits them at its now; beside the fixed default weights and session 6's.
    auto weights = settings.weights;
    if (settings.fit && (rediscover ? settings.fit_rediscover : settings.fit_library)) {
      const auto fitted = sonic::taste::fit_person_weights(data, origin, {},
                                                           {.origins = settings.fit_origins,
                                                            .rediscover = rediscover,
                                                            .library = !rediscover,
                                                            .max_per_artist = settings.max_per_artist,
                                                            .start = settings.weights,
                                                            .min_gain = settings.min_gain});
      weights = rediscover ? fitted.rediscover : fitted.library;
    }
    fitted_weights.push_back(sonic::taste::weight_array(weights));
    tally.add(tally.ranker, score_ranking(ranked_ids(one, weights, settings, task), targets, task.k));
    tally.add(tally.fixed_weights, score_ranking(ranked_ids(one, settings.weights, settings, task), targets, task.k));
    tally.add(tally.previous_weights,
              score_ranking(ranked_ids(one, kPreviousWeights, settings, task), targets, task.k));
    tally.add(tally.most_played,
              score_ranking(by_key(one.signals, one.candidates,
                                   [](const TrackSignals& t) { return static_cast<double>(t.plays); }),
                            targets, task.k));
    tally.add(tally.recently_dropped,
              score_ranking(by_key(one.signals, one.candidates,
                                   [](const TrackSignals& t) { return static_cast<double>(t.last_ms); }),
                            targets, task.k));
    std::vector<std::int64_t> shuffled;
    for (const auto& candidate : one.candidates) shuffled.push_back(candidate.track_id);
    std::sort(shuffled.begin(), shuffled.end());
    std::mt19937_64 random(42 + static_cast<unsigned>(back));
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    tally.add(tally.random, score_ranking(shuffled, targets, task.k));
  }
  auto result = tally.json();
  result["fitted_weights"] = fitted_weights;
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

// The default weights' rule: chosen on rediscovery origins that precede every scored one (13 to
// 24 months before each history's last month; only the longest histories have them), pooled, by
// the same coordinate ascent as fit_ranker_weights from the previous weights; the scored months
// are never looked at.
nlohmann::json choose_weights(const std::vector<std::string>& names,
                              const std::vector<sonic::taste::ListeningData>& histories, const Settings& settings) {
  const sonic::taste::FitTask task{.k = 20, .quiet_days = 90, .max_per_artist = settings.max_per_artist};
  std::vector<OriginCase> cases;
  nlohmann::json used = nlohmann::json::object();
  for (std::size_t h = 0; h < histories.size(); ++h) {
    const auto& data = histories[h];
    int count = 0;
    for (int back = kScoredOrigins; back < 2 * kScoredOrigins; ++back) {
      const std::int64_t origin = data.listens.back().start_ms - 30 * kDay * (back + 1);
      if (origin - data.listens.front().start_ms < 180 * kDay) break;
      auto one = sonic::taste::origin_case(data, origin, task.quiet_days, {});
      if (one.targets.empty()) continue;
      cases.push_back(std::move(one));
      ++count;
    }
    if (count > 0) used[names[h]] = count;
  }
  const auto weights = sonic::taste::fit_ranker_weights(cases, task, kPreviousWeights);
  return {{"task", "choose_weights"},
          {"origins", used},
          {"weights", sonic::taste::weight_array(weights)},
          {"recall_before",
           [&] {
             double total = 0.0;
             for (const auto& one : cases) total += sonic::taste::case_recall(one, kPreviousWeights, task);
             return cases.empty() ? 0.0 : total / static_cast<double>(cases.size());
           }()},
          {"recall_after", [&] {
             double total = 0.0;
             for (const auto& one : cases) total += sonic::taste::case_recall(one, weights, task);
             return cases.empty() ? 0.0 : total / static_cast<double>(cases.size());
           }()}};
}

int run(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--weights" && i + 1 < argc) {
      std::stringstream list(argv[++i]);
      char comma = 0;
      list >> settings.weights.memory >> comma >> settings.weights.recency >> comma >> settings.weights.artist >>
          comma >> settings.weights.co_listening >> comma >> settings.weights.genre >> comma >>
          settings.weights.plays >> comma >> settings.weights.returns >> comma >> settings.weights.season;
    } else if (argument == "--no-fit") {
      settings.fit = false;
    } else if (argument == "--fit-pools" && i + 1 < argc) {
      const std::string pools = argv[++i];
      settings.fit_rediscover = pools == "both" || pools == "rediscover";
      settings.fit_library = pools == "both" || pools == "library";
    } else if (argument == "--min-gain" && i + 1 < argc) {
      settings.min_gain = std::atof(argv[++i]);
    } else if (argument == "--choose-weights") {
      settings.choose_weights = true;
    } else if (argument == "--fit-origins" && i + 1 < argc) {
      settings.fit_origins = std::atoi(argv[++i]);
    } else if (argument == "--max-per-artist" && i + 1 < argc) {
      settings.max_per_artist = std::atoi(argv[++i]);
    } else {
      settings.histories.emplace_back(argument);
    }
  }
  if (settings.histories.empty()) {
    std::fprintf(
        stderr,
        "usage: taste_history_bench [--weights M,R,A,C,G,P,B,S] [--fit-origins N] [--fit-pools P] [--min-gain X] "
        "[--no-fit] [--max-per-artist N] [--choose-weights] HISTORY...\n");
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
    // The per-person fit alone (the library pool's, six past months), as recommend ran it above.
    sonic::bench::Stopwatch fit_watch;
    const auto fitted = sonic::taste::fit_person_weights(data, recommended.as_of_ms, {}, {.rediscover = false});
    const double fit_seconds = fit_watch.seconds();
    nlohmann::json line = {{"task", "recommend"},
                           {"tool", std::string("sonic ") + sonic::kVersion},
                           {"data", name_of(history)},
                           {"listens", data.listens.size()},
                           {"tracks", data.tracks.size()},
                           {"days", (data.listens.back().start_ms - data.listens.front().start_ms) / kDay},
                           {"recommend_seconds", seconds},
                           {"fit_seconds", fit_seconds},
                           {"weights_now", sonic::taste::to_json(fitted)},
                           {"recommendations", recommended.recommendations.size()},
                           {"rediscovery", evaluate(data, settings, {"rediscovery", 20, 90}, true)},
                           {"library", evaluate(data, settings, {"library", 50, 30}, false)}};
    sonic::bench::emit(line);
    names.push_back(name_of(history));
    histories.push_back(std::move(data));
  }
  if (settings.choose_weights) {
    sonic::bench::emit(choose_weights(names, histories, settings));
    return 0;
  }
  sonic::bench::emit(compatibility(names, histories));
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return sonic::bench::run_main("taste_history_bench", run, argc, argv); }
