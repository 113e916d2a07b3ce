#include "sonic/catalog/hit_splits.hpp"

#include <algorithm>
#include <span>
#include <unordered_set>

#include "sonic/core/error.hpp"
#include "sonic/ml/data/stratified_folds.hpp"

namespace sonic::catalog {
namespace {

std::string normalised(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

}  // namespace

std::vector<std::string> artist_names(std::string_view cell) {
  std::vector<std::string> names;
  std::string_view text = cell;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (!text.starts_with('[')) {
    std::string name = normalised(text);
    if (!name.empty()) names.push_back(std::move(name));
    return names;
  }
  // ['A', "B's", 'C'] : each item quoted with ' or ".
  std::size_t at = 1;
  while (at < text.size()) {
    const char quote = text[at];
    if (quote != '\'' && quote != '"') {
      ++at;
      continue;
    }
    std::string item;
    std::size_t end = at + 1;
    for (; end < text.size() && text[end] != quote; ++end) {
      if (text[end] == '\\' && end + 1 < text.size()) ++end;
      item += text[end];
    }
    std::string name = normalised(item);
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    at = end + 1;
  }
  return names;
}

HitSplit stratified_random_split(const std::vector<int>& labels, std::uint64_t seed) {
  constexpr int kFolds = 4;
  const std::vector<int> folds = ml::stratified_fold_ids(std::span<const int>(labels), 2, kFolds, seed);
  HitSplit split;
  split.name = "random";
  for (std::size_t row = 0; row < labels.size(); ++row) (folds[row] == 0 ? split.test : split.train).push_back(row);
  return split;
}

HitSplit grouped_temporal_split(const std::vector<int>& periods, const std::vector<std::string>& artists) {
  HitSplit split;
  split.name = "temporal";
  const int latest = periods.empty() ? 0 : *std::max_element(periods.begin(), periods.end());
  const bool earlier_exists =
      std::any_of(periods.begin(), periods.end(), [&](int period) { return period != 0 && period != latest; });
  if (latest == 0 || !earlier_exists) {
    throw InputError("a temporal split needs tracks of at least two known periods (a year, release date or decade)");
  }
  split.test_period = latest;
  std::unordered_set<std::string> test_artists;
  for (std::size_t row = 0; row < periods.size(); ++row) {
    if (periods[row] != latest) continue;
    split.test.push_back(row);
    for (std::string& name : artist_names(artists[row])) test_artists.insert(std::move(name));
  }
  for (std::size_t row = 0; row < periods.size(); ++row) {
    if (periods[row] == latest) continue;
    bool shares_artist = false;
    for (const std::string& name : artist_names(artists[row]))
      shares_artist = shares_artist || test_artists.contains(name);
    if (periods[row] == 0 || shares_artist) {
      ++split.left_out;
    } else {
      split.train.push_back(row);
    }
  }
  return split;
}

}  // namespace sonic::catalog
