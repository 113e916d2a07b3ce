#pragma once
// The session model on disk: the shared model-file envelope (tracking/model_file.hpp) with format
// "sonic-session-gbdt", the session feature names and the test metrics, around the booster's own
// JSON (ml/gbdt/model_json.hpp). Loading checks both lists of feature names against the columns
// this sonic builds, so a model made for other columns is refused rather than misread.
#include <filesystem>

#include "sonic/core/home.hpp"
#include "sonic/ml/gbdt/model.hpp"
#include "sonic/session/session_trainer.hpp"
#include "sonic/tracking/model_file.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::session {

// The session-start model as a kind of model (see tracking/model_kinds.hpp).
inline constexpr std::string_view kSessionStartHeadlines[] = {"roc_auc", "hour_of_week_roc_auc", "pr_auc", "brier"};
inline constexpr tracking::ModelKind kSessionStart{
    "session", "session", "session.json", "sonic-session-gbdt", 1, kSessionStartHeadlines, "sonic train session"};

std::filesystem::path session_model_path(const Home& home);  // <home>/models/session.json

struct SessionModel {
  tracking::ModelFileInfo info;
  ml::GbdtModel gbdt;
};

// The metrics the model file and the run record carry: test scores of the model and both
// baselines, flat ("roc_auc", "hour_of_week_roc_auc", "always_no_brier", …), plus the rounds.
nlohmann::json session_metrics(const SessionTraining& training);

// Written atomically: a crash leaves the previous model or the new one, never half of one.
void save_session_model(const std::filesystem::path& path, const SessionTraining& training, const std::string& model_id,
                        std::uint64_t seed);

// Throws InputError naming the file: missing (saying to run `sonic train session`), not a
// session model, unreadable, or made for other features.
SessionModel load_session_model(const std::filesystem::path& path);

}  // namespace sonic::session
