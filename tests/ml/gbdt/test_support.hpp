#pragma once
// Data the gradient-boosting tests share: seeded synthetic classification sets and small helpers.
#include <Eigen/Dense>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

#include "sonic/core/random.hpp"
#include "sonic/ml/gbdt/params.hpp"

namespace sonic::ml::testing {

struct Labelled {
  Eigen::MatrixXd x;
  Eigen::VectorXi y;
};

// `features` normal columns, some with missing values; the label depends on the first three
// through a noisy linear score (binary) or the argmax of noisy class scores.
inline Labelled synthetic(Eigen::Index rows, Eigen::Index features, int classes, std::uint64_t seed,
                          double missing_share = 0.1) {
  SeededRandom random(seed);
  Labelled data{Eigen::MatrixXd(rows, features), Eigen::VectorXi(rows)};
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (Eigen::Index c = 0; c < features; ++c) data.x(r, c) = random.normal();
    const double a = data.x(r, 0), b = features > 1 ? data.x(r, 1) : 0, c = features > 2 ? data.x(r, 2) : 0;
    if (classes == 2) {
      data.y[r] = 1.5 * a - b + 0.5 * c * c + 0.7 * random.normal() > 0.3 ? 1 : 0;
    } else {
      int best = 0;
      double best_score = -1e300;
      for (int k = 0; k < classes; ++k) {
        const double score = std::sin(a + k) * 2 + (k % 2 ? b : -b) + 0.1 * k * c + random.normal();
        if (score > best_score) best_score = score, best = k;
      }
      data.y[r] = best;
    }
    for (Eigen::Index c2 = 1; c2 < features; c2 += 2) {
      if (random.chance(missing_share)) data.x(r, c2) = std::numeric_limits<double>::quiet_NaN();
    }
  }
  return data;
}

inline GbdtParams small_params(int classes = 2) {
  GbdtParams params;
  if (classes > 2) {
    params.objective = GbdtObjective::multiclass_softmax;
    params.num_classes = classes;
  }
  params.num_rounds = 20;
  params.max_depth = 4;
  params.learning_rate = 0.3;
  params.num_threads = 1;
  return params;
}

// Mean log-loss of labels under class probabilities.
inline double log_loss(const Eigen::MatrixXd& probabilities, const Eigen::VectorXi& y) {
  double total = 0;
  for (Eigen::Index r = 0; r < y.size(); ++r) total -= std::log(probabilities(r, y[r]));
  return total / static_cast<double>(y.size());
}

// A JSON array of arrays of numbers (null = missing) as a matrix.
inline Eigen::MatrixXd matrix_from_json(const nlohmann::json& rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.at(0).size()));
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
      const auto& v = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
      m(r, c) = v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
    }
  }
  return m;
}

}  // namespace sonic::ml::testing
