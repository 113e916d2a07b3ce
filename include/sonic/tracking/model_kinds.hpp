#pragma once
// What a kind of model is, in static facts: the name (`sonic train <name>`), the MLflow experiment
// its runs go to, the file under <home>/models/, the file's format name and version, the headline
// metrics `sonic runs` and the report show, and the command that makes the file. Each model's row
// sits in its domain header beside the code that writes and reads its file (mood::kMoodNet,
// session::kSessionStart, …); pipeline/model_registry.hpp lists them, with how each is trained
// and loaded (see docs/adding-a-model.md).
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/core/home.hpp"

namespace sonic::tracking {

struct ModelKind {
  std::string_view name;                               // `sonic train <name>`, `sonic predict <name>`
  std::string_view experiment;                         // MLflow experiment of its runs
  std::string_view file;                               // under <home>/models/
  std::string_view format;                             // the model file's "format"
  int version = 1;                                     // the newest "version" this sonic writes and reads
  std::span<const std::string_view> headline_metrics;  // the few that say how good it is, in order
  std::string_view make_command;                       // what writes the file, e.g. "sonic train mood"

  std::filesystem::path path(const Home& home) const { return home.models() / file; }
  // "run `sonic train mood`": what a loader says when the file is missing.
  std::string how_to_make() const { return "run `" + std::string(make_command) + "`"; }
};

// Experiment → the headline metrics of its kind, in the order to show them.
using HeadlineMetrics = std::map<std::string, std::vector<std::string>, std::less<>>;

}  // namespace sonic::tracking
