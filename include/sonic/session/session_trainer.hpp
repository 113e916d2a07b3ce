#pragma once
// Training the session model: gradient-boosted trees on the hourly session dataset of a rolling
// window, split by time (the last 20 % of hours held out for testing, the last 20 % of the rest
// for early stopping), and judged on the test hours next to two baselines: the start rate of the
// same hour of the week in the training hours, and "never" (always no).
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/features/session_dataset.hpp"
#include "sonic/ml/gbdt/model.hpp"
#include "sonic/ml/metrics/calibration.hpp"
#include "sonic/session/session_scores.hpp"
#include "sonic/session/session_window.hpp"

namespace sonic::session {

struct SessionTrainingOptions {
  int window_days = kDefaultWindowDays;
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
  SessionScores hour_of_week;                   // baseline
  SessionScores always_no;                      // baseline: probability 0 for every hour
  std::vector<ml::CalibrationBin> calibration;  // the model's, on the test hours, 10 bins
};

struct SessionTraining {
  ml::GbdtModel model;
  ml::GbdtParams params;
  SessionWindow window;
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

// The 80/20 time split of `rows` hours, and the validation slice at the end of the 80 %.
SessionSplit split_by_time(Eigen::Index rows);

// Throws InputError when the history is too short (see choose_session_window) or a part of the
// split holds no hour with a session start, which no model can learn or be judged on.
SessionTraining train_session_model(const records::SessionHistory& history, const TimeZone& zone,
                                    const SessionWindow& window, const SessionTrainingOptions& options);

}  // namespace sonic::session
