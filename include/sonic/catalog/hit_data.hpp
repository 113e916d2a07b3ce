#pragma once
// The hit model's rows: a catalog's tracks with a label, turned 0/1 by a rule (`--positive 1`:
// the label equals it; `--threshold 70`: the label is at least it), their audio inputs (the
// thirteen numbers by default, or named ones; every input passes the leak guard), period and
// artists for the temporal split.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "sonic/records/catalog_track.hpp"

namespace sonic::catalog {

struct HitLabelRule {
  std::string column = "target";
  std::optional<double> positive;   // label == positive → 1
  std::optional<double> threshold;  // label >= threshold → 1 (used when positive is unset)

  int label_of(double value) const;  // 0/1; the value must not be NaN
  std::string describe() const;      // "target = 1", "popularity >= 70"
};

struct HitData {
  std::vector<std::string> input_names;
  Eigen::MatrixXd inputs;  // rows × inputs, NaN where the catalog gives no value
  std::vector<int> labels;
  std::vector<int> periods;  // decade (or year) per row, 0 unknown
  std::vector<std::string> artists;
  std::vector<std::string> track_ids;
  std::int64_t unlabelled = 0;  // catalog rows without a numeric label: left out
};

// `table` must hold labels (read for rule.column) and artists; `inputs` name its features or its
// extra columns (empty: the thirteen features). InputError for a leaking input (naming it and
// why), an unknown input, or labels of one class only.
HitData build_hit_data(const records::CatalogTable& table, const HitLabelRule& rule,
                       const std::vector<std::string>& inputs, bool by_year);

}  // namespace sonic::catalog
