#include "pipeline/model_predictors.hpp"

#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/features/cluster_features.hpp"
#include "sonic/mood/mood_clusters.hpp"
#include "sonic/mood/mood_net.hpp"
#include "sonic/mood/next_mood.hpp"
#include "sonic/pipeline/mood_classifier_format.hpp"
#include "sonic/pipeline/next_mood.hpp"
#include "sonic/pipeline/next_mood_format.hpp"
#include "sonic/pipeline/playlist.hpp"
#include "sonic/pipeline/predict_session.hpp"
#include "sonic/pipeline/recommend_tracks.hpp"
#include "sonic/report/session_forecast_report.hpp"
#include "sonic/session/session_model_file.hpp"
#include "sonic/store/session_history_query.hpp"
#include "sonic/taste/listening_data.hpp"

namespace sonic::pipeline {
namespace {

const nlohmann::json& object_row(const nlohmann::json& row) {
  if (!row.is_object())
    throw UsageError("a row must be an object of column → value, not " + std::string(row.type_name()));
  return row;
}

double number_in(const nlohmann::json& row, const std::string& column) {
  const auto found = row.find(column);
  if (found == row.end()) throw UsageError("lacks '" + column + "'");
  if (!found->is_number()) throw UsageError("'" + column + "' must be a number");
  return found->get<double>();
}

// Refuses columns the model does not know, naming the first.
void only_columns(const nlohmann::json& row, const std::vector<ModelInput>& inputs) {
  for (const auto& [column, value] : row.items()) {
    bool known = false;
    for (const auto& input : inputs) known = known || input.name == column;
    if (!known) throw UsageError("'" + column + "' is not an input of this model");
  }
}

std::vector<ModelInput> numbers(const std::vector<std::string>& names) {
  std::vector<ModelInput> inputs;
  for (const auto& name : names) inputs.push_back({name, "FP64", true});
  return inputs;
}

class MoodPredictor final : public RowPredictor {
 public:
  explicit MoodPredictor(const Home& home) : model_(mood::load_mood_net(mood::kMoodNet.path(home), &info_)) {}
  std::string model_id() const override { return info_.model_id; }
  std::vector<ModelInput> inputs() const override { return numbers(model_.feature_names()); }
  std::vector<std::string> outputs() const override { return {"subject", "mood", "probabilities"}; }
  bool reads_store() const override { return false; }
  nlohmann::json predict(const ModelContext&, const nlohmann::json& row) const override {
    std::map<std::string, double> features;
    for (const auto& [column, value] : object_row(row).items()) {
      if (!value.is_number()) throw UsageError("'" + column + "' must be a number");
      features[column] = value.get<double>();
    }
    return to_json(predict_features_mood(model_, features, "the row"));
  }

 private:
  tracking::ModelFileInfo info_;
  mood::MoodNet model_;
};

class MoodClustersPredictor final : public RowPredictor {
 public:
  explicit MoodClustersPredictor(const Home& home)
      : model_(mood::load_mood_cluster_model(mood::kMoodClusters.path(home))) {}
  std::string model_id() const override { return model_.model_id; }
  std::vector<ModelInput> inputs() const override {
    return numbers({features::kClusterFeatureNames.begin(), features::kClusterFeatureNames.end()});
  }
  std::vector<std::string> outputs() const override { return {"cluster", "label", "distance"}; }
  bool reads_store() const override { return false; }
  nlohmann::json predict(const ModelContext&, const nlohmann::json& row) const override {
    only_columns(object_row(row), inputs());
    store::TrackFeatures track;
    for (const auto& spec : records::kAudioFeatures) {
      for (const auto name : features::kClusterFeatureNames) {
        if (spec.name == name) track.features[spec.feature] = number_in(row, std::string(name));
      }
    }
    const auto assigned = mood::assign_to_clusters(model_.centroids, {track});
    if (assigned.empty()) throw UsageError("the row lacks a cluster feature");
    const int cluster = assigned.front().cluster;
    return {{"cluster", cluster},
            {"label", model_.labels[static_cast<std::size_t>(cluster)]},
            {"distance", assigned.front().distance}};
  }

 private:
  mood::MoodClusterModel model_;
};

// The next mood depends on the store's clustering (and, unless the row gives a session, its
// latest session); the learner files are read per answer, as `sonic predict next-mood` does.
// What it reads from the store is kept under the store's version. While `sonic retrain` has
// clustered again but not yet written this model's successor, the last view of the clustering
// this model was trained on keeps answering (the old model with its own clusters: the atomic
// swap, where the store alone would say "trained on other mood clusters").
class NextMoodPredictor final : public RowPredictor {
 public:
  explicit NextMoodPredictor(const Home& home) : home_(home) {
    const auto info = tracking::load_model_file(mood::kNextMoodNet.path(home), mood::kNextMoodNet.format,
                                                mood::kNextMoodNet.version, mood::kNextMoodNet.how_to_make())
                          .info;
    model_id_ = info.model_id;
    trained_on_ = info.metrics.value("cluster_model_id", "");
  }
  std::string model_id() const override { return model_id_; }
  // Optional: without it, the latest stored session (as `sonic predict next-mood`); with it,
  // the caller's session (as `sonic predict next-mood --session FILE` with {"listens": …}).
  std::vector<ModelInput> inputs() const override { return {{"listens", "BYTES", false}}; }
  std::vector<std::string> outputs() const override {
    return {"predictor",       "session_start", "session_start_local", "last_listen", "last_track",
            "current_cluster", "predicted",     "prior_exponent",      "stay_bonus",  "next"};
  }
  bool reads_store() const override { return true; }
  nlohmann::json predict(const ModelContext& context, const nlohmann::json& row) const override {
    only_columns(object_row(row), inputs());
    const auto store = view(context);
    if (row.empty()) {
      return to_json(predict_next_mood(context.db, home_, context.zone, *store, latest_session(*store)), context.zone);
    }
    // Open Inference Protocol tensors carry text (BYTES), so there the listens come as JSON text.
    nlohmann::json given = row;
    if (const auto listens = row.find("listens"); listens != row.end() && listens->is_string()) {
      given["listens"] = nlohmann::json::parse(listens->get<std::string>(), nullptr, false);
      if (given["listens"].is_discarded()) throw UsageError("'listens' given as text must be a JSON array of listens");
    }
    const auto session = next_mood_session_from_json(*store, given);
    return to_json(predict_next_mood(context.db, home_, context.zone, *store, session), context.zone);
  }

 private:
  std::shared_ptr<const NextMoodStoreView> view(const ModelContext& context) const {
    if (!context.store_version) return std::make_shared<const NextMoodStoreView>(read_next_mood_view(context.db));
    std::lock_guard lock(view_mutex_);
    if (view_ && view_version_ == *context.store_version) return view_;
    auto fresh = std::make_shared<const NextMoodStoreView>(read_next_mood_view(context.db));
    const bool keep_old = fresh->clustering_id != trained_on_ && view_ && view_->clustering_id == trained_on_;
    if (!keep_old) view_ = std::move(fresh);
    view_version_ = *context.store_version;
    return view_;
  }

  Home home_;
  std::string model_id_;
  std::string trained_on_;  // the clustering's model_id
  mutable std::mutex view_mutex_;
  mutable std::shared_ptr<const NextMoodStoreView> view_;
  mutable std::int64_t view_version_ = 0;
};

// What a predictor derives from the store, kept under the store's version and a key of the row's
// (e.g. a cut-off), so a request costs the answer alone until a writer commits. Without a
// version (a CLI run) nothing is kept.
template <typename Value, typename Key = int>
class StoreVersionCache {
 public:
  template <typename Read>
  std::shared_ptr<const Value> get(const ModelContext& context, const Key& key, Read read) const {
    if (!context.store_version) return std::make_shared<const Value>(read());
    std::lock_guard lock(mutex_);
    if (!value_ || version_ != *context.store_version || key_ != key) {
      value_ = std::make_shared<const Value>(read());
      version_ = *context.store_version;
      key_ = key;
    }
    return value_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const Value> value_;
  mutable std::int64_t version_ = 0;
  mutable Key key_{};
};

// Keeps the store's whole session history under the store's version (a request then costs the
// forecast alone, not a read of the history); the model's own id keys it too, as a new model
// file is a new predictor.
class SessionPredictor final : public RowPredictor {
 public:
  explicit SessionPredictor(const Home& home)
      : path_(session::session_model_path(home)), model_(session::load_session_model(path_)) {}
  std::string model_id() const override { return model_.info.model_id; }
  std::vector<ModelInput> inputs() const override { return {{"at", "BYTES", false}, {"hours", "INT64", false}}; }
  std::vector<std::string> outputs() const override { return {"model_id", "time_zone", "from", "hours", "likeliest"}; }
  bool reads_store() const override { return true; }
  nlohmann::json predict(const ModelContext& context, const nlohmann::json& row) const override {
    only_columns(object_row(row), inputs());
    PredictSessionOptions options;
    if (const auto at = row.find("at"); at != row.end()) {
      options.at_ms = at->is_string() ? parse_iso8601_utc(at->get<std::string>()) : std::nullopt;
      if (!options.at_ms) throw UsageError("'at' must be a UTC time like 2025-03-01T08:00:00Z");
    }
    if (const auto hours = row.find("hours"); hours != row.end()) {
      if (!hours->is_number_integer() || *hours < 1 || *hours > 24 * 14) {
        throw UsageError("'hours' must be a whole number from 1 to 336");
      }
      options.forecast.hours = hours->get<int>();
    }
    const auto prediction = context.store_version
                                ? predict_session(*history(context), model_, path_, context.zone, options)
                                : predict_session(context.db, model_, path_, context.zone, options);
    return report::to_json(
        report::SessionForecastResult{prediction.hours, prediction.model_id, prediction.time_zone, prediction.from_ms});
  }

 private:
  std::shared_ptr<const records::SessionHistory> history(const ModelContext& context) const {
    return history_.get(
        context, 0, [&] { return store::read_session_history(context.db, std::numeric_limits<std::int64_t>::max()); });
  }

  std::filesystem::path path_;
  session::SessionModel model_;
  StoreVersionCache<records::SessionHistory> history_;
};

std::optional<std::string> text_in(const nlohmann::json& row, const std::string& column) {
  const auto found = row.find(column);
  if (found == row.end()) return std::nullopt;
  if (!found->is_string()) throw UsageError("'" + column + "' must be text");
  return found->get<std::string>();
}

template <typename Number>
std::optional<Number> whole_in(const nlohmann::json& row, const std::string& column, long long min, long long max) {
  const auto found = row.find(column);
  if (found == row.end()) return std::nullopt;
  if (!found->is_number_integer() || *found < min || *found > max) {
    throw UsageError("'" + column + "' must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max));
  }
  return found->get<Number>();
}

// Derived from the store at each answer: the kind's format and version say which algorithm.
std::string derived_model_id(const tracking::ModelKind& kind) {
  return std::string(kind.format) + "/" + std::to_string(kind.version);
}

class RecommendPredictor final : public RowPredictor {
 public:
  explicit RecommendPredictor(const Home& home) : home_(home) {}
  std::string model_id() const override { return derived_model_id(kRecommendations); }
  std::vector<ModelInput> inputs() const override {
    return {{"pool", "BYTES", false},
            {"mood", "BYTES", false},
            {"size", "INT64", false},
            {"max_per_artist", "INT64", false},
            {"rediscover_days", "INT64", false}};
  }
  std::vector<std::string> outputs() const override {
    return {"as_of_ms", "candidates", "playlist_file", "pools", "recommendations", "skipped", "weights"};
  }
  bool reads_store() const override { return true; }
  nlohmann::json predict(const ModelContext& context, const nlohmann::json& row) const override {
    only_columns(object_row(row), inputs());
    // The defaults and checks of `sonic recommend`'s options.
    RecommendRequest request;
    const auto pool = text_in(row, "pool").value_or("all");
    if (pool != "rediscover" && pool != "library" && pool != "discover" && pool != "all") {
      throw UsageError("'pool' must be rediscover, library, discover or all");
    }
    request.options.pools = taste::parse_pools(pool);
    request.options.mood = text_in(row, "mood");
    if (request.options.mood && request.options.mood->empty()) request.options.mood.reset();
    // An absent column keeps the options' own defaults, which are the command's.
    auto& options = request.options;
    options.size = whole_in<std::size_t>(row, "size", 1, 1000).value_or(options.size);
    options.max_per_artist = whole_in<int>(row, "max_per_artist", 0, 1000).value_or(options.max_per_artist);
    options.pool.rediscover_after_days =
        whole_in<int>(row, "rediscover_days", 1, 36500).value_or(options.pool.rediscover_after_days);
    request.discover.offline = true;  // sonic serve asks no service: cached answers only
    request.discover.now_ms = now_utc_ms();
    const auto data = listening_.get(context, 0, [&] { return taste::load_listening_data(context.db); });
    auto answer = taste::to_json(recommend_tracks(context.db, home_, context.zone, request, *data).recommendations);
    answer["playlist_file"] = nullptr;
    return answer;
  }

 private:
  Home home_;
  StoreVersionCache<taste::ListeningData> listening_;
};

class PlaylistPredictor final : public RowPredictor {
 public:
  explicit PlaylistPredictor(const Home&) {}
  std::string model_id() const override { return derived_model_id(kPlaylists); }
  std::vector<ModelInput> inputs() const override {
    return {{"prompt", "BYTES", false}, {"for", "BYTES", false}, {"before", "BYTES", false}};
  }
  std::vector<std::string> outputs() const override {
    return {"constraints", "duration_ms",   "fitting_tracks", "habits_window", "library_tracks", "model", "notes",
            "parse",       "playlist_file", "ran_dry",        "spotify",       "title",          "tracks"};
  }
  bool reads_store() const override { return true; }
  nlohmann::json predict(const ModelContext& context, const nlohmann::json& row) const override {
    only_columns(object_row(row), inputs());
    const PlaylistRequest request{.prompt = text_in(row, "prompt"),
                                  .for_segment = text_in(row, "for"),
                                  .before_date = text_in(row, "before"),
                                  .out = std::nullopt,
                                  .model = std::nullopt};  // the service asks no online model, as it asks no service
    if (!request.prompt && !request.for_segment) throw UsageError("a row needs 'prompt' or 'for' (e.g. \"night\")");
    explain_playlist(request);  // a bad prompt, `for` or `before` is refused as the command does
    const auto before_ms = playlist_before_ms(context.zone, request);
    const auto library = library_.get(context, before_ms, [&] { return read_playlist_library(context.db, before_ms); });
    return to_json(make_playlist(context.db, context.zone, request, *library));
  }

 private:
  StoreVersionCache<PlaylistLibrary, std::int64_t> library_;
};

}  // namespace

std::unique_ptr<RowPredictor> load_mood_predictor(const Home& home) { return std::make_unique<MoodPredictor>(home); }
std::unique_ptr<RowPredictor> load_mood_clusters_predictor(const Home& home) {
  return std::make_unique<MoodClustersPredictor>(home);
}
std::unique_ptr<RowPredictor> load_next_mood_predictor(const Home& home) {
  return std::make_unique<NextMoodPredictor>(home);
}
std::unique_ptr<RowPredictor> load_session_predictor(const Home& home) {
  return std::make_unique<SessionPredictor>(home);
}

std::unique_ptr<RowPredictor> load_recommend_predictor(const Home& home) {
  return std::make_unique<RecommendPredictor>(home);
}
std::unique_ptr<RowPredictor> load_playlist_predictor(const Home& home) {
  return std::make_unique<PlaylistPredictor>(home);
}

}  // namespace sonic::pipeline
