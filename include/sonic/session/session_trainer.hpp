#pragma once
// Training the session model: gradient-boosted trees on the hourly session dataset of the whole
// history (or a window), split by time: of the last kEvaluationDays days, the last 20 % of hours
// are held out for testing and the last 20 % of the rest stop the trees early; every hour before
// those trains them, weighted by recency (a half-life in days). Judged on the test hours next to
// baselines: the start rate of the same hour of the week in the training hours of the last
// kEvaluationDays days (as before issue 15) and in all training hours, and "never" (always no).
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/features/session_dataset.hpp"
#include "sonic/ml/gbdt/model.hpp"
#include "sonic/ml/metrics/calibration.hpp"
#include "sonic/session/session_scores.hpp"
#include "sonic/session/session_window.hpp"

namespace sonic::session {

// A training hour `age` days before the validation part weighs 0.5^(age / half-life); 0 turns
// weighting off. Of none, 365 and 1095 days, 365 had the lowest validation log-loss summed over
// the five shared histories of a year or more (session_history_bench --half-life).
inline constexpr double kDefaultRecencyHalfLifeDays = 365;

struct SessionTrainingOptions {
  int window_days = kDefaultWindowDays;
  double recency_half_life_days = kDefaultRecencyHalfLifeDays;
  int threads = 0;  // 0: every core; never changes the model
  std::uint64_t seed = 42;
};

// Rows [0, fit) train the trees, [fit, fit + validation) stop them early, the rest test them.
struct SessionSplit {
  Eigen::Index fit = 0;
  Eigen::Index validation = 0;
  Eigen::Index test = 0;
};

struct SessionEvaluation {
  SessionScores model;
  SessionScores hour_of_week;                   // baseline, on the training hours of the last kEvaluationDays days
  SessionScores hour_of_week_all;               // baseline, on every training hour
  SessionScores always_no;                      // baseline: probability 0 for every hour
  std::vector<ml::CalibrationBin> calibration;  // the model's, on the test hours, 10 bins
};

struct SessionTraining {
  ml::GbdtModel model;
  ml::GbdtParams params;
  SessionWindow window;
  double recency_half_life_days = 0;  // 0: every training hour weighed the same
  SessionSplit split;
  Eigen::Index fit_positives = 0;  // hours in which a session started, per part
  Eigen::Index validation_positives = 0;
  Eigen::Index test_positives = 0;
  std::vector<double> validation_loss;  // after each round
  int best_round = 0;                   // 1-based count of rounds kept
  SessionEvaluation evaluation;
};

// The booster settings the session model uses (seed and threads from the options).
ml::GbdtParams session_gbdt_params(const SessionTrainingOptions& options);

// The 80/20 time split of the last `evaluated` of `rows` hours (all of them by default), and the
// validation slice at the end of that 80 %; every earlier row is a training row.
SessionSplit split_by_time(Eigen::Index rows, Eigen::Index evaluated = -1);

// How many of the window's hours fall in its last kEvaluationDays days.
Eigen::Index evaluated_hours(const SessionWindow& window);

// One weight per training row: 0.5^(age / half-life), age in days before `until_ms`, scaled to a
// mean of 1 (so min_child_weight keeps counting rows). A half-life ≤ 0 gives every row 1.
Eigen::VectorXd recency_weights(std::span<const std::int64_t> hour_starts_ms, std::int64_t until_ms,
                                double half_life_days);

// Throws InputError when the history is too short (see choose_session_window) or a part of the
// split holds no hour with a session start, which no model can learn or be judged on.
SessionTraining train_session_model(const records::SessionHistory& history, const TimeZone& zone,
                                    const SessionWindow& window, const SessionTrainingOptions& options);

}  // namespace sonic::session
