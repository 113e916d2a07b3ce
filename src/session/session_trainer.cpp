#include "sonic/session/session_trainer.hpp"

#include <cmath>
#include <string>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/ml/gbdt/trainer.hpp"
#include "sonic/session/hour_of_week_baseline.hpp"

namespace sonic::session {
namespace {

constexpr double kTestShare = 0.2;
constexpr double kValidationShare = 0.2;  // of the hours before the test part

void require_positives(Eigen::Index positives, Eigen::Index rows, const char* part, const SessionWindow& window) {
  if (rows > 0 && positives > 0) return;
  throw InputError(std::string("no session started in the ") + part + " hours of the window " +
                   format_iso8601_utc(window.from_ms) + " to " + format_iso8601_utc(window.to_ms) + " (" +
                   std::to_string(rows) +
                   " hours): the session model needs listening spread "
                   "over the window; try a longer --window");
}

}  // namespace

ml::GbdtParams session_gbdt_params(const SessionTrainingOptions& options) {
  ml::GbdtParams params;
  // A few thousand rows with a weak, noisy signal: stumps of depth 2 (one interaction, such as
  // hour × weekend), leaves of at least ~10 rows' hessian, slow learning, and early stopping
  // decides the size. Chosen on bench/session_history_bench over the real histories, where
  // depth 3–4 or smaller leaves overfit the 90-day window.
  params.num_rounds = 400;
  params.learning_rate = 0.05;
  params.max_depth = 2;
  params.min_child_weight = 10.0;
  params.lambda = 1.0;
  params.subsample = 0.8;
  params.colsample_bytree = 0.8;
  params.early_stopping_rounds = 40;
  params.seed = options.seed;
  params.num_threads = options.threads;
  return params;
}

SessionSplit split_by_time(Eigen::Index rows) {
  const auto test = static_cast<Eigen::Index>(std::llround(kTestShare * static_cast<double>(rows)));
  const auto validation = static_cast<Eigen::Index>(std::llround(kValidationShare * static_cast<double>(rows - test)));
  return {.fit = rows - test - validation, .validation = validation, .test = test};
}

SessionTraining train_session_model(const records::SessionHistory& history, const TimeZone& zone,
                                    const SessionWindow& window, const SessionTrainingOptions& options) {
  const features::SessionDataset data = features::build_session_dataset(history, zone, window.hour_starts_ms);
  const SessionSplit split = split_by_time(data.features.rows());
  const Eigen::Index trained = split.fit + split.validation;  // rows before the test part
  const Eigen::MatrixXd fit_x = data.features.topRows(split.fit);
  const Eigen::VectorXi fit_y = data.labels.head(split.fit);
  const Eigen::MatrixXd validation_x = data.features.middleRows(split.fit, split.validation);
  const Eigen::VectorXi validation_y = data.labels.segment(split.fit, split.validation);
  const Eigen::MatrixXd test_x = data.features.bottomRows(split.test);
  const Eigen::VectorXi test_y = data.labels.tail(split.test);
  require_positives(fit_y.sum(), split.fit, "training", window);
  require_positives(validation_y.sum(), split.validation, "validation", window);
  require_positives(test_y.sum(), split.test, "held-out test", window);
  if (test_y.sum() == split.test) {
    throw InputError("a session started in every held-out hour: there is nothing to tell apart");
  }

  const ml::GbdtParams params = session_gbdt_params(options);
  const ml::GbdtValidation validation{validation_x, validation_y};
  ml::GbdtModel model = ml::train_gbdt(fit_x, fit_y, params, {features::session_feature_names(), {}}, &validation);
  model.metadata()["session"] = {{"window_days", options.window_days}, {"time_zone", zone.name()}};

  const Eigen::VectorXd predicted = model.predict_proba(test_x).col(1);
  const HourOfWeekBaseline baseline =
      HourOfWeekBaseline::fit(data.features.topRows(trained), data.labels.head(trained));
  SessionEvaluation evaluation{.model = score_forecast(test_y, predicted),
                               .hour_of_week = score_forecast(test_y, baseline.predict(test_x)),
                               .always_no = score_forecast(test_y, Eigen::VectorXd::Zero(split.test)),
                               .calibration = ml::calibration_table(test_y, predicted, 10)};

  auto losses = model.metadata().at("validation_loss").get<std::vector<double>>();
  const int best_round = model.metadata().at("best_round").get<int>() + 1;
  return {.model = std::move(model),
          .params = params,
          .window = window,
          .split = split,
          .fit_positives = fit_y.sum(),
          .validation_positives = validation_y.sum(),
          .test_positives = test_y.sum(),
          .validation_loss = std::move(losses),
          .best_round = best_round,
          .evaluation = std::move(evaluation)};
}

}  // namespace sonic::session
