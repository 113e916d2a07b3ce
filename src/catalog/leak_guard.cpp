#include "sonic/catalog/leak_guard.hpp"

#include <Eigen/Core>
#include <cmath>
#include <cstdio>

#include "sonic/ml/metrics/classification_metrics.hpp"

namespace sonic::catalog {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

bool contains_any(const std::string& text, std::initializer_list<std::string_view> parts) {
  for (const std::string_view part : parts) {
    if (text.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> leak_by_name(std::string_view input, std::string_view label) {
  const std::string name = lower(input);
  const std::string target = lower(label);
  if (name == target) return "it is the label";
  if (!target.empty() && (name.find(target) != std::string::npos || target.find(name) != std::string::npos)) {
    return "it is derived from the label '" + std::string(label) + "'";
  }
  if (name == "id" || name.ends_with("_id") || name.ends_with("id_") ||
      contains_any(name, {"uri", "href", "url", "spotify"})) {
    return "it identifies a track, an album or an artist";
  }
  if (contains_any(name, {"name", "title", "artist", "album", "track", "song"})) return "it names a track or an artist";
  return std::nullopt;
}

std::optional<std::string> leak_by_values(const std::vector<double>& values, const std::vector<int>& labels) {
  std::vector<double> kept;
  std::vector<bool> positive;
  for (std::size_t row = 0; row < values.size() && row < labels.size(); ++row) {
    if (std::isnan(values[row])) continue;
    kept.push_back(values[row]);
    positive.push_back(labels[row] == 1);
  }
  if (kept.empty()) return std::nullopt;
  const Eigen::Map<const Eigen::VectorXd> scores(kept.data(), static_cast<Eigen::Index>(kept.size()));
  const auto auc = ml::roc_auc(scores, positive);
  if (!auc || (*auc < 0.99 && *auc > 0.01)) return std::nullopt;
  char text[96];
  std::snprintf(text, sizeof text, "its values alone separate the label (ROC-AUC %.3f): it is derived from it", *auc);
  return std::string(text);
}

}  // namespace sonic::catalog
