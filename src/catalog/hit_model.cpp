#include "sonic/catalog/hit_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "sonic/core/error.hpp"
#include "sonic/ml/gbdt/model_json.hpp"
#include "sonic/ml/gbdt/trainer.hpp"
#include "sonic/ml/metrics/binary_metrics.hpp"
#include "sonic/ml/metrics/classification_metrics.hpp"
#include "sonic/ml/mlp/trainer.hpp"
#include "sonic/records/catalog_track.hpp"
#include "sonic/tracking/model_file.hpp"

namespace sonic::catalog {
namespace {

Eigen::MatrixXd rows_of(const Eigen::MatrixXd& matrix, const std::vector<std::size_t>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), matrix.cols());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.row(static_cast<Eigen::Index>(i)) = matrix.row(static_cast<Eigen::Index>(rows[i]));
  return out;
}

Eigen::VectorXi labels_of(const std::vector<int>& labels, const std::vector<std::size_t>& rows) {
  Eigen::VectorXi out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) out(static_cast<Eigen::Index>(i)) = labels[rows[i]];
  return out;
}

std::vector<int> label_vector(const std::vector<int>& labels, const std::vector<std::size_t>& rows) {
  std::vector<int> out;
  out.reserve(rows.size());
  for (const std::size_t row : rows) out.push_back(labels[row]);
  return out;
}

ml::GbdtModel fit_gbdt(const HitData& data, const std::vector<std::size_t>& rows, const HitTrainingOptions& options) {
  ml::GbdtParams params = options.gbdt;
  params.seed = options.seed;
  params.num_threads = options.threads;
  return ml::train_gbdt(rows_of(data.inputs, rows), labels_of(data.labels, rows), params,
                        {data.input_names, {"other", "hit"}});
}

// The columns of the "duration + loudness only" baseline.
std::vector<Eigen::Index> duration_loudness_columns(const HitData& data) {
  std::vector<Eigen::Index> columns;
  for (const char* name : {"duration_ms", "loudness"}) {
    const auto found = std::find(data.input_names.begin(), data.input_names.end(), name);
    if (found != data.input_names.end()) columns.push_back(found - data.input_names.begin());
  }
  return columns;
}

std::string fixed(double value, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

}  // namespace

ModelScores score_probabilities(std::string model, const std::vector<int>& labels, const Eigen::VectorXd& probability) {
  Eigen::VectorXi truth(static_cast<Eigen::Index>(labels.size()));
  Eigen::VectorXi predicted(truth.size());
  for (Eigen::Index i = 0; i < truth.size(); ++i) {
    truth(i) = labels[static_cast<std::size_t>(i)];
    predicted(i) = probability(i) >= 0.5 ? 1 : 0;
  }
  ModelScores scores;
  scores.model = std::move(model);
  scores.roc_auc = ml::roc_auc(truth, probability);
  scores.pr_auc = ml::average_precision(truth, probability);
  scores.log_loss = ml::log_loss(truth, probability);
  const ml::ClassificationMetrics metrics = ml::classification_metrics(truth, predicted, 2);
  scores.accuracy = metrics.accuracy;
  scores.f1 = metrics.classes[1].f1;
  return scores;
}

Eigen::VectorXd logistic_regression_probabilities(const Eigen::MatrixXd& inputs, const std::vector<int>& labels,
                                                  const std::vector<std::size_t>& train,
                                                  const std::vector<std::size_t>& test, std::uint64_t seed,
                                                  int threads) {
  // Missing values take the training median of their input: the regression needs a number.
  Eigen::MatrixXf train_inputs = rows_of(inputs, train).cast<float>();
  Eigen::MatrixXf test_inputs = rows_of(inputs, test).cast<float>();
  for (Eigen::Index c = 0; c < inputs.cols(); ++c) {
    std::vector<double> present;
    for (Eigen::Index r = 0; r < train_inputs.rows(); ++r) {
      if (!std::isnan(train_inputs(r, c))) present.push_back(train_inputs(r, c));
    }
    double median = 0;
    if (!present.empty()) {
      std::nth_element(present.begin(), present.begin() + static_cast<std::ptrdiff_t>(present.size() / 2),
                       present.end());
      median = present[present.size() / 2];
    }
    for (Eigen::MatrixXf* matrix : {&train_inputs, &test_inputs}) {
      for (Eigen::Index r = 0; r < matrix->rows(); ++r) {
        if (std::isnan((*matrix)(r, c))) (*matrix)(r, c) = static_cast<float>(median);
      }
    }
  }
  ml::MlpOptions options;
  options.hidden_layers = {};
  options.epochs = 20;
  options.batch_size = 256;
  options.adam.learning_rate = 0.01;
  options.seed = seed;
  options.threads = threads;
  const Eigen::VectorXi train_labels = labels_of(labels, train);
  std::vector<std::string> names;
  for (Eigen::Index c = 0; c < inputs.cols(); ++c) names.push_back(std::to_string(c));
  const auto trained = ml::train_mlp_classifier({train_inputs, train_labels}, {names, {"other", "hit"}}, options);
  return trained.model.predict_proba(test_inputs).col(1).cast<double>();
}

SplitEvaluation evaluate_split(const HitData& data, const HitSplit& split, const HitTrainingOptions& options,
                               std::optional<ml::GbdtModel>* trained) {
  SplitEvaluation evaluation;
  evaluation.split = split.name;
  evaluation.train_rows = static_cast<std::int64_t>(split.train.size());
  evaluation.test_rows = static_cast<std::int64_t>(split.test.size());
  evaluation.left_out = split.left_out;
  evaluation.test_period = split.test_period;
  const std::vector<int> test_labels = label_vector(data.labels, split.test);
  const std::vector<int> train_labels = label_vector(data.labels, split.train);
  for (const auto* side : {&test_labels, &train_labels}) {
    const auto hits = std::count(side->begin(), side->end(), 1);
    if (hits == 0 || hits == static_cast<std::ptrdiff_t>(side->size())) {
      throw InputError("the " + split.name + " split's " + (side == &test_labels ? "test" : "training") +
                       " rows hold only one class: the hit model cannot be judged on it");
    }
  }
  evaluation.test_hit_share = static_cast<double>(std::count(test_labels.begin(), test_labels.end(), 1)) /
                              static_cast<double>(test_labels.size());

  ml::GbdtModel model = fit_gbdt(data, split.train, options);
  const Eigen::VectorXd gbdt_probability = model.predict_proba(rows_of(data.inputs, split.test)).col(1);
  evaluation.models.push_back(score_probabilities("gbdt", test_labels, gbdt_probability));
  Eigen::VectorXi truth(static_cast<Eigen::Index>(test_labels.size()));
  for (std::size_t i = 0; i < test_labels.size(); ++i) truth(static_cast<Eigen::Index>(i)) = test_labels[i];
  evaluation.calibration = ml::calibration_table(truth, gbdt_probability, 10);

  evaluation.models.push_back(
      score_probabilities("logistic", test_labels,
                          logistic_regression_probabilities(data.inputs, data.labels, split.train, split.test,
                                                            options.seed, options.threads)));
  const std::vector<Eigen::Index> baseline_columns = duration_loudness_columns(data);
  if (!baseline_columns.empty()) {
    Eigen::MatrixXd baseline_inputs(data.inputs.rows(), static_cast<Eigen::Index>(baseline_columns.size()));
    for (std::size_t c = 0; c < baseline_columns.size(); ++c) {
      baseline_inputs.col(static_cast<Eigen::Index>(c)) = data.inputs.col(baseline_columns[c]);
    }
    evaluation.models.push_back(
        score_probabilities("duration_loudness", test_labels,
                            logistic_regression_probabilities(baseline_inputs, data.labels, split.train, split.test,
                                                              options.seed, options.threads)));
  }
  if (trained) *trained = std::move(model);
  return evaluation;
}

HitTraining train_hit_model(const HitData& data, const HitTrainingOptions& options) {
  const HitSplit random = stratified_random_split(data.labels, options.seed);
  std::optional<ml::GbdtModel> random_model;
  std::vector<SplitEvaluation> splits;
  splits.push_back(evaluate_split(data, random, options, &random_model));
  splits.push_back(evaluate_split(data, grouped_temporal_split(data.periods, data.artists), options));

  // Importance: mean |SHAP| on the random split's test rows beside the share of split gain.
  const Eigen::MatrixXd contributions = random_model->contributions(rows_of(data.inputs, random.test));
  const Eigen::VectorXd gain = random_model->gain_importance();
  const double total_gain = gain.sum() > 0 ? gain.sum() : 1;
  std::vector<InputImportance> importance;
  for (std::size_t c = 0; c < data.input_names.size(); ++c) {
    const auto column = static_cast<Eigen::Index>(c);
    importance.push_back({data.input_names[c], contributions.col(column).cwiseAbs().mean(), gain(column) / total_gain});
  }
  std::sort(importance.begin(), importance.end(),
            [](const InputImportance& a, const InputImportance& b) { return a.mean_abs_shap > b.mean_abs_shap; });

  std::vector<std::size_t> every_row(data.labels.size());
  std::iota(every_row.begin(), every_row.end(), std::size_t{0});
  HitTraining training{fit_gbdt(data, every_row, options), std::move(splits), std::move(importance),
                       static_cast<std::int64_t>(data.labels.size()),
                       std::count(data.labels.begin(), data.labels.end(), 1)};
  return training;
}

nlohmann::json to_json(const SplitEvaluation& evaluation) {
  nlohmann::json models = nlohmann::json::object();
  for (const ModelScores& scores : evaluation.models) {
    models[scores.model] = {{"roc_auc", scores.roc_auc},
                            {"pr_auc", scores.pr_auc},
                            {"accuracy", scores.accuracy},
                            {"f1", scores.f1},
                            {"log_loss", scores.log_loss}};
  }
  nlohmann::json calibration = nlohmann::json::array();
  for (const ml::CalibrationBin& bin : evaluation.calibration) {
    calibration.push_back({{"lower", bin.lower},
                           {"upper", bin.upper},
                           {"count", bin.count},
                           {"mean_predicted", bin.mean_predicted},
                           {"observed_rate", bin.observed_rate}});
  }
  nlohmann::json json = {{"split", evaluation.split},
                         {"train_rows", evaluation.train_rows},
                         {"test_rows", evaluation.test_rows},
                         {"left_out", evaluation.left_out},
                         {"test_hit_share", evaluation.test_hit_share},
                         {"models", models},
                         {"calibration", calibration}};
  if (evaluation.test_period) json["test_period"] = evaluation.test_period;
  return json;
}

nlohmann::json importance_json(const std::vector<InputImportance>& importance) {
  nlohmann::json rows = nlohmann::json::array();
  for (const InputImportance& row : importance) {
    rows.push_back({{"input", row.input}, {"mean_abs_shap", row.mean_abs_shap}, {"gain_share", row.gain_share}});
  }
  return rows;
}

void save_hit_model(const std::filesystem::path& path, const HitTraining& training, const HitLabelRule& rule,
                    const std::string& catalog, const std::string& model_id, std::uint64_t seed) {
  tracking::ModelFileInfo info;
  info.format = std::string(kCatalogHits.format);
  info.version = kCatalogHits.version;
  info.model_id = model_id;
  info.feature_names = training.model.feature_names();
  info.seed = seed;
  for (const SplitEvaluation& split : training.splits) {
    for (const ModelScores& scores : split.models) {
      if (scores.model == "gbdt") {
        info.metrics[split.split + "_roc_auc"] = scores.roc_auc;
        info.metrics[split.split + "_pr_auc"] = scores.pr_auc;
      }
    }
  }
  // The evaluation travels with the model, so `sonic catalog report` shows what it was judged on.
  nlohmann::json splits = nlohmann::json::object();
  for (const SplitEvaluation& split : training.splits) splits[split.split] = to_json(split);
  tracking::save_model_file(path, info,
                            {{"catalog", catalog},
                             {"label", rule.describe()},
                             {"evaluation", {{"splits", splits}, {"importance", importance_json(training.importance)}}},
                             {"gbdt", ml::gbdt_to_json(training.model)}});
}

HitModelFile load_hit_model(const std::filesystem::path& path) {
  const tracking::ModelFile file =
      tracking::load_model_file(path, kCatalogHits.format, kCatalogHits.version, kCatalogHits.how_to_make());
  return tracking::reading_model_file(path, [&] {
    const ml::ModelJsonReader reader = file.reader();
    const nlohmann::json& body = file.model();
    return HitModelFile{ml::gbdt_from_json(reader.field(body, "gbdt", "model"), file.info.feature_names),
                        reader.string(reader.field(body, "catalog", "model"), "model.catalog"),
                        reader.string(reader.field(body, "label", "model"), "model.label"), file.info.metrics,
                        body.contains("evaluation") ? body["evaluation"] : nlohmann::json()};
  });
}

HitExplanation explain_hit(const ml::GbdtModel& model, const std::vector<double>& row) {
  const auto inputs = static_cast<Eigen::Index>(model.feature_names().size());
  if (static_cast<Eigen::Index>(row.size()) != inputs) {
    throw InputError("the hit model takes " + std::to_string(inputs) + " inputs, given " + std::to_string(row.size()));
  }
  Eigen::MatrixXd features(1, inputs);
  for (Eigen::Index c = 0; c < inputs; ++c) features(0, c) = row[static_cast<std::size_t>(c)];
  const Eigen::MatrixXd contributions = model.contributions(features);
  HitExplanation explanation;
  explanation.bias = contributions(0, inputs);
  explanation.margin = contributions.row(0).sum();
  explanation.probability = model.predict_proba(features)(0, 1);
  for (Eigen::Index c = 0; c < inputs; ++c) {
    explanation.contributions.push_back(
        {model.feature_names()[static_cast<std::size_t>(c)], row[static_cast<std::size_t>(c)], contributions(0, c)});
  }
  std::stable_sort(explanation.contributions.begin(), explanation.contributions.end(),
                   [](const InputContribution& a, const InputContribution& b) {
                     return std::abs(a.contribution) > std::abs(b.contribution);
                   });
  return explanation;
}

std::vector<std::string> contributions_in_words(const HitExplanation& explanation, std::size_t most) {
  std::vector<std::string> lines;
  for (const InputContribution& item : explanation.contributions) {
    if (lines.size() == most) break;
    const int decimals = item.input == "duration_ms" ? 0 : item.input == "tempo" || item.input == "loudness" ? 1 : 2;
    const std::string value = std::isnan(item.value) ? "(missing)" : fixed(item.value, decimals);
    lines.push_back(item.input + " " + value + (item.contribution >= 0 ? " adds " : " takes away ") +
                    fixed(std::abs(item.contribution), 2));
  }
  return lines;
}

}  // namespace sonic::catalog
