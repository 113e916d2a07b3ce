#include "sonic/pipeline/next_mood.hpp"

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/features/cluster_features.hpp"
#include "sonic/records/audio_features.hpp"
#include "sonic/mood/mood_clusters.hpp"
#include "sonic/pipeline/next_mood_choice.hpp"
#include "sonic/store/mood_store.hpp"
#include "sonic/store/track_lookup.hpp"
#include "sonic/tracking/mlflow_store.hpp"

#include <algorithm>
#include <chrono>
#include <functional>

namespace sonic::pipeline {
namespace {

void log_scores(tracking::TrackedRun& run, const std::string& prefix, const mood::NextMoodScores& scores) {
  run.log_metric(prefix + "accuracy", scores.accuracy);
  run.log_metric(prefix + "macro_f1", scores.macro_f1);
  if (scores.roc_auc) run.log_metric(prefix + "roc_auc", *scores.roc_auc);
}

// The listens of clustered tracks; a track whose cluster was propagated (no features of its own)
// stands at its cluster's centroid, so its feature columns say "a track of this mood" rather
// than zeros.
std::vector<records::ClusteredListen> clustered_listens_at_centroids(store::Database& db) {
  auto listens = store::clustered_listens(db);
  const auto centroids = mood::centroids_from_stored(store::stored_clusters(db));
  for (auto& listen : listens) {
    if (features::cluster_vector(listen.features) || listen.cluster >= centroids.rows()) continue;
    listen.features = features::audio_features_at(centroids.row(listen.cluster));
  }
  return listens;
}

std::string clustering_id_or_fail(store::Database& db) {
  const auto id = store::clustering_model_id(db);
  if (!id) throw InputError("no mood clusters yet: run `sonic cluster` first");
  return *id;
}

}  // namespace

std::vector<std::string> current_cluster_labels(store::Database& db) {
  std::vector<std::string> labels;
  for (const auto& cluster : store::stored_clusters(db)) labels.push_back(cluster.label);
  return labels;
}

namespace {

// What one learner adds to the shared dataset, split and evaluation: its training, its own
// parameters and curves in the run, and how its model is saved.
struct LearnerTraining {
  mood::NextMoodEvaluation evaluation;
  int epochs = 0;
  int best_epoch = 0;
  std::function<void(const std::filesystem::path&, const tracking::ModelFileInfo&)> save;
};

LearnerTraining train_net(const features::NextMoodDataset& data, int clusters, const TrainNextMoodOptions& options,
                          tracking::TrackedRun& run) {
  auto training = mood::train_next_mood_net(data, clusters, options.mlp);
  LearnerTraining result{training.evaluation, static_cast<int>(training.trained.history.size()),
                         training.trained.best_epoch, nullptr};
  run.log_params(
      {{"hidden_layers", std::to_string(options.mlp.hidden_layers.empty() ? 0 : options.mlp.hidden_layers[0])},
       {"epochs", std::to_string(options.mlp.epochs)},
       {"patience", std::to_string(options.mlp.patience)},
       {"learning_rate", std::to_string(options.mlp.adam.learning_rate)}});
  for (const auto& epoch : training.trained.history) {
    run.log_metric("train_loss", epoch.train_loss, epoch.epoch);
    if (epoch.validation_loss) run.log_metric("validation_loss", *epoch.validation_loss, epoch.epoch);
  }
  result.save = [model = std::move(training.trained.model)](const auto& path, const auto& info) {
    mood::save_next_mood_net(path, model, info);
  };
  return result;
}

LearnerTraining train_gbdt(const features::NextMoodDataset& data, int clusters, const TrainNextMoodOptions& options,
                           tracking::TrackedRun& run) {
  auto training = mood::train_next_mood_gbdt(data, clusters, options.gbdt);
  const auto& metadata = training.model.metadata();
  const int rounds = static_cast<int>(training.model.round_count());
  LearnerTraining result{training.evaluation, rounds, metadata.value("best_round", rounds - 1) + 1, nullptr};
  run.log_params({{"max_depth", std::to_string(options.gbdt.max_depth)},
                  {"learning_rate", std::to_string(options.gbdt.learning_rate)},
                  {"num_rounds", std::to_string(options.gbdt.num_rounds)},
                  {"early_stopping_rounds", std::to_string(options.gbdt.early_stopping_rounds)}});
  if (metadata.contains("validation_loss")) {
    std::int64_t round = 0;
    for (const auto& loss : metadata["validation_loss"]) run.log_metric("validation_loss", loss.get<double>(), ++round);
  }
  result.save = [model = std::move(training.model)](const auto& path, const auto& info) {
    mood::save_next_mood_gbdt(path, model, info);
  };
  return result;
}

struct Learner {
  NextMoodLearnerInfo info;
  std::uint64_t (*seed)(const TrainNextMoodOptions&);
  LearnerTraining (*train)(const features::NextMoodDataset&, int, const TrainNextMoodOptions&, tracking::TrackedRun&);
};

// Indexed by NextMoodLearner: two models (two registry kinds) over one dataset.
const Learner kLearners[] = {
    {{mood::kNextMoodNet, "mood net", "epoch"},
     [](const TrainNextMoodOptions& options) { return options.mlp.seed; },
     train_net},
    {{mood::kNextMoodGbdt, "boosted trees", "round"},
     [](const TrainNextMoodOptions& options) { return options.gbdt.seed; },
     train_gbdt},
};

const Learner& learner_of(NextMoodLearner learner) { return kLearners[static_cast<int>(learner)]; }

// The other learner's test figures, if its model was trained on this clustering.
std::optional<nlohmann::json> other_learner_metrics(const Home& home, NextMoodLearner learner,
                                                    const std::string& clustering_id) {
  const auto& other = learner_of(learner == NextMoodLearner::net ? NextMoodLearner::gbdt : NextMoodLearner::net).info;
  try {
    const auto file = tracking::load_model_file(other.kind.path(home), other.kind.format, other.kind.version, "");
    if (file.info.metrics.value("cluster_model_id", "") != clustering_id) return std::nullopt;
    auto metrics = file.info.metrics;
    metrics["learner"] = other.name;
    return metrics;
  } catch (const InputError&) {
    return std::nullopt;  // not trained yet, or unreadable: nothing to compare with
  }
}

}  // namespace

const NextMoodLearnerInfo& learner_info(NextMoodLearner learner) { return learner_of(learner).info; }

features::NextMoodDataset next_mood_dataset(store::Database& db, const TimeZone& zone, int clusters, int window_days) {
  auto listens = clustered_listens_at_centroids(db);
  if (window_days > 0 && !listens.empty()) {
    // Whole sessions only: a session that started before the window is left out entirely.
    const auto from_ms = listens.back().start_ms - std::int64_t{window_days} * kMsPerDay;
    std::erase_if(listens, [&](const records::ClusteredListen& listen) { return listen.session_start_ms < from_ms; });
  }
  return features::build_next_mood_dataset(listens, clusters, zone);
}

TrainNextMoodResult train_next_mood(store::Database& db, const Home& home, const TimeZone& zone,
                                    const TrainNextMoodOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto clustering_id = clustering_id_or_fail(db);
  const Learner& learner = learner_of(options.learner);
  TrainNextMoodResult report;
  report.learner = options.learner;
  report.cluster_labels = current_cluster_labels(db);
  const int clusters = static_cast<int>(report.cluster_labels.size());
  const auto data = next_mood_dataset(db, zone, clusters, options.window_days);
  if (!data.time_ms.empty()) {
    report.data_from_ms = data.time_ms.front();
    report.data_to_ms = data.time_ms.back();
  }
  const std::uint64_t seed = learner.seed(options);
  auto run = tracking::TrackedRun::start(
      home.runs(), std::string(learner.info.kind.experiment),
      {.seed = seed, .window_from_ms = report.data_from_ms, .window_to_ms = report.data_to_ms});
  report.run_id = run.run_id();
  report.model_path = learner.info.kind.path(home);
  run.log_params({{"clusters", std::to_string(clusters)},
                  {"cluster_model", clustering_id},
                  {"split", "time 80/20"},
                  {"window_days", options.window_days > 0 ? std::to_string(options.window_days) : "all"}});

  tracking::ModelFileInfo info;
  info.model_id = run.run_id();
  info.seed = seed;
  info.window_from_ms = report.data_from_ms;
  info.window_to_ms = report.data_to_ms;
  const auto training = learner.train(data, clusters, options, run);
  report.evaluation = training.evaluation;
  report.epochs = training.epochs;
  report.best_epoch = training.best_epoch;
  const auto& evaluation = report.evaluation;
  log_scores(run, "test_", evaluation.model);
  log_scores(run, "baseline_most_frequent_", evaluation.most_frequent);
  log_scores(run, "baseline_same_as_current_", evaluation.same_as_current);
  info.metrics = {
      {"test_accuracy", evaluation.model.accuracy},
      {"test_macro_f1", evaluation.model.macro_f1},
      {"test_roc_auc", evaluation.model.roc_auc ? nlohmann::json(*evaluation.model.roc_auc) : nlohmann::json()},
      {"cluster_model_id", clustering_id}};
  training.save(report.model_path, info);
  run.log_artifact(report.model_path);
  run.finish();
  report.other_learner = other_learner_metrics(home, options.learner, clustering_id);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

NextMoodStoreView read_next_mood_view(store::Database& db) {
  NextMoodStoreView view;
  view.clustering_id = clustering_id_or_fail(db);
  view.labels = current_cluster_labels(db);
  view.centroids = mood::centroids_from_stored(store::stored_clusters(db));
  view.listens = clustered_listens_at_centroids(db);
  return view;
}

std::span<const records::ClusteredListen> latest_session(const NextMoodStoreView& view) {
  const auto& listens = view.listens;
  if (listens.empty()) throw InputError("no listens of clustered tracks in the store: nothing to predict from");
  auto begin = listens.end();
  while (begin != listens.begin() && std::prev(begin)->session_start_ms == listens.back().session_start_ms) --begin;
  return {&*begin, static_cast<std::size_t>(listens.end() - begin)};
}

NextMoodPrediction predict_next_mood(store::Database& db, const Home& home, const TimeZone& zone) {
  const auto view = read_next_mood_view(db);
  return predict_next_mood(db, home, zone, view, latest_session(view));
}

NextMoodPrediction predict_next_mood(store::Database& db, const Home& home, const TimeZone& zone,
                                     const NextMoodStoreView& view, std::span<const records::ClusteredListen> session) {
  const auto& labels = view.labels;
  const int clusters = static_cast<int>(labels.size());
  if (session.empty()) throw UsageError("the session has no listens");
  NextMoodPrediction prediction;
  Eigen::RowVectorXd probabilities;
  int predicted = 0;
  if (auto chosen = predict_with_choice(home, view.clustering_id, clusters, session, zone)) {
    prediction.predictor = chosen->predictor;
    prediction.prior_exponent = chosen->rule.prior_exponent;
    prediction.stay_bonus = chosen->rule.stay_bonus;
    probabilities = chosen->probabilities;
    predicted = chosen->predicted;
  } else {
    probabilities = next_mood_learner_row(home, "net", view.clustering_id, clusters, session, zone);
    probabilities.maxCoeff(&predicted);
  }
  prediction.predicted_label = labels[static_cast<std::size_t>(predicted)];

  prediction.session_start_ms = session.front().session_start_ms;
  prediction.last_listen_ms = session.back().start_ms;
  prediction.current_label = labels[static_cast<std::size_t>(session.back().cluster)];
  if (auto name = store::track_title_and_artist(db, session.back().track_id)) prediction.last_track = *name;
  for (int c = 0; c < clusters; ++c)
    prediction.probabilities.emplace_back(labels[static_cast<std::size_t>(c)], probabilities(c));
  std::stable_sort(prediction.probabilities.begin(), prediction.probabilities.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return prediction;
}

std::vector<records::ClusteredListen> next_mood_session_from_json(const NextMoodStoreView& view,
                                                                  const nlohmann::json& context) {
  const auto& centroids = view.centroids;
  if (!context.is_object() || !context.contains("listens") || !context["listens"].is_array())
    throw UsageError("the session context must be an object with 'listens', an array of listens");
  for (const auto& [key, value] : context.items()) {
    if (key != "listens") throw UsageError("'" + key + "' is not a field of a session context (only 'listens')");
  }
  const auto& given = context["listens"];
  if (given.empty()) throw UsageError("'listens' is empty: a session has at least one listen");
  std::vector<records::ClusteredListen> session;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const std::string where = "listens[" + std::to_string(i) + "]";
    const auto& listen = given[i];
    if (!listen.is_object()) throw UsageError(where + " must be an object");
    records::ClusteredListen out;
    const auto at = listen.contains("at") && listen["at"].is_string()
                        ? parse_iso8601_utc(listen["at"].get<std::string>())
                        : std::nullopt;
    if (!at) throw UsageError(where + ".at must be a UTC time like 2025-03-01T08:00:00Z");
    if (!session.empty() && *at < session.back().start_ms)
      throw UsageError(where + ".at is before the listen above it: list the listens in time order");
    const auto cluster = listen.find("cluster");
    if (cluster == listen.end() || !cluster->is_number_integer() || *cluster < 0 || *cluster >= centroids.rows()) {
      throw UsageError(where + ".cluster must be a whole number from 0 to " + std::to_string(centroids.rows() - 1));
    }
    out.start_ms = *at;
    out.cluster = cluster->get<int>();
    out.features = features::audio_features_at(centroids.row(out.cluster));
    int given_features = 0;
    for (const auto& [key, value] : listen.items()) {
      if (key == "at" || key == "cluster") continue;
      const auto spec = std::find_if(records::kAudioFeatures.begin(), records::kAudioFeatures.end(),
                                     [&](const auto& feature) { return feature.name == key; });
      const bool clustered = std::find(features::kClusterFeatureNames.begin(), features::kClusterFeatureNames.end(),
                                       key) != features::kClusterFeatureNames.end();
      if (spec == records::kAudioFeatures.end() || !clustered)
        throw UsageError(where + "." + key + " is not a field of a listen");
      if (!value.is_number()) throw UsageError(where + "." + key + " must be a number");
      out.features[spec->feature] = value.get<double>();
      ++given_features;
    }
    if (given_features != 0 && given_features != features::kClusterFeatureCount) {
      throw UsageError(where + " gives " + std::to_string(given_features) +
                       " of the six cluster features: give all six or none (its cluster's centroid)");
    }
    session.push_back(out);
  }
  for (auto& listen : session) listen.session_start_ms = session.front().start_ms;
  return session;
}

}  // namespace sonic::pipeline
