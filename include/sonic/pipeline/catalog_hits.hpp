#pragma once
// `sonic catalog train hits` and `sonic catalog explain`: the hit model over an imported
// catalog (catalog/hit_model.hpp), tracked in mlruns like every model, saved under
// <home>/models/catalog_hits.json, and asked why a track scores what it does.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sonic/catalog/hit_data.hpp"
#include "sonic/catalog/hit_model.hpp"
#include "sonic/core/home.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct CatalogHitsOptions {
  std::string catalog;
  catalog::HitLabelRule rule;
  std::vector<std::string> inputs;  // empty: the thirteen audio numbers
  bool by_year = false;             // the temporal split's periods: years instead of decades
  catalog::HitTrainingOptions training;
};

struct CatalogHitsResult {
  std::string catalog;
  std::string label;  // the rule
  std::int64_t rows = 0;
  std::int64_t hits = 0;
  std::int64_t unlabelled = 0;
  std::vector<std::string> inputs;
  std::vector<catalog::SplitEvaluation> splits;
  std::vector<catalog::InputImportance> importance;
  std::string run_id;
  std::string model_path;
};

CatalogHitsResult train_catalog_hits(store::Database& db, const Home& home, const CatalogHitsOptions& options);

struct CatalogExplainRequest {
  std::string track_id;                                  // a track of the model's catalog, or
  std::vector<std::pair<std::string, double>> features;  // --features k=v,… (inputs not given: missing)
};

struct CatalogExplainResult {
  std::string catalog;
  std::string label;
  std::string track_id, name, artists;  // when explaining a catalog track
  catalog::HitExplanation explanation;
  std::vector<std::string> in_words;
};

// InputError for an unknown track, an unknown input name or a missing model.
CatalogExplainResult explain_catalog_hit(store::Database& db, const Home& home, const CatalogExplainRequest& request);

// "danceability=0.8,energy=0.9": InputError for a pair that is not name=number.
std::vector<std::pair<std::string, double>> parse_feature_values(const std::string& text);

nlohmann::json to_json(const CatalogHitsResult& result);
std::string to_text(const CatalogHitsResult& result);
nlohmann::json to_json(const CatalogExplainResult& result);
std::string to_text(const CatalogExplainResult& result);

}  // namespace sonic::pipeline
