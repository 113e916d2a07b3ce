#pragma once
// The model registry: one entry per kind of model (its static facts — name, experiment, file,
// format, headline metrics — are the kind's row in its domain header, e.g. mood::kMoodNet),
// saying how `sonic retrain` trains it and what it is asked for. `sonic retrain` runs every
// entry's steps in order; `sonic runs`, the report and `sonic serve` read the kinds from here.
// A new model adds its entry in model_registry.cpp (see docs/adding-a-model.md).
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/pipeline/retrain.hpp"
#include "sonic/store/database.hpp"
#include "sonic/tracking/model_file.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::pipeline {

// What every entry point is given: the open store, the home, the time zone.
struct ModelContext {
  store::Database& db;
  const Home& home;
  const TimeZone& zone;
  // Changes whenever the store's content may have (sonic serve: the connection's
  // `PRAGMA data_version`): a predictor may keep what it derives from the store under it.
  // Unset: nothing may be kept (read the store every time).
  std::optional<std::int64_t> store_version = std::nullopt;
};

// One step a model adds to `sonic retrain`: its name in the report, the earlier steps it needs,
// why it does not run this time (nullptr, or an empty answer: it runs) and its body, which
// trains (or applies) the model with retrain's settings and returns the step's figures.
struct ModelStep {
  std::string_view name;
  std::vector<std::string> needs;
  std::string (*skip_reason)(const ModelContext&, const RetrainOptions&) = nullptr;
  nlohmann::json (*run)(const ModelContext&, const RetrainOptions&) = nullptr;
};

// One column of a model's input rows, in the Open Inference Protocol's words: "FP64", "INT64",
// "BYTES" (text). An optional one may be left out of a row.
struct ModelInput {
  std::string name;
  std::string datatype;
  bool required = true;
};

// A model file loaded once and asked many times: what `sonic serve` keeps between requests and
// swaps when the file changes. predict answers one row (a JSON object, column → value) with
// exactly what `sonic predict <name> --json` prints for the same input; a bad row is a
// UsageError whose message names the column.
class RowPredictor {
 public:
  virtual ~RowPredictor() = default;
  virtual std::string model_id() const = 0;
  virtual std::vector<ModelInput> inputs() const = 0;
  // The output's top-level keys (what `sonic predict <name> --json` prints).
  virtual std::vector<std::string> outputs() const = 0;
  // True when predict reads ModelContext::db (callers serialise the store; the others run freely).
  virtual bool reads_store() const = 0;
  virtual nlohmann::json predict(const ModelContext& context, const nlohmann::json& row) const = 0;
};

struct ModelEntry {
  const tracking::ModelKind& kind;
  std::vector<ModelStep> retrain;  // its steps in `sonic retrain`, in order
  // Loads the kind's file for answering rows (an InputError naming the file when it is missing or
  // bad); nullptr: the model answers no rows (`sonic serve` does not list it).
  std::unique_ptr<RowPredictor> (*load_predictor)(const Home&) = nullptr;

  // False for an entry derived from the store at each answer (recommend, playlist): no file to
  // train, load or swap, no experiment and no retrain step.
  bool has_file() const { return !kind.file.empty(); }
  bool trained(const Home& home) const { return has_file() && std::filesystem::exists(kind.path(home)); }
  // The model file's envelope (model_id, feature names, seed, window, metrics) and its body;
  // an InputError naming the file and `kind.make_command` when it is missing or unreadable.
  tracking::ModelFile load(const Home& home) const;
};

// Every model, in the order `sonic retrain` trains them, then the entries without a file.
std::span<const ModelEntry> model_registry();
// "mood-clusters, mood, next-mood, mood-gbdt, session": for help texts.
std::string experiment_names();
// Each kind's headline metrics by experiment, for `sonic runs` and the report's models section.
tracking::HeadlineMetrics headline_metrics();
// The entry named `name` (`sonic train <name>`); nullptr when there is none.
const ModelEntry* find_model(std::string_view name);

}  // namespace sonic::pipeline
