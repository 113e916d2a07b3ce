#include "sonic/pipeline/catalog_hits.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"
#include "sonic/pipeline/catalog_lab.hpp"
#include "sonic/store/catalog_store.hpp"
#include "sonic/tracking/mlflow_store.hpp"

namespace sonic::pipeline {
namespace {

std::string fixed(double value, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// The inputs that are not among the thirteen: read from the kept columns.
std::vector<std::string> extra_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> extra;
  for (const std::string& input : inputs) {
    if (records::catalog_feature_index(input) == records::kCatalogFeatureCount) extra.push_back(input);
  }
  return extra;
}

}  // namespace

CatalogHitsResult train_catalog_hits(store::Database& db, const Home& home, const CatalogHitsOptions& options) {
  const store::CatalogSummary summary = resolve_catalog(db, options.catalog);
  store::CatalogTableRequest request;
  request.track_ids = false;
  request.artists = true;
  request.label_column = options.rule.column;
  request.extra_columns = extra_inputs(options.inputs);
  const records::CatalogTable table = store::read_catalog_table(db, summary.id, request);
  const catalog::HitData data = catalog::build_hit_data(table, options.rule, options.inputs, options.by_year);

  auto run = tracking::TrackedRun::start(home.runs(), std::string(catalog::kCatalogHits.experiment),
                                         {.seed = options.training.seed});
  run.log_params({{"catalog", summary.name},
                  {"label", options.rule.describe()},
                  {"rows", std::to_string(data.labels.size())},
                  {"inputs", std::to_string(data.input_names.size())},
                  {"num_rounds", std::to_string(options.training.gbdt.num_rounds)},
                  {"max_depth", std::to_string(options.training.gbdt.max_depth)},
                  {"learning_rate", fixed(options.training.gbdt.learning_rate, 3)},
                  {"temporal_periods", options.by_year ? "year" : "decade"}});
  const catalog::HitTraining training = catalog::train_hit_model(data, options.training);
  for (const catalog::SplitEvaluation& split : training.splits) {
    for (const catalog::ModelScores& scores : split.models) {
      const std::string prefix = split.split + (scores.model == "gbdt" ? "" : "_" + scores.model);
      run.log_metric(prefix + "_roc_auc", scores.roc_auc);
      run.log_metric(prefix + "_pr_auc", scores.pr_auc);
      run.log_metric(prefix + "_accuracy", scores.accuracy);
      run.log_metric(prefix + "_f1", scores.f1);
    }
  }
  const std::filesystem::path path = catalog::kCatalogHits.path(home);
  catalog::save_hit_model(path, training, options.rule, summary.name, run.run_id(), options.training.seed);
  run.log_artifact(path);
  run.finish();

  CatalogHitsResult result;
  result.catalog = summary.name;
  result.label = options.rule.describe();
  result.rows = training.rows;
  result.hits = training.hits;
  result.unlabelled = data.unlabelled;
  result.inputs = data.input_names;
  result.splits = training.splits;
  result.importance = training.importance;
  result.run_id = run.run_id();
  result.model_path = path.string();
  return result;
}

std::vector<std::pair<std::string, double>> parse_feature_values(const std::string& text) {
  std::vector<std::pair<std::string, double>> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string pair = text.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    double value = 0;
    const char* number = pair.data() + (equals == std::string::npos ? pair.size() : equals + 1);
    const auto [stop, error] = std::from_chars(number, pair.data() + pair.size(), value);
    if (equals == std::string::npos || equals == 0 || error != std::errc() || stop != pair.data() + pair.size() ||
        !std::isfinite(value)) {
      throw InputError("--features: '" + pair + "' is not name=number (e.g. danceability=0.8,energy=0.9)");
    }
    values.emplace_back(pair.substr(0, equals), value);
  }
  if (values.empty()) throw InputError("--features: no name=number pair given");
  return values;
}

CatalogExplainResult explain_catalog_hit(store::Database& db, const Home& home, const CatalogExplainRequest& request) {
  const catalog::HitModelFile file = catalog::load_hit_model(catalog::kCatalogHits.path(home));
  const std::vector<std::string>& inputs = file.model.feature_names();
  std::vector<double> row(inputs.size(), records::kMissingValue);
  CatalogExplainResult result;
  result.catalog = file.catalog;
  result.label = file.label;
  if (!request.track_id.empty()) {
    const auto catalog = store::find_catalog(db, file.catalog);
    if (!catalog) throw InputError("the hit model's catalog '" + file.catalog + "' is no longer imported");
    const auto track = store::find_catalog_track(db, catalog->id, request.track_id);
    if (!track) throw InputError("no track " + request.track_id + " in catalog '" + file.catalog + "'");
    result.track_id = track->track_id;
    result.name = track->name;
    result.artists = track->artists;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const std::size_t feature = records::catalog_feature_index(inputs[i]);
      if (feature < records::kCatalogFeatureCount) {
        row[i] = track->features[feature];
        continue;
      }
      const auto kept = std::find_if(track->kept.begin(), track->kept.end(),
                                     [&](const auto& cell) { return cell.first == inputs[i]; });
      if (kept != track->kept.end()) row[i] = sources::catalog_number(kept->second).value_or(records::kMissingValue);
    }
  }
  for (const auto& [name, value] : request.features) {
    const auto found = std::find(inputs.begin(), inputs.end(), name);
    if (found == inputs.end()) {
      std::string known;
      for (const std::string& input : inputs) known += (known.empty() ? "" : ", ") + input;
      throw InputError("the hit model has no input '" + name + "'; its inputs are: " + known);
    }
    row[static_cast<std::size_t>(found - inputs.begin())] = value;
  }
  result.explanation = catalog::explain_hit(file.model, row);
  result.in_words = catalog::contributions_in_words(result.explanation, inputs.size());
  return result;
}

nlohmann::json to_json(const CatalogHitsResult& result) {
  nlohmann::json splits = nlohmann::json::object();
  for (const catalog::SplitEvaluation& split : result.splits) splits[split.split] = catalog::to_json(split);
  return {{"catalog", result.catalog},
          {"label", result.label},
          {"rows", result.rows},
          {"hits", result.hits},
          {"unlabelled", result.unlabelled},
          {"inputs", result.inputs},
          {"splits", splits},
          {"importance", catalog::importance_json(result.importance)},
          {"run_id", result.run_id},
          {"model", result.model_path}};
}

std::string to_text(const CatalogHitsResult& result) {
  std::string text = "hit model on catalog " + result.catalog + " (" + result.label +
                     "): " + std::to_string(result.rows) + " tracks, " + std::to_string(result.hits) + " hits\n";
  for (const catalog::SplitEvaluation& split : result.splits) {
    text += "  " + split.split + " split: " + std::to_string(split.train_rows) + " train, " +
            std::to_string(split.test_rows) + " test" +
            (split.test_period ? " (test period " + std::to_string(split.test_period) + ")" : "") +
            (split.left_out ? ", " + std::to_string(split.left_out) + " left out" : "") + "\n";
    for (const catalog::ModelScores& scores : split.models) {
      char line[200];
      std::snprintf(line, sizeof line, "    %-18s ROC-AUC %.4f  PR-AUC %.4f  accuracy %.4f  F1 %.4f\n",
                    scores.model.c_str(), scores.roc_auc, scores.pr_auc, scores.accuracy, scores.f1);
      text += line;
    }
  }
  text += "  importance (mean |SHAP| log-odds, share of split gain):\n";
  for (const catalog::InputImportance& row : result.importance) {
    text += "    " + row.input + " " + fixed(row.mean_abs_shap, 3) + "  " + fixed(100 * row.gain_share, 1) + "%\n";
  }
  text += "  run " + result.run_id + ", model " + result.model_path + "\n";
  return text;
}

nlohmann::json to_json(const CatalogExplainResult& result) {
  nlohmann::json contributions = nlohmann::json::array();
  for (const catalog::InputContribution& item : result.explanation.contributions) {
    contributions.push_back({{"input", item.input},
                             {"value", std::isnan(item.value) ? nlohmann::json() : nlohmann::json(item.value)},
                             {"contribution", item.contribution}});
  }
  nlohmann::json json = {{"catalog", result.catalog},
                         {"label", result.label},
                         {"probability", result.explanation.probability},
                         {"margin", result.explanation.margin},
                         {"bias", result.explanation.bias},
                         {"contributions", contributions},
                         {"in_words", result.in_words}};
  if (!result.track_id.empty()) {
    json["track"] = {{"id", result.track_id}, {"name", result.name}, {"artists", result.artists}};
  }
  return json;
}

std::string to_text(const CatalogExplainResult& result) {
  std::string text = "hit probability " + fixed(result.explanation.probability, 3) + " (" + result.label +
                     ", catalog " + result.catalog + "); log-odds " + fixed(result.explanation.margin, 3) + " = base " +
                     fixed(result.explanation.bias, 3) + " plus:\n";
  for (const std::string& line : result.in_words) text += "  " + line + "\n";
  return text;
}

}  // namespace sonic::pipeline
