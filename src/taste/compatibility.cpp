#include "sonic/taste/compatibility.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace sonic::taste {
namespace {

std::unordered_map<std::string, double> by_key(std::span<const NamedShare> shares) {
  std::unordered_map<std::string, double> map;
  for (const auto& share : shares) map[share.key] += share.share;
  return map;
}

// Two share lists over the union of their keys, in one key order.
std::pair<std::vector<double>, std::vector<double>> aligned(std::span<const NamedShare> a,
                                                            std::span<const NamedShare> b) {
  std::map<std::string, std::pair<double, double>> both;
  for (const auto& share : a) both[share.key].first += share.share;
  for (const auto& share : b) both[share.key].second += share.share;
  std::vector<double> left;
  std::vector<double> right;
  for (const auto& [key, values] : both) {
    left.push_back(values.first);
    right.push_back(values.second);
  }
  return {left, right};
}

std::vector<BridgeArtist> bridges_from(const ProfileSummary& player, const ProfileSummary& other, char played_by) {
  const auto other_artists = by_key(other.artists);
  const auto other_genres = by_key(other.genres);
  std::vector<BridgeArtist> bridges;
  for (const auto& artist : player.artists) {
    if (other_artists.contains(artist.key) || artist.genres.empty()) continue;
    double genre_fit = 0.0;
    for (const auto& genre : artist.genres) {
      if (const auto found = other_genres.find(genre); found != other_genres.end()) genre_fit += found->second;
    }
    if (genre_fit > 0) bridges.push_back({artist.name, played_by, artist.share * genre_fit});
  }
  std::stable_sort(bridges.begin(), bridges.end(), [](const auto& x, const auto& y) { return x.fit > y.fit; });
  if (bridges.size() > 5) bridges.resize(5);
  return bridges;
}

}  // namespace

double weighted_jaccard(std::span<const NamedShare> a, std::span<const NamedShare> b) {
  const auto [left, right] = aligned(a, b);
  double minimum = 0.0;
  double maximum = 0.0;
  for (std::size_t i = 0; i < left.size(); ++i) {
    minimum += std::min(left[i], right[i]);
    maximum += std::max(left[i], right[i]);
  }
  return maximum > 0 ? minimum / maximum : 0.0;
}

double cosine_similarity(std::span<const NamedShare> a, std::span<const NamedShare> b) {
  const auto [left, right] = aligned(a, b);
  const double dot = std::inner_product(left.begin(), left.end(), right.begin(), 0.0);
  const double norms = std::sqrt(std::inner_product(left.begin(), left.end(), left.begin(), 0.0) *
                                 std::inner_product(right.begin(), right.end(), right.begin(), 0.0));
  return norms > 0 ? dot / norms : 0.0;
}

double rank_biased_overlap(std::span<const NamedShare> a, std::span<const NamedShare> b, std::size_t depth, double p) {
  std::unordered_set<std::string> seen_a;
  std::unordered_set<std::string> seen_b;
  double overlap = 0.0;
  double sum = 0.0;
  double weight = 1.0;
  for (std::size_t d = 1; d <= depth; ++d) {
    if (d <= a.size()) {
      const auto& key = a[d - 1].key;
      seen_a.insert(key);
      if (seen_b.contains(key)) ++overlap;
    }
    if (d <= b.size()) {
      const auto& key = b[d - 1].key;
      seen_b.insert(key);
      if (seen_a.contains(key)) ++overlap;
    }
    sum += weight * overlap / static_cast<double>(d);
    weight *= p;
  }
  return (1.0 - p) * sum / (1.0 - std::pow(p, static_cast<double>(depth)));
}

double jensen_shannon(std::span<const double> p, std::span<const double> q) {
  const double p_total = std::accumulate(p.begin(), p.end(), 0.0);
  const double q_total = std::accumulate(q.begin(), q.end(), 0.0);
  if (p_total <= 0 || q_total <= 0) return 1.0;
  double divergence = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double pi = p[i] / p_total;
    const double qi = q[i] / q_total;
    const double mi = 0.5 * (pi + qi);
    if (pi > 0) divergence += 0.5 * pi * std::log2(pi / mi);
    if (qi > 0) divergence += 0.5 * qi * std::log2(qi / mi);
  }
  return std::clamp(divergence, 0.0, 1.0);
}

Compatibility compare_profiles(const ProfileSummary& a, const ProfileSummary& b) {
  Compatibility result;
  const bool genres = !a.genres.empty() && !b.genres.empty();
  const bool moods = !a.moods.empty() && !b.moods.empty();
  std::optional<double> mood_part;
  if (moods) {
    const auto [left, right] = aligned(a.moods, b.moods);
    mood_part = 1.0 - jensen_shannon(left, right);
  }
  result.parts = {
      {"artists", weighted_jaccard(a.artists, b.artists)},
      {"genres", genres ? std::optional<double>(cosine_similarity(a.genres, b.genres)) : std::nullopt},
      {"ranking", rank_biased_overlap(a.artists, b.artists, 50, 0.9)},
      {"moods", mood_part},
      {"hours", 1.0 - jensen_shannon(a.hours, b.hours)},
  };
  double sum = 0.0;
  int counted = 0;
  for (const auto& part : result.parts) {
    if (part.value) sum += *part.value, ++counted;
  }
  result.score = counted > 0 ? 100.0 * sum / counted : 0.0;

  const auto b_artists = by_key(b.artists);
  for (const auto& artist : a.artists) {
    if (const auto found = b_artists.find(artist.key); found != b_artists.end()) {
      result.shared_favourites.push_back({artist.name, artist.share, found->second});
    }
  }
  std::stable_sort(result.shared_favourites.begin(), result.shared_favourites.end(), [](const auto& x, const auto& y) {
    return std::min(x.share_a, x.share_b) > std::min(y.share_a, y.share_b);
  });
  if (result.shared_favourites.size() > 10) result.shared_favourites.resize(10);
  result.bridges = bridges_from(a, b, 'a');
  const auto other_way = bridges_from(b, a, 'b');
  result.bridges.insert(result.bridges.end(), other_way.begin(), other_way.end());
  return result;
}

}  // namespace sonic::taste

namespace sonic::taste {

nlohmann::json to_json(const Compatibility& compatibility) {
  nlohmann::json parts = nlohmann::json::object();
  for (const auto& part : compatibility.parts) {
    parts[part.name] = part.value ? nlohmann::json(*part.value) : nlohmann::json(nullptr);
  }
  nlohmann::json shared = nlohmann::json::array();
  for (const auto& favourite : compatibility.shared_favourites) {
    shared.push_back({{"artist", favourite.name}, {"share_a", favourite.share_a}, {"share_b", favourite.share_b}});
  }
  nlohmann::json bridges = nlohmann::json::array();
  for (const auto& bridge : compatibility.bridges) {
    bridges.push_back({{"artist", bridge.name},
                       {"played_by", std::string(1, bridge.played_by)},
                       {"for", std::string(1, bridge.played_by == 'a' ? 'b' : 'a')},
                       {"fit", bridge.fit}});
  }
  return {{"score", compatibility.score}, {"parts", parts}, {"shared_favourites", shared}, {"bridges", bridges}};
}

nlohmann::json to_json(const Comparison& comparison) {
  auto json = to_json(comparison.compatibility);
  json["other"] = comparison.other;
  json["listens"] = {{"a", comparison.mine.listens}, {"b", comparison.theirs.listens}};
  json["genre_coverage"] = {{"a", comparison.mine.genre_coverage}, {"b", comparison.theirs.genre_coverage}};
  return json;
}

}  // namespace sonic::taste
