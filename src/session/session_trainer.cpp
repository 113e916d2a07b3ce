#include "sonic/session/session_trainer.hpp"

#include <algorithm>
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

SessionSplit split_by_time(Eigen::Index rows, Eigen::Index evaluated) {
  if (evaluated < 0 || evaluated > rows) evaluated = rows;
  const auto test = static_cast<Eigen::Index>(std::llround(kTestShare * static_cast<double>(evaluated)));
  const auto validation =
      static_cast<Eigen::Index>(std::llround(kValidationShare * static_cast<double>(evaluated - test)));
  return {.fit = rows - test - validation, .validation = validation, .test = test};
}

Eigen::Index evaluated_hours(const SessionWindow& window) {
  const std::int64_t from = window.evaluation_from_ms;
  const auto& hours = window.hour_starts_ms;
  return static_cast<Eigen::Index>(hours.end() - std::lower_bound(hours.begin(), hours.end(), from));
}

Eigen::VectorXd recency_weights(std::span<const std::int64_t> hour_starts_ms, std::int64_t until_ms,
                                double half_life_days) {
  Eigen::VectorXd weights = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(hour_starts_ms.size()));
  if (half_life_days <= 0 || weights.size() == 0) return weights;
  for (std::size_t i = 0; i < hour_starts_ms.size(); ++i) {
    const double age_days = static_cast<double>(until_ms - hour_starts_ms[i]) / static_cast<double>(kMsPerDay);
    weights[static_cast<Eigen::Index>(i)] = std::exp2(-std::max(0.0, age_days) / half_life_days);
  }
  return weights / weights.mean();
}

SessionTraining train_session_model(const records::SessionHistory& history, const TimeZone& zone,
                                    const SessionWindow& window, const SessionTrainingOptions& options) {
  const features::SessionDataset data = features::build_session_dataset(history, zone, window.hour_starts_ms);
  const Eigen::Index evaluated = evaluated_hours(window);
  const SessionSplit split = split_by_time(data.features.rows(), evaluated);
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
  const std::span<const std::int64_t> fit_hours(window.hour_starts_ms.data(), static_cast<std::size_t>(split.fit));
  const std::int64_t validation_from = window.hour_starts_ms[static_cast<std::size_t>(split.fit)];
  const Eigen::VectorXd weights = recency_weights(fit_hours, validation_from, options.recency_half_life_days);
  ml::GbdtModel model =
      ml::train_gbdt(fit_x, fit_y, params, {features::session_feature_names(), {}}, &validation, &weights);
  model.metadata()["session"] = {{"window_days", options.window_days},
                                 {"recency_half_life_days", options.recency_half_life_days},
                                 {"time_zone", zone.name()}};

  const Eigen::VectorXd predicted = model.predict_proba(test_x).col(1);
  // The baseline as it was before the whole history was used: the training hours of the
  // evaluated days only; and the same table over every training hour.
  const Eigen::Index recent = trained - (data.features.rows() - evaluated);
  const HourOfWeekBaseline baseline = HourOfWeekBaseline::fit(data.features.middleRows(trained - recent, recent),
                                                              data.labels.segment(trained - recent, recent));
  const HourOfWeekBaseline baseline_all =
      HourOfWeekBaseline::fit(data.features.topRows(trained), data.labels.head(trained));
  SessionEvaluation evaluation{.model = score_forecast(test_y, predicted),
                               .hour_of_week = score_forecast(test_y, baseline.predict(test_x)),
                               .hour_of_week_all = score_forecast(test_y, baseline_all.predict(test_x)),
                               .always_no = score_forecast(test_y, Eigen::VectorXd::Zero(split.test)),
                               .calibration = ml::calibration_table(test_y, predicted, 10)};

  auto losses = model.metadata().at("validation_loss").get<std::vector<double>>();
  const int best_round = model.metadata().at("best_round").get<int>() + 1;
  return {.model = std::move(model),
          .params = params,
          .window = window,
          .recency_half_life_days = std::max(0.0, options.recency_half_life_days),
          .split = split,
          .fit_positives = fit_y.sum(),
          .validation_positives = validation_y.sum(),
          .test_positives = test_y.sum(),
          .validation_loss = std::move(losses),
          .best_round = best_round,
          .evaluation = std::move(evaluation)};
}

}  // namespace sonic::session
