#include "sonic/mood/transition_model.hpp"

#include "sonic/core/error.hpp"

#include <string>

namespace sonic::mood {
namespace {

void require_in_range(int value, int size, const char* what) {
  if (value < 0 || value >= size) {
    throw InputError(std::string("transition model: ") + what + " " + std::to_string(value) + " outside 0.." +
                     std::to_string(size - 1));
  }
}

Eigen::MatrixXd matrix_from_json(const nlohmann::json& json, Eigen::Index rows, Eigen::Index columns,
                                 const char* field) {
  const auto& values = json.at(field);
  if (!values.is_array() || static_cast<Eigen::Index>(values.size()) != rows) {
    throw InputError(std::string("transition model: '") + field + "' should have " + std::to_string(rows) + " rows");
  }
  Eigen::MatrixXd matrix(rows, columns);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const auto& row = values[static_cast<std::size_t>(r)];
    if (!row.is_array() || static_cast<Eigen::Index>(row.size()) != columns) {
      throw InputError(std::string("transition model: a row of '") + field + "' should have " +
                       std::to_string(columns) + " probabilities");
    }
    for (Eigen::Index c = 0; c < columns; ++c) {
      const auto& cell = row[static_cast<std::size_t>(c)];
      if (!cell.is_number() || cell.get<double>() < 0 || cell.get<double>() > 1) {
        throw InputError(std::string("transition model: '") + field + "' holds a value that is no probability");
      }
      matrix(r, c) = cell.get<double>();
    }
  }
  return matrix;
}

nlohmann::json matrix_to_json(const Eigen::MatrixXd& matrix) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index c = 0; c < matrix.cols(); ++c) row.push_back(matrix(r, c));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

TransitionModel TransitionModel::fit(const Eigen::VectorXi& current, const Eigen::VectorXi& segment,
                                     const Eigen::VectorXi& next, Eigen::Index rows, int clusters, int segments,
                                     const TransitionOptions& options) {
  if (clusters < 1 || options.alpha <= 0 || (options.by_segment && (segments < 1 || options.segment_strength <= 0))) {
    throw InputError("transition model: needs at least one cluster, alpha > 0 and a positive segment strength");
  }
  TransitionModel model;
  model.options_ = options;
  Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(clusters, clusters);
  Eigen::MatrixXd segment_counts =
      options.by_segment ? Eigen::MatrixXd::Zero(Eigen::Index{segments} * clusters, clusters) : Eigen::MatrixXd();
  for (Eigen::Index i = 0; i < rows; ++i) {
    require_in_range(current(i), clusters, "current cluster");
    require_in_range(next(i), clusters, "next cluster");
    counts(current(i), next(i)) += 1;
    if (options.by_segment) {
      require_in_range(segment(i), segments, "segment");
      segment_counts(Eigen::Index{segment(i)} * clusters + current(i), next(i)) += 1;
    }
  }
  model.first_order_ = (counts.array() + options.alpha).matrix();
  model.first_order_.array().colwise() /= model.first_order_.rowwise().sum().array();
  if (options.by_segment) {
    model.by_segment_ = segment_counts;
    for (Eigen::Index r = 0; r < segment_counts.rows(); ++r) {
      const Eigen::RowVectorXd prior = model.first_order_.row(r % clusters);
      model.by_segment_.row(r) = (segment_counts.row(r) + options.segment_strength * prior) /
                                 (segment_counts.row(r).sum() + options.segment_strength);
    }
  }
  return model;
}

Eigen::RowVectorXd TransitionModel::probabilities(int current, int segment) const {
  require_in_range(current, clusters(), "current cluster");
  if (!options_.by_segment) return first_order_.row(current);
  require_in_range(segment, static_cast<int>(by_segment_.rows() / clusters()), "segment");
  return by_segment_.row(Eigen::Index{segment} * clusters() + current);
}

Eigen::MatrixXd TransitionModel::predict_proba(const Eigen::VectorXi& current, const Eigen::VectorXi& segment) const {
  Eigen::MatrixXd out(current.size(), clusters());
  for (Eigen::Index i = 0; i < current.size(); ++i) {
    out.row(i) = probabilities(current(i), options_.by_segment ? segment(i) : 0);
  }
  return out;
}

nlohmann::json TransitionModel::to_json() const {
  nlohmann::json json = {{"alpha", options_.alpha},
                         {"by_segment", options_.by_segment},
                         {"segment_strength", options_.segment_strength},
                         {"first_order", matrix_to_json(first_order_)}};
  if (options_.by_segment) json["by_segment_table"] = matrix_to_json(by_segment_);
  return json;
}

TransitionModel TransitionModel::from_json(const nlohmann::json& json, int clusters) {
  try {
    TransitionModel model;
    model.options_.alpha = json.at("alpha").get<double>();
    model.options_.by_segment = json.at("by_segment").get<bool>();
    model.options_.segment_strength = json.at("segment_strength").get<double>();
    model.first_order_ = matrix_from_json(json, clusters, clusters, "first_order");
    if (model.options_.by_segment) {
      const auto& table = json.at("by_segment_table");
      const auto rows = table.is_array() ? static_cast<Eigen::Index>(table.size()) : 0;
      if (rows == 0 || rows % clusters != 0) {
        throw InputError("transition model: 'by_segment_table' should have a row per segment and cluster");
      }
      model.by_segment_ = matrix_from_json(json, rows, clusters, "by_segment_table");
    }
    return model;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(std::string("transition model: ") + error.what());
  }
}

}  // namespace sonic::mood
