#pragma once
// `sonic train session`: the store's history → the session model, saved to the home's models/
// and recorded as a run of the "session" experiment in its mlruns/ (parameters, the validation
// loss of every round, the test metrics of the model and its baselines, the model file).
// The previous model stays in place unless the new one was trained and written whole.
#include <filesystem>
#include <string>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/session/session_trainer.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct TrainSessionResult {
  session::SessionTraining training;
  std::string run_id;
  std::filesystem::path model_path;
  std::string time_zone;
};

// Throws InputError when the history is too short or lacks session starts (see
// session/session_trainer.hpp); the run is then recorded as FAILED.
TrainSessionResult train_session(store::Database& db, const Home& home, const TimeZone& zone,
                                 const session::SessionTrainingOptions& options);

}  // namespace sonic::pipeline
