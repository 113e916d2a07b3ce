// The session model on real listening histories: each history is imported into a fresh temporary
// home through the same entry point as `sonic import`, the model is trained as by
// `sonic train session`, and its ROC-AUC on the held-out 20 % of hours is printed next to the
// hour-of-week baseline's. No reference tool: the baseline is the bar.
//
//   session_history_bench [--window DAYS] [--half-life DAYS] [--threads T] [--tz ZONE] [--cut-days N] [--compare]
//                         HISTORY...
//
// --cut-days N first forgets the last N days of each history: a backtest whose held-out hours all
// come before the real ones, so a rule (a window, a half-life, a choice on validation) can be
// judged over several origins without looking at the real test hours. "seconds" times the
// training as `sonic train session` runs it, without reading the store or writing the model file.
//
// --compare also trains the model as it was before issue 15 (its first 14 columns, the last 90
// days, no weights) and scores it on the same held-out hours, with every forecaster's expected
// calibration error (10 equal-width bins, weighted by their hours).
//
// HISTORY: an export folder, zip or file. One JSON line per history; a history the model cannot
// be trained on (too short, no session starts) gets a line with its "error".
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/core/version.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/ml/gbdt/trainer.hpp"
#include "sonic/ml/metrics/calibration.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/session/session_trainer.hpp"
#include "sonic/session/session_window.hpp"
#include "sonic/session/hour_of_week_baseline.hpp"
#include "sonic/store/schema.hpp"
#include "sonic/store/session_history_query.hpp"

namespace {

struct Settings {
  sonic::session::SessionTrainingOptions training;
  bool compare = false;
  int cut_days = 0;          // --cut-days: a backtest, see cut_history
  std::string zone = "UTC";  // the exports do not say where their people live
  std::vector<std::filesystem::path> histories;
};

// A history's name: its folder (`basic/jill`) or file, relative to the histories folder.
std::string name_of(const std::filesystem::path& history) {
  return history.parent_path().filename().string() + "/" + history.filename().string();
}

using sonic::session::SessionScores;

// Σ hours/N × |mean predicted − observed| over the calibration table's bins.
double calibration_error(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities) {
  double error = 0;
  for (const auto& bin : sonic::ml::calibration_table(labels, probabilities, 10)) {
    error += static_cast<double>(bin.count) * std::abs(bin.mean_predicted - bin.observed_rate);
  }
  return error / static_cast<double>(labels.size());
}

nlohmann::json scores_json(const SessionScores& scores, double ece) {
  return {{"roc_auc", scores.roc_auc},
          {"pr_auc", scores.pr_auc},
          {"log_loss", scores.log_loss},
          {"brier", scores.brier},
          {"ece", ece}};
}

// The model before issue 15, rebuilt here: the first 14 columns over the hours of the last 90
// days, split 60/20/20 by time, no weights, the same booster settings. Its test hours are the
// last ones of the whole-history window too, which is checked.
nlohmann::json previous_model(const sonic::records::SessionHistory& history, const sonic::TimeZone& zone,
                              const sonic::session::SessionTraining& current, const Settings& settings) {
  using namespace sonic;
  const session::SessionWindow window = session::choose_session_window(history, zone, session::kEvaluationDays);
  const features::SessionDataset data = features::build_session_dataset(history, zone, window.hour_starts_ms);
  const Eigen::MatrixXd x = data.features.leftCols(features::kFirstSessionFeatureCount);
  const session::SessionSplit split = session::split_by_time(x.rows());
  const auto& hours = window.hour_starts_ms;
  const auto& current_hours = current.window.hour_starts_ms;
  if (split.test != current.split.test ||
      hours[hours.size() - static_cast<std::size_t>(split.test)] !=
          current_hours[current_hours.size() - static_cast<std::size_t>(split.test)]) {
    throw std::runtime_error("the previous model's test hours differ from the current model's");
  }
  const std::vector<std::string> all_names = features::session_feature_names();
  const std::vector<std::string> names(all_names.begin(), all_names.begin() + features::kFirstSessionFeatureCount);
  const Eigen::MatrixXd validation_x = x.middleRows(split.fit, split.validation);
  const Eigen::VectorXi validation_y = data.labels.segment(split.fit, split.validation);
  const ml::GbdtValidation validation{validation_x, validation_y};
  const ml::GbdtModel model = ml::train_gbdt(x.topRows(split.fit), data.labels.head(split.fit),
                                             session::session_gbdt_params(settings.training), {names, {}}, &validation);
  const Eigen::VectorXi test_y = data.labels.tail(split.test);
  const Eigen::VectorXd predicted = model.predict_proba(x.bottomRows(split.test)).col(1);
  return scores_json(session::score_forecast(test_y, predicted), calibration_error(test_y, predicted));
}

// The current model's and the baselines' figures on the test hours, with calibration errors
// (the baselines' tables refitted here exactly as the trainer fits them).
nlohmann::json compare_on_test_hours(const sonic::records::SessionHistory& history, const sonic::TimeZone& zone,
                                     const sonic::session::SessionTraining& training, const Settings& settings) {
  using namespace sonic;
  const features::SessionDataset data = features::build_session_dataset(history, zone, training.window.hour_starts_ms);
  const Eigen::Index rows = data.features.rows();
  const Eigen::Index test = training.split.test;
  const Eigen::Index trained = rows - test;
  const Eigen::Index recent = trained - (rows - session::evaluated_hours(training.window));
  const Eigen::VectorXi test_y = data.labels.tail(test);
  const Eigen::MatrixXd test_x = data.features.bottomRows(test);
  const Eigen::VectorXd model = training.model.predict_proba(test_x).col(1);
  const Eigen::VectorXd recent_table =
      session::HourOfWeekBaseline::fit(data.features.middleRows(trained - recent, recent),
                                       data.labels.segment(trained - recent, recent))
          .predict(test_x);
  const Eigen::VectorXd all_table =
      session::HourOfWeekBaseline::fit(data.features.topRows(trained), data.labels.head(trained)).predict(test_x);
  const auto& e = training.evaluation;
  return {{"model", scores_json(e.model, calibration_error(test_y, model))},
          {"previous_model", previous_model(history, zone, training, settings)},
          {"hour_of_week", scores_json(e.hour_of_week, calibration_error(test_y, recent_table))},
          {"hour_of_week_all", scores_json(e.hour_of_week_all, calibration_error(test_y, all_table))},
          {"test_rate", test_y.cast<double>().mean()}};
}

// The history as it was known `cut_days` days before its last session ended: a backtest origin
// whose held-out hours all come before the real ones (sessions still running then are dropped).
sonic::records::SessionHistory cut_history(sonic::records::SessionHistory history, const Settings& settings) {
  if (settings.cut_days <= 0 || history.sessions.empty()) return history;
  std::int64_t last_end = 0;
  for (const auto& session : history.sessions) last_end = std::max(last_end, session.end_ms);
  const std::int64_t cut = last_end - std::int64_t{settings.cut_days} * sonic::kMsPerDay;
  std::erase_if(history.sessions, [cut](const auto& session) { return session.end_ms > cut; });
  std::erase_if(history.listen_starts_ms, [cut](std::int64_t start) { return start >= cut; });
  return history;
}

nlohmann::json bench_history(const std::filesystem::path& history, const Settings& settings) {
  const auto scratch = std::filesystem::temp_directory_path() / "sonic-session-bench";
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  nlohmann::json line = {
      {"task", "session"}, {"tool", std::string("sonic ") + sonic::kVersion}, {"data", name_of(history)}};
  try {
    sonic::bench::Stopwatch import_watch;
    auto db = sonic::store::open_store(scratch / "sonic.db");
    const auto report = sonic::pipeline::import_history(db, {history}, {});
    line["import_seconds"] = import_watch.seconds();
    line["plays"] = report.tally.imported;

    const sonic::TimeZone zone = sonic::TimeZone::named(settings.zone);
    const auto sessions =
        cut_history(sonic::store::read_session_history(db, std::numeric_limits<std::int64_t>::max()), settings);
    sonic::bench::Stopwatch watch;
    const sonic::session::SessionWindow window =
        sonic::session::choose_session_window(sessions, zone, settings.training.window_days);
    const auto training = sonic::session::train_session_model(sessions, zone, window, settings.training);
    line["seconds"] = watch.seconds();
    line["hours"] = training.window.hour_starts_ms.size();
    line["test_hours"] = training.split.test;
    line["test_start_hours"] = training.test_positives;
    line["best_round"] = training.best_round;
    line["auc"] = training.evaluation.model.roc_auc;
    line["baseline_auc"] = training.evaluation.hour_of_week.roc_auc;
    line["pr_auc"] = training.evaluation.model.pr_auc;
    line["baseline_pr_auc"] = training.evaluation.hour_of_week.pr_auc;
    line["logloss"] = training.evaluation.model.log_loss;
    line["baseline_logloss"] = training.evaluation.hour_of_week.log_loss;
    line["brier"] = training.evaluation.model.brier;
    line["baseline_brier"] = training.evaluation.hour_of_week.brier;
    line["half_life_days"] = training.recency_half_life_days;
    line["validation_logloss"] = training.validation_loss.at(static_cast<std::size_t>(training.best_round - 1));
    line["days"] = training.window.days();
    if (settings.compare) {
      line["compare"] = compare_on_test_hours(sessions, zone, training, settings);
    }
  } catch (const sonic::InputError& error) {
    line["error"] = error.what();
  }
  std::filesystem::remove_all(scratch);
  return line;
}

int run(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--window" && i + 1 < argc) {
      settings.training.window_days = std::atoi(argv[++i]);
    } else if (argument == "--half-life" && i + 1 < argc) {
      settings.training.recency_half_life_days = std::atof(argv[++i]);
    } else if (argument == "--cut-days" && i + 1 < argc) {
      settings.cut_days = std::atoi(argv[++i]);
    } else if (argument == "--compare") {
      settings.compare = true;
    } else if (argument == "--threads" && i + 1 < argc) {
      settings.training.threads = std::atoi(argv[++i]);
    } else if (argument == "--tz" && i + 1 < argc) {
      settings.zone = argv[++i];
    } else {
      settings.histories.emplace_back(argument);
    }
  }
  if (settings.histories.empty()) {
    std::fprintf(stderr,
                 "usage: session_history_bench [--window DAYS] [--half-life DAYS] [--threads T] [--tz ZONE] "
                 "[--cut-days N] [--compare] HISTORY...\n");
    return 2;
  }
  sonic::configure_logging("warn");
  for (const auto& history : settings.histories) sonic::bench::emit(bench_history(history, settings));
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return sonic::bench::run_main("session_history_bench", run, argc, argv); }
