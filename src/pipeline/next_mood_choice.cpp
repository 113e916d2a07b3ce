#include "sonic/pipeline/next_mood_choice.hpp"

#include "sonic/core/error.hpp"
#include "sonic/features/next_mood_dataset.hpp"
#include "sonic/mood/next_mood.hpp"
#include "sonic/mood/next_mood_gbdt.hpp"
#include "sonic/pipeline/next_mood.hpp"
#include "sonic/store/mood_store.hpp"
#include "sonic/tracking/mlflow_store.hpp"

#include <chrono>
#include <cstdlib>
#include <map>

namespace sonic::pipeline {
namespace {

const tracking::ModelKind& learner_kind(const std::string& learner) {
  return learner == "net" ? mood::kNextMoodNet : mood::kNextMoodGbdt;
}

// Probabilities of a loaded learner for feature rows.
Eigen::MatrixXd learner_probabilities(const std::filesystem::path& path, const std::string& learner, int clusters,
                                      const Eigen::MatrixXf& rows, tracking::ModelFileInfo* info) {
  if (learner == "net") return mood::load_next_mood_net(path, clusters, info).predict_proba(rows).cast<double>();
  return mood::load_next_mood_gbdt(path, clusters, info).predict_proba(rows.cast<double>());
}

// Why a learner's file cannot take part in the choice on `data`, or "" when it can.
std::string stale_reason(const tracking::ModelFileInfo& info, const std::string& clustering_id,
                         const features::NextMoodDataset& data) {
  if (info.metrics.value("cluster_model_id", "") != clustering_id) return "trained on other mood clusters";
  // Model files keep times to the second.
  const auto near = [](const std::optional<std::int64_t>& kept, std::int64_t want) {
    return kept && std::llabs(*kept - want) < 1000;
  };
  if (!near(info.window_from_ms, data.time_ms.front()) || !near(info.window_to_ms, data.time_ms.back())) {
    return "trained on another window of listens";
  }
  return "";
}

// The learner's twin trained on selection_split, predicting the validation slice.
Eigen::MatrixXd validation_probabilities(const features::NextMoodDataset& data, const mood::TimeSplit& split,
                                         const std::string& learner, int clusters,
                                         const ChooseNextMoodOptions& options) {
  const auto inner = mood::selection_split(data.session_start_ms, split);
  const Eigen::MatrixXf rows =
      data.features.middleRows(split.validation_begin, split.test_begin - split.validation_begin);
  if (learner == "net") {
    auto mlp = mood::next_mood_net_defaults();
    mlp.seed = options.seed;
    mlp.threads = options.threads;
    return mood::train_next_mood_net(data, inner, clusters, mlp).model.predict_proba(rows).cast<double>();
  }
  auto params = mood::next_mood_gbdt_defaults(clusters);
  params.seed = options.seed;
  params.num_threads = options.threads;
  return mood::train_next_mood_gbdt(data, inner, clusters, params).predict_proba(rows.cast<double>());
}

void log_candidate(tracking::TrackedRun& run, const mood::CandidateOutcome& outcome) {
  const std::string prefix = "candidate_" + outcome.id + "_";
  run.log_metric(prefix + "validation_log_loss", outcome.validation_log_loss);
  run.log_metric(prefix + "test_accuracy", outcome.test.accuracy);
  run.log_metric(prefix + "test_macro_f1", outcome.test.macro_f1);
  run.log_metric(prefix + "test_log_loss", outcome.test.log_loss);
  if (outcome.test.roc_auc) run.log_metric(prefix + "test_roc_auc", *outcome.test.roc_auc);
}

}  // namespace

ChooseNextMoodResult choose_next_mood(store::Database& db, const Home& home, const TimeZone& zone,
                                      const ChooseNextMoodOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto clustering_id = store::clustering_model_id(db);
  if (!clustering_id) throw InputError("no mood clusters yet: run `sonic cluster` first");
  const int clusters = static_cast<int>(current_cluster_labels(db).size());
  const auto data = next_mood_dataset(db, zone, clusters, options.window_days);
  const auto split = mood::session_aligned_split(data.session_start_ms);

  ChooseNextMoodResult result;
  std::map<std::string, mood::LearnerProbabilities> learners;
  for (const std::string learner : {"net", "gbdt"}) {
    const auto path = learner_kind(learner).path(home);
    try {
      tracking::ModelFileInfo info;
      const Eigen::MatrixXf test_rows = data.features.bottomRows(split.rows - split.test_begin);
      auto test = learner_probabilities(path, learner, clusters, test_rows, &info);
      if (auto reason = stale_reason(info, *clustering_id, data); !reason.empty()) {
        result.learners_left_out.emplace_back(learner, reason);
        continue;
      }
      learners.emplace(learner,
                       mood::LearnerProbabilities{validation_probabilities(data, split, learner, clusters, options),
                                                  std::move(test)});
    } catch (const InputError& error) {
      result.learners_left_out.emplace_back(learner, error.what());
    }
  }
  auto training = mood::choose_next_mood(data, split, learners, clusters);
  result.selection = training.selection;
  result.evaluation = training.evaluation;
  result.plain_argmax = training.plain_argmax;
  result.rule = training.choice.rule;

  auto run = tracking::TrackedRun::start(
      home.runs(), std::string(mood::kNextMoodChoice.experiment),
      {.seed = options.seed, .window_from_ms = data.time_ms.front(), .window_to_ms = data.time_ms.back()});
  result.run_id = run.run_id();
  result.model_path = mood::kNextMoodChoice.path(home);
  run.log_params({{"chosen", result.selection.chosen},
                  {"clusters", std::to_string(clusters)},
                  {"cluster_model", *clustering_id},
                  {"best_by_log_loss", result.selection.best_by_log_loss},
                  {"chosen_by", "validation log-loss, one-standard-error rule"},
                  {"decision_rule",
                   "argmax p_k / prior_k^prior_exponent * e^(stay_bonus if k is current), both by validation macro-F1"},
                  {"window_days", options.window_days > 0 ? std::to_string(options.window_days) : "all"}});
  for (const auto& outcome : result.selection.candidates) log_candidate(run, outcome);
  for (const auto& [id, weight] : result.selection.blend_weights) run.log_metric("blend_weight_" + id, weight);
  for (const auto& [id, weight] : result.selection.stay_transition_weights) {
    run.log_metric("stay_transition_weight_" + id, weight);
  }
  // The shipped figures: the chosen probabilities' labels under the decision rule.
  const auto& chosen = result.evaluation.model;
  run.log_metric("prior_exponent", result.rule.prior_exponent);
  run.log_metric("stay_bonus", result.rule.stay_bonus);
  run.log_metric("test_accuracy_plain_argmax", result.plain_argmax.accuracy);
  run.log_metric("test_macro_f1_plain_argmax", result.plain_argmax.macro_f1);
  run.log_metric("test_accuracy", chosen.accuracy);
  run.log_metric("test_macro_f1", chosen.macro_f1);
  run.log_metric("test_log_loss", chosen.log_loss);
  if (chosen.roc_auc) run.log_metric("test_roc_auc", *chosen.roc_auc);

  tracking::ModelFileInfo info;
  info.model_id = run.run_id();
  info.seed = options.seed;
  info.window_from_ms = data.time_ms.front();
  info.window_to_ms = data.time_ms.back();
  info.metrics = {{"chosen", result.selection.chosen},
                  {"test_accuracy", chosen.accuracy},
                  {"test_macro_f1", chosen.macro_f1},
                  {"test_log_loss", chosen.log_loss},
                  {"prior_exponent", result.rule.prior_exponent},
                  {"stay_bonus", result.rule.stay_bonus},
                  {"cluster_model_id", *clustering_id}};
  mood::save_next_mood_choice(result.model_path, training.choice, info);
  run.log_artifact(result.model_path);
  run.finish();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

nlohmann::json to_json(const ChooseNextMoodResult& result) {
  nlohmann::json candidates = nlohmann::json::array();
  for (const auto& outcome : result.selection.candidates) {
    candidates.push_back({{"id", outcome.id},
                          {"baseline", outcome.baseline},
                          {"validation_log_loss", outcome.validation_log_loss},
                          {"test_accuracy", outcome.test.accuracy},
                          {"test_macro_f1", outcome.test.macro_f1},
                          {"test_log_loss", outcome.test.log_loss},
                          {"test_roc_auc", outcome.test.roc_auc ? nlohmann::json(*outcome.test.roc_auc) : nullptr}});
  }
  nlohmann::json left_out = nlohmann::json::object();
  for (const auto& [learner, reason] : result.learners_left_out) left_out[learner] = reason;
  const auto& shipped = result.evaluation.model;
  return {{"chosen", result.selection.chosen},
          {"best_by_log_loss", result.selection.best_by_log_loss},
          {"prior_exponent", result.rule.prior_exponent},
          {"stay_bonus", result.rule.stay_bonus},
          {"shipped",
           {{"test_accuracy", shipped.accuracy},
            {"test_macro_f1", shipped.macro_f1},
            {"test_log_loss", shipped.log_loss},
            {"test_accuracy_plain_argmax", result.plain_argmax.accuracy},
            {"test_macro_f1_plain_argmax", result.plain_argmax.macro_f1}}},
          {"candidates", candidates},
          {"blend_weights", result.selection.blend_weights},
          {"stay_transition_weights", result.selection.stay_transition_weights},
          {"learners_left_out", left_out},
          {"train_rows", result.evaluation.train_rows},
          {"validation_rows", result.evaluation.validation_rows},
          {"test_rows", result.evaluation.test_rows},
          {"run_id", result.run_id},
          {"model_path", result.model_path.string()},
          {"seconds", result.seconds}};
}

Eigen::RowVectorXd next_mood_learner_row(const Home& home, const std::string& learner, const std::string& clustering_id,
                                         int clusters, std::span<const records::ClusteredListen> session,
                                         const TimeZone& zone) {
  const auto& kind = learner_kind(learner);
  tracking::ModelFileInfo info;
  const Eigen::MatrixXf row = features::next_mood_row(session, clusters, zone);
  const Eigen::MatrixXd probabilities = learner_probabilities(kind.path(home), learner, clusters, row, &info);
  if (info.metrics.value("cluster_model_id", "") != clustering_id) {
    throw InputError(kind.path(home).string() + " was trained on other mood clusters than the current ones: run `" +
                     std::string(kind.make_command) + "` again");
  }
  return probabilities.row(0);
}

std::optional<ChosenNextMood> predict_with_choice(const Home& home, const std::string& clustering_id, int clusters,
                                                  std::span<const records::ClusteredListen> session,
                                                  const TimeZone& zone) {
  const auto path = mood::kNextMoodChoice.path(home);
  if (!std::filesystem::exists(path)) return std::nullopt;
  tracking::ModelFileInfo info;
  const auto choice = mood::load_next_mood_choice(path, clusters, &info);
  if (info.metrics.value("cluster_model_id", "") != clustering_id) return std::nullopt;
  std::map<std::string, Eigen::RowVectorXd> learners;
  for (const auto& learner : choice.learners_needed()) {
    learners[learner] = next_mood_learner_row(home, learner, clustering_id, clusters, session, zone);
  }
  const auto& now = session.back();
  const int segment = features::time_of_day_segment(zone.local(now.start_ms).hour);
  ChosenNextMood answer{choice.chosen, choice.probabilities(learners, now.cluster, segment), 0, choice.rule};
  answer.predicted = choice.decide(answer.probabilities, now.cluster);
  return answer;
}

}  // namespace sonic::pipeline
