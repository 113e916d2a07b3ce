#pragma once
// Data for the clustering tests: seeded Gaussian blobs, and the scikit-learn fixtures of
// tests/data/kmeans (written by make_fixtures.py there).
#include <Eigen/Core>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/core/random.hpp"
#include "support/shared_data.hpp"

namespace sonic::testing {

// `per_cluster` rows around each row of `centres`, each feature off by Normal(0, spread), the
// clusters one after the other.
inline Eigen::MatrixXd gaussian_blobs(const Eigen::MatrixXd& centres, Eigen::Index per_cluster, double spread,
                                      std::uint64_t seed) {
  SeededRandom random(seed);
  Eigen::MatrixXd rows(centres.rows() * per_cluster, centres.cols());
  for (Eigen::Index i = 0; i < rows.rows(); ++i) {
    for (Eigen::Index f = 0; f < rows.cols(); ++f) {
      rows(i, f) = centres(i / per_cluster, f) + spread * random.normal();
    }
  }
  return rows;
}

inline nlohmann::json read_kmeans_fixture(const std::string& name) {
  std::ifstream in(test_data("kmeans/" + name));
  if (!in) throw std::runtime_error("missing fixture tests/data/kmeans/" + name);
  return nlohmann::json::parse(in);
}

inline Eigen::MatrixXd matrix_from_json(const nlohmann::json& rows) {
  Eigen::MatrixXd matrix(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.at(0).size()));
  for (Eigen::Index i = 0; i < matrix.rows(); ++i) {
    for (Eigen::Index f = 0; f < matrix.cols(); ++f) {
      matrix(i, f) = rows.at(static_cast<std::size_t>(i)).at(static_cast<std::size_t>(f)).get<double>();
    }
  }
  return matrix;
}

}  // namespace sonic::testing
