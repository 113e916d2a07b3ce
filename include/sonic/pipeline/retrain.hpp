#pragma once
// `sonic retrain`, the nightly pipeline: re-cluster, retrain the mood models and the session
// model, compute drift and the narrative (summarize), write the dashboard JSON and the HTML report — each step timed,
// its figures kept, and its failure recorded without stopping the steps that do not need it. Every model is written
// only by its own step, at its end, atomically: a failed step leaves the previous model in place.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "sonic/pipeline/retrain_steps.hpp"
#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/session/session_window.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct RetrainOptions {
  std::optional<std::filesystem::path> mood_labels;  // the labelled CSV for the mood net
  bool impute_artist = false;
  double min_confidence = 0;  // of a propagated mood cluster (pipeline/mood_propagation.hpp)
  std::uint64_t seed = 42;
  int threads = 0;
  int session_window_days = session::kDefaultWindowDays;
  bool offline_narrator = false;                    // else OPENAI_* decides, as for sonic summarize
  std::optional<std::filesystem::path> report_dir;  // default: home.reports()
};

RetrainResult retrain(store::Database& db, const Home& home, const TimeZone& zone, const RetrainOptions& options);

}  // namespace sonic::pipeline
