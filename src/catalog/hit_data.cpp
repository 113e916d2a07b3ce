#include "sonic/catalog/hit_data.hpp"

#include <algorithm>
#include <cmath>

#include "sonic/catalog/leak_guard.hpp"
#include "sonic/core/error.hpp"

namespace sonic::catalog {
namespace {

std::string number_text(double value) {
  std::string text = std::to_string(value);
  while (text.find('.') != std::string::npos && (text.back() == '0' || text.back() == '.')) {
    const bool dot = text.back() == '.';
    text.pop_back();
    if (dot) break;
  }
  return text;
}

}  // namespace

int HitLabelRule::label_of(double value) const {
  if (positive) return value == *positive ? 1 : 0;
  return value >= threshold.value_or(1.0) ? 1 : 0;
}

std::string HitLabelRule::describe() const {
  if (positive) return column + " = " + number_text(*positive);
  return column + " >= " + number_text(threshold.value_or(1.0));
}

HitData build_hit_data(const records::CatalogTable& table, const HitLabelRule& rule,
                       const std::vector<std::string>& inputs, bool by_year) {
  HitData data;
  std::vector<std::string> names = inputs;
  if (names.empty()) names.assign(records::kCatalogFeatureNames.begin(), records::kCatalogFeatureNames.end());
  for (const std::string& name : names) {
    if (const auto reason = leak_by_name(name, rule.column)) {
      throw InputError("'" + name + "' cannot be an input of the hit model: " + *reason);
    }
  }

  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < table.size(); ++row) {
    if (std::isnan(table.labels[row])) {
      ++data.unlabelled;
      continue;
    }
    rows.push_back(row);
    data.labels.push_back(rule.label_of(table.labels[row]));
    data.periods.push_back(by_year ? table.years[row] : table.decades[row]);
    data.artists.push_back(table.artists.empty() ? std::string() : table.artists[row]);
    if (!table.track_ids.empty()) data.track_ids.push_back(table.track_ids[row]);
  }
  const auto positives = std::count(data.labels.begin(), data.labels.end(), 1);
  if (positives == 0 || positives == static_cast<std::ptrdiff_t>(data.labels.size())) {
    throw InputError("the label rule " + rule.describe() + " gives " + (positives == 0 ? "no" : "only") +
                     " positive tracks among " + std::to_string(data.labels.size()) +
                     " labelled ones: choose another --positive or --threshold");
  }

  data.inputs.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(names.size()));
  std::vector<double> column_values(rows.size());
  for (std::size_t c = 0; c < names.size(); ++c) {
    const std::size_t feature = records::catalog_feature_index(names[c]);
    const auto extra = std::find(table.extra_names.begin(), table.extra_names.end(), names[c]);
    if (feature == records::kCatalogFeatureCount && extra == table.extra_names.end()) {
      throw InputError("unknown input '" + names[c] + "': neither an audio feature nor a numeric column read");
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      column_values[i] = feature < records::kCatalogFeatureCount
                             ? table.features[rows[i]][feature]
                             : table.extra_values[static_cast<std::size_t>(extra - table.extra_names.begin())][rows[i]];
      data.inputs(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = column_values[i];
    }
    if (const auto reason = leak_by_values(column_values, data.labels)) {
      throw InputError("'" + names[c] + "' cannot be an input of the hit model: " + *reason);
    }
  }
  data.input_names = std::move(names);
  return data;
}

}  // namespace sonic::catalog
