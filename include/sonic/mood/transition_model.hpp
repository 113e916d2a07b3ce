#pragma once
// The first-order transition model of the next mood: how often cluster `next` followed cluster
// `current` in the training rows, with additive smoothing, optionally per time-of-day segment
// (features::time_of_day_segment). It is both a baseline the learners must beat and a candidate
// the shipped predictor may be (next_mood_selection.hpp).
//
//   P(next | current)          = (n(current, next) + alpha) / (n(current) + alpha * k)
//   P(next | current, segment) = (n(current, segment, next) + m * P(next | current))
//                                / (n(current, segment) + m)
// The per-segment table backs off to the first-order one (a Dirichlet prior of strength m
// around it), so a segment seldom seen after a cluster falls back to the cluster's habits.
#include <Eigen/Core>
#include <nlohmann/json.hpp>

namespace sonic::mood {

struct TransitionOptions {
  double alpha = 1.0;              // additive smoothing of the first-order table
  double segment_strength = 10.0;  // m above; ignored without segments
  bool by_segment = false;
};

class TransitionModel {
 public:
  TransitionModel() = default;
  // Rows [0, rows) of the three vectors; `segment` is read only when options.by_segment.
  // ml::InvalidArgument-like InputError when a cluster or segment is out of range.
  static TransitionModel fit(const Eigen::VectorXi& current, const Eigen::VectorXi& segment,
                             const Eigen::VectorXi& next, Eigen::Index rows, int clusters, int segments,
                             const TransitionOptions& options);

  // One row of class probabilities per (current, segment) pair.
  Eigen::MatrixXd predict_proba(const Eigen::VectorXi& current, const Eigen::VectorXi& segment) const;
  Eigen::RowVectorXd probabilities(int current, int segment) const;

  int clusters() const { return static_cast<int>(first_order_.rows()); }
  bool by_segment() const { return options_.by_segment; }
  const TransitionOptions& options() const { return options_; }

  nlohmann::json to_json() const;
  // InputError on a malformed body (wrong shapes, probabilities outside 0..1).
  static TransitionModel from_json(const nlohmann::json& json, int clusters);

 private:
  TransitionOptions options_;
  Eigen::MatrixXd first_order_;  // k x k, rows sum to 1
  Eigen::MatrixXd by_segment_;   // (segments * k) x k: row segment * k + current; empty without segments
};

}  // namespace sonic::mood
