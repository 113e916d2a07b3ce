// The session model file: a saved model predicts exactly as the trained one, and every bad file
// is refused with its path and what is wrong.
#include "sonic/session/session_model_file.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "planted_rhythm.hpp"
#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::session {
namespace {

class SessionModelFile : public ::testing::Test {
 protected:
  static const SessionTraining& training() {
    static const SessionTraining trained = [] {
      const TimeZone zone = TimeZone::named("UTC");
      const auto history = testing::planted_rhythm(zone, 120, 9);
      return train_session_model(history, zone, choose_session_window(history, zone, 90), {});
    }();
    return trained;
  }
  std::string load_error(const std::filesystem::path& path) {
    try {
      load_session_model(path);
    } catch (const InputError& error) {
      return error.what();
    }
    return "";
  }
  sonic::testing::TempDir dir_;
  std::filesystem::path path_ = dir_ / "models/session.json";
};

TEST_F(SessionModelFile, RoundTripsTheModelAndTheEnvelope) {
  save_session_model(path_, training(), "run-7", 42);
  const SessionModel loaded = load_session_model(path_);
  EXPECT_EQ(loaded.info.format, "sonic-session-gbdt");
  EXPECT_EQ(loaded.info.model_id, "run-7");
  EXPECT_EQ(loaded.info.feature_names, features::session_feature_names());
  EXPECT_EQ(loaded.info.window_from_ms, training().window.from_ms);
  EXPECT_DOUBLE_EQ(loaded.info.metrics.at("roc_auc").get<double>(), training().evaluation.model.roc_auc);
  EXPECT_DOUBLE_EQ(loaded.info.metrics.at("hour_of_week_roc_auc").get<double>(),
                   training().evaluation.hour_of_week.roc_auc);
  const Eigen::MatrixXd rows = Eigen::MatrixXd::Random(20, features::kSessionFeatureCount) * 50;
  EXPECT_EQ(loaded.gbdt.predict_proba(rows), training().model.predict_proba(rows));
}

TEST_F(SessionModelFile, AMissingModelSaysHowToMakeOne) {
  const std::string message = load_error(path_);
  EXPECT_NE(message.find(path_.string()), std::string::npos) << message;
  EXPECT_NE(message.find("sonic train session"), std::string::npos) << message;
}

TEST_F(SessionModelFile, RefusesOtherFeaturesTruncatedFilesAndOtherFormats) {
  save_session_model(path_, training(), "run-7", 42);
  nlohmann::json document = nlohmann::json::parse(sonic::testing::read_file(path_));
  document["feature_names"][0] = "minute";
  sonic::testing::write_file(path_, document.dump());
  const std::string other_features = load_error(path_);
  EXPECT_NE(other_features.find(path_.string()), std::string::npos) << other_features;
  EXPECT_NE(other_features.find("the model lacks 'hour'"), std::string::npos) << other_features;
  EXPECT_NE(other_features.find("'minute'"), std::string::npos) << other_features;

  // Envelope and booster disagreeing is caught by the booster's own check.
  document["feature_names"][0] = "hour";
  document["model"]["feature_names"][1] = "day";
  sonic::testing::write_file(path_, document.dump());
  EXPECT_NE(load_error(path_).find(path_.string()), std::string::npos);

  sonic::testing::write_file(path_, document.dump().substr(0, 200));
  EXPECT_NE(load_error(path_).find(path_.string()), std::string::npos);

  document["format"] = "sonic-mood-net";
  sonic::testing::write_file(path_, document.dump());
  EXPECT_NE(load_error(path_).find("sonic-session-gbdt"), std::string::npos) << load_error(path_);
}

}  // namespace
}  // namespace sonic::session
