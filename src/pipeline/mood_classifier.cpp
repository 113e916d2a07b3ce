#include "sonic/pipeline/mood_classifier.hpp"

#include "sonic/core/error.hpp"
#include "sonic/core/join.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/mood/track_feature_values.hpp"
#include "sonic/sources/spotify_track_id.hpp"
#include "sonic/store/mood_store.hpp"
#include "sonic/store/track_lookup.hpp"
#include "sonic/tracking/mlflow_store.hpp"

#include <algorithm>
#include <chrono>

namespace sonic::pipeline {
namespace {

// Each epoch's training loss is the members' mean (every member trains the same epochs: the
// mood net has no early stopping).
std::vector<double> mean_train_loss(const ml::MlpEnsembleTrainingResult& trained) {
  std::vector<double> loss;
  for (const auto& history : trained.histories) {
    loss.resize(std::max(loss.size(), history.size()), 0.0);
    for (std::size_t e = 0; e < history.size(); ++e)
      loss[e] += history[e].train_loss / static_cast<double>(trained.histories.size());
  }
  return loss;
}

void record_training(tracking::TrackedRun& run, const TrainMoodOptions& options, const TrainMoodResult& report,
                     const std::vector<double>& train_loss) {
  std::vector<std::string> widths;
  for (const auto width : options.mlp.hidden_layers) widths.push_back(std::to_string(width));
  const auto hidden = join(widths, "-");
  run.log_params({{"labels", options.labels.filename().string()},
                  {"label_column", options.columns.label},
                  {"features", join(report.features, ",")},
                  {"hidden_layers", hidden},
                  {"epochs", std::to_string(options.mlp.epochs)},
                  {"batch_size", std::to_string(options.mlp.batch_size)},
                  {"learning_rate", std::to_string(options.mlp.adam.learning_rate)},
                  {"l2", std::to_string(options.mlp.l2)},
                  {"dropout", std::to_string(options.mlp.dropout)},
                  {"ensemble", std::to_string(options.members)},
                  {"folds", std::to_string(options.folds)}});
  for (std::size_t e = 0; e < train_loss.size(); ++e)
    run.log_metric("train_loss", train_loss[e], static_cast<std::int64_t>(e + 1));
  if (report.cv) {
    run.log_metric("cv_accuracy", report.cv->accuracy);
    run.log_metric("cv_accuracy_std", report.cv->accuracy_std);
    run.log_metric("cv_macro_f1", report.cv->pooled.macro_f1);
    for (std::size_t c = 0; c < report.classes.size(); ++c) {
      run.log_metric("cv_f1/" + report.classes[c], report.cv->pooled.classes[c].f1);
    }
  }
  run.log_metric("rows", static_cast<double>(report.rows));
}

MoodProbabilities probabilities_of(const mood::MoodNet& model, const Eigen::RowVectorXf& row, std::string subject) {
  const Eigen::MatrixXf probabilities = model.predict_proba(row);
  MoodProbabilities result;
  result.subject = std::move(subject);
  Eigen::Index best = 0;
  probabilities.row(0).maxCoeff(&best);
  result.mood = model.output_names()[static_cast<std::size_t>(best)];
  for (std::size_t c = 0; c < model.output_names().size(); ++c) {
    result.probabilities[model.output_names()[c]] = probabilities(0, static_cast<Eigen::Index>(c));
  }
  return result;
}

std::optional<Eigen::RowVectorXf> model_row(const mood::MoodNet& model, const store::TrackFeatures& track) {
  Eigen::RowVectorXf row(static_cast<Eigen::Index>(model.feature_names().size()));
  for (std::size_t i = 0; i < model.feature_names().size(); ++i) {
    const auto value = mood::track_feature_value(track, model.feature_names()[i]);
    if (!value) return std::nullopt;
    row(static_cast<Eigen::Index>(i)) = static_cast<float>(*value);
  }
  return row;
}

}  // namespace

TrainMoodResult train_mood(const Home& home, const TrainMoodOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto set = mood::read_labelled_tracks(options.labels, options.columns);
  auto run =
      tracking::TrackedRun::start(home.runs(), std::string(mood::kMoodNet.experiment), {.seed = options.mlp.seed});
  TrainMoodResult report;
  report.rows = set.features.rows();
  report.classes = set.classes;
  report.features = set.feature_names;
  report.run_id = run.run_id();
  report.model_path = mood::kMoodNet.path(home);
  if (options.folds > 0) report.cv = mood::cross_validate_mood_net(set, options.mlp, options.folds, options.members);
  const auto trained = mood::train_mood_net(set, options.mlp, options.members);
  const auto train_loss = mean_train_loss(trained);
  report.members = trained.ensemble.size();
  report.epochs = static_cast<int>(train_loss.size());
  report.final_train_loss = train_loss.empty() ? 0 : train_loss.back();

  tracking::ModelFileInfo info;
  info.model_id = run.run_id();
  info.seed = options.mlp.seed;
  if (report.cv) {
    info.metrics = {
        {"cv_accuracy", report.cv->accuracy}, {"cv_macro_f1", report.cv->pooled.macro_f1}, {"folds", report.cv->folds}};
  }
  info.metrics["rows"] = report.rows;
  info.metrics["labels_file"] = options.labels.filename().string();
  mood::save_mood_net(report.model_path, trained.ensemble, info);
  record_training(run, options, report, train_loss);
  run.log_artifact(report.model_path);
  run.finish();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

PredictMoodResult predict_history_moods(store::Database& db, const Home& home) {
  tracking::ModelFileInfo info;
  const auto model = mood::load_mood_net(mood::kMoodNet.path(home), &info);
  PredictMoodResult report;
  report.model_id = info.model_id;
  const auto tracks = store::history_tracks_with_features(db);
  report.tracks_lacking_features = store::count_history_tracks_without_features(db);
  std::vector<std::int64_t> ids;
  std::vector<Eigen::RowVectorXf> rows;
  for (const auto& track : tracks) {
    if (auto row = model_row(model, track)) {
      ids.push_back(track.track_id);
      rows.push_back(std::move(*row));
    } else {
      ++report.tracks_lacking_features;
    }
  }
  Eigen::MatrixXf features(static_cast<Eigen::Index>(rows.size()),
                           static_cast<Eigen::Index>(model.feature_names().size()));
  for (std::size_t i = 0; i < rows.size(); ++i) features.row(static_cast<Eigen::Index>(i)) = rows[i];
  std::vector<store::TrackMood> moods;
  if (!rows.empty()) {
    const Eigen::MatrixXf probabilities = model.predict_proba(features);
    double confidence_sum = 0;
    for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
      Eigen::Index best = 0;
      const double confidence = probabilities.row(i).maxCoeff(&best);
      const auto& mood = model.output_names()[static_cast<std::size_t>(best)];
      moods.push_back({ids[static_cast<std::size_t>(i)], mood, confidence});
      ++report.tracks_by_mood[mood];
      confidence_sum += confidence;
    }
    report.mean_confidence = confidence_sum / static_cast<double>(probabilities.rows());
  }
  report.tracks_labelled = static_cast<std::int64_t>(moods.size());
  store::Transaction transaction(db);
  store::store_track_moods(db, info.model_id, now_utc_ms(), moods);
  transaction.commit();
  return report;
}

MoodProbabilities predict_track_mood(store::Database& db, const Home& home, const std::string& spotify_id) {
  const auto id = sources::spotify_track_id(spotify_id);
  if (!id) throw UsageError("'" + spotify_id + "' is not a Spotify track ID or spotify:track: URI");
  const auto model = mood::load_mood_net(mood::kMoodNet.path(home));
  const auto track = store::track_by_spotify_id(db, *id);
  if (!track) throw InputError("track " + std::string(*id) + " is not in your history");
  const auto tracks = store::features_of_tracks(db, {track->track_id});
  const auto row = tracks.empty() ? std::nullopt : model_row(model, tracks.front());
  if (!row)
    throw InputError("track " + std::string(*id) + " has no audio features for the mood model (try sonic enrich)");
  return probabilities_of(model, *row, track->name);
}

MoodProbabilities predict_features_mood(const Home& home, const std::map<std::string, double>& features) {
  return predict_features_mood(mood::load_mood_net(mood::kMoodNet.path(home)), features, "--features");
}

MoodProbabilities predict_features_mood(const mood::MoodNet& model, const std::map<std::string, double>& features,
                                        const std::string& what) {
  Eigen::RowVectorXf row(static_cast<Eigen::Index>(model.feature_names().size()));
  for (std::size_t i = 0; i < model.feature_names().size(); ++i) {
    const auto found = features.find(model.feature_names()[i]);
    if (found == features.end()) {
      throw UsageError(what + " lacks '" + model.feature_names()[i] + "'; the model needs " +
                       join(model.feature_names(), ","));
    }
    row(static_cast<Eigen::Index>(i)) = static_cast<float>(found->second);
  }
  for (const auto& [name, value] : features) {
    if (std::find(model.feature_names().begin(), model.feature_names().end(), name) == model.feature_names().end()) {
      throw UsageError(what + " has '" + name + "', which the model does not use; it needs " +
                       join(model.feature_names(), ","));
    }
  }
  return probabilities_of(model, row, "the given features");
}

}  // namespace sonic::pipeline
