#include "sonic/mood/mood_propagation.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

namespace sonic::mood {
namespace {

using Distribution = std::vector<double>;

struct MoodWord {
  std::string_view tag;
  std::vector<std::string_view> label_words;  // phrases of cluster_labels' vocabulary
};

// Last.fm's common mood tags and what cluster_labels calls that mood.
const std::vector<MoodWord>& mood_words() {
  static const std::vector<MoodWord> words = {
      {"chill", {"low energy", "acoustic", "calmer"}},
      {"chillout", {"low energy", "acoustic", "calmer"}},
      {"relaxing", {"low energy", "acoustic", "calmer"}},
      {"calm", {"low energy", "acoustic", "calmer"}},
      {"mellow", {"low energy", "acoustic", "calmer"}},
      {"ambient", {"low energy", "instrumental", "calmer"}},
      {"sad", {"negative", "more negative"}},
      {"melancholic", {"negative", "more negative"}},
      {"melancholy", {"negative", "more negative"}},
      {"depressing", {"negative", "more negative"}},
      {"dark", {"negative", "more negative"}},
      {"happy", {"positive", "more positive"}},
      {"feel good", {"positive", "more positive"}},
      {"upbeat", {"positive", "high energy"}},
      {"cheerful", {"positive", "more positive"}},
      {"energetic", {"high energy", "more energetic"}},
      {"party", {"high energy", "danceable", "more danceable"}},
      {"dance", {"danceable", "more danceable"}},
      {"workout", {"high energy", "more energetic", "fast"}},
  };
  return words;
}

std::string lower(std::string_view text) {
  std::string result(text);
  for (auto& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

// Normalises `d` to sum 1; returns the sum before (0 leaves it as is).
double normalise(Distribution& d) {
  double sum = 0;
  for (const double v : d) sum += v;
  if (sum > 0)
    for (double& v : d) v /= sum;
  return sum;
}

struct Signal {
  Distribution distribution;
  double evidence = 0;  // λ in [0, 1)
};

double evidence_of(double amount) { return amount / (amount + 1); }

// The artist's vote: share of the artist's featured tracks in each cluster.
std::map<std::int64_t, Signal> artist_signals(const PropagationInputs& inputs, int k) {
  std::map<std::int64_t, Distribution> counts;
  for (const auto& [track, cluster] : inputs.known) {
    const auto artist = inputs.artist_of.find(track);
    if (artist == inputs.artist_of.end()) continue;
    auto& count = counts[artist->second];
    count.resize(static_cast<std::size_t>(k), 0.0);
    count[static_cast<std::size_t>(cluster)] += 1;
  }
  std::map<std::int64_t, Signal> signals;
  for (auto& [artist, count] : counts) {
    const double n = normalise(count);
    signals[artist] = {count, evidence_of(n)};
  }
  return signals;
}

// Label propagation (Zhu & Ghahramani): known tracks are clamped to their cluster, every other
// track takes the edge-weighted mean of its neighbours' distributions, sweep after sweep (Jacobi:
// each sweep reads the previous one's values, so the order of updates does not matter).
std::map<std::int64_t, Signal> co_listening_signals(const PropagationInputs& inputs, int k, int iterations) {
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, double>>> neighbours;
  for (const auto& edge : inputs.co_listens) {
    if (edge.first == edge.second || edge.count <= 0) continue;
    const auto weight = static_cast<double>(edge.count);
    neighbours[edge.first].emplace_back(edge.second, weight);
    neighbours[edge.second].emplace_back(edge.first, weight);
  }
  std::map<std::int64_t, Distribution> current;
  for (const auto& [track, cluster] : inputs.known) {
    Distribution one_hot(static_cast<std::size_t>(k), 0.0);
    one_hot[static_cast<std::size_t>(cluster)] = 1;
    current[track] = one_hot;
  }
  for (int sweep = 0; sweep < iterations; ++sweep) {
    auto next = current;
    bool changed = false;
    for (const auto& [track, edges] : neighbours) {
      if (inputs.known.contains(track)) continue;
      Distribution sum(static_cast<std::size_t>(k), 0.0);
      for (const auto& [other, weight] : edges) {
        const auto found = current.find(other);
        if (found == current.end()) continue;
        for (int c = 0; c < k; ++c)
          sum[static_cast<std::size_t>(c)] += weight * found->second[static_cast<std::size_t>(c)];
      }
      if (normalise(sum) == 0) continue;
      auto& slot = next[track];
      if (slot != sum) changed = true;
      slot = std::move(sum);
    }
    current = std::move(next);
    if (!changed) break;
  }
  std::map<std::int64_t, Signal> signals;
  for (const auto& [track, edges] : neighbours) {
    if (inputs.known.contains(track) || !current.contains(track)) continue;
    double labelled_weight = 0;  // how much co-listening with tracks that carry a mood
    for (const auto& [other, weight] : edges)
      if (current.contains(other)) labelled_weight += weight;
    signals[track] = {current[track], evidence_of(labelled_weight)};
  }
  return signals;
}

std::map<std::int64_t, Signal> tag_signals(const PropagationInputs& inputs, int k) {
  std::map<std::int64_t, Distribution> sums;
  for (const auto& tag : inputs.tags) {
    const auto clusters = clusters_for_mood_tag(tag.tag, inputs.labels);
    if (clusters.empty() || tag.count <= 0) continue;
    auto& sum = sums[tag.track_id];
    sum.resize(static_cast<std::size_t>(k), 0.0);
    for (const int c : clusters)
      sum[static_cast<std::size_t>(c)] += tag.count / 100.0 / static_cast<double>(clusters.size());
  }
  std::map<std::int64_t, Signal> signals;
  for (auto& [track, sum] : sums) {
    const double total = normalise(sum);
    signals[track] = {sum, evidence_of(total)};
  }
  return signals;
}

}  // namespace

std::string_view source_name(MoodSource source) {
  switch (source) {
    case MoodSource::features:
      return "features";
    case MoodSource::artist:
      return "artist";
    case MoodSource::co_listening:
      return "co_listening";
    case MoodSource::tags:
      return "tags";
  }
  return "features";
}

std::vector<int> clusters_for_mood_tag(std::string_view tag, const std::vector<std::string>& labels) {
  const auto key = lower(tag);
  const auto word =
      std::find_if(mood_words().begin(), mood_words().end(), [&](const MoodWord& w) { return w.tag == key; });
  if (word == mood_words().end()) return {};
  std::vector<int> best;
  int best_matches = 0;
  for (std::size_t c = 0; c < labels.size(); ++c) {
    int matches = 0;
    for (const auto phrase : word->label_words)
      if (labels[c].find(phrase) != std::string::npos) ++matches;
    if (matches == 0 || matches < best_matches) continue;
    if (matches > best_matches) best.clear();
    best_matches = matches;
    best.push_back(static_cast<int>(c));
  }
  return best;
}

std::vector<PropagatedCluster> propagate_clusters(const PropagationInputs& inputs, const PropagationOptions& options) {
  const int k = static_cast<int>(inputs.labels.size());
  if (k == 0) return {};
  const auto by_artist = artist_signals(inputs, k);
  const auto by_co_listening = co_listening_signals(inputs, k, options.iterations);
  const auto by_tags = tag_signals(inputs, k);

  std::set<std::int64_t> tracks;
  for (const auto& [track, artist] : inputs.artist_of) tracks.insert(track);
  for (const auto& [track, signal] : by_co_listening) tracks.insert(track);
  for (const auto& [track, signal] : by_tags) tracks.insert(track);

  std::vector<PropagatedCluster> result;
  for (const auto track : tracks) {
    if (inputs.known.contains(track)) continue;
    std::vector<std::pair<MoodSource, const Signal*>> signals;
    if (const auto artist = inputs.artist_of.find(track); artist != inputs.artist_of.end()) {
      if (const auto found = by_artist.find(artist->second); found != by_artist.end())
        signals.emplace_back(MoodSource::artist, &found->second);
    }
    if (const auto found = by_co_listening.find(track); found != by_co_listening.end())
      signals.emplace_back(MoodSource::co_listening, &found->second);
    if (const auto found = by_tags.find(track); found != by_tags.end())
      signals.emplace_back(MoodSource::tags, &found->second);
    if (signals.empty()) continue;

    Distribution pooled(static_cast<std::size_t>(k), 1.0 / k);
    double strength = 1;
    for (const auto& [source, signal] : signals) {
      strength += signal->evidence;
      for (int c = 0; c < k; ++c)
        pooled[static_cast<std::size_t>(c)] += signal->evidence * signal->distribution[static_cast<std::size_t>(c)];
    }
    const auto cluster = static_cast<int>(std::max_element(pooled.begin(), pooled.end()) - pooled.begin());
    const double confidence = pooled[static_cast<std::size_t>(cluster)] / strength;
    if (confidence < options.min_confidence) continue;
    MoodSource source = signals.front().first;
    double most = -1;
    for (const auto& [candidate, signal] : signals) {
      const double mass = signal->evidence * signal->distribution[static_cast<std::size_t>(cluster)];
      if (mass > most) most = mass, source = candidate;
    }
    result.push_back({track, cluster, source, confidence});
  }
  return result;
}

}  // namespace sonic::mood
