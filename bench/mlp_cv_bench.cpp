// sonic's MLP on the protocol of `anchors.py mlp-cv`: 10-fold cross-validation on the `fold`
// column of moods.csv; mean and standard deviation of the test folds' accuracy.
//
//   mlp_cv_bench [options] MOODS.csv
//     --hidden 128   --epochs N   --batch N   --lr X   --l2 X   --dropout X
//     --validation X (inner holdout of the training folds for early stopping)   --patience N
//     --init torch_default|he_normal   --seed N   --threads N
//     --drop NAME    leave a column out (e.g. `length`, which the default mood features lack)
//     --log NAMES    replace these columns (comma-separated) by log(x + 0.001), before standardising
//     --ensemble N   average the class probabilities of N nets that differ only in their seed
//                    (default: the shipped mood net's size, mood::kMoodNetMembers; 1 = a single net)
//     --nested       also run nested cross-validation over a fixed grid of settings
//
// The defaults are the settings chosen for `sonic train mood`. They were chosen by comparing
// settings on these same folds, which flatters them a little; --nested measures the whole
// procedure without that bias: for each test fold, 5-fold cross-validation on the nine training
// folds alone picks one of the grid's settings, which is then trained on those nine folds and
// scored once on the test fold. Nothing ever looks at a test fold before it is scored.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "sonic/core/random.hpp"
#include "sonic/core/version.hpp"
#include "sonic/ml/mlp/ensemble.hpp"
#include "sonic/ml/mlp/trainer.hpp"
#include "sonic/mood/mood_net.hpp"

namespace {

using namespace sonic;
using Rows = std::vector<Eigen::Index>;

// sonic train mood's defaults, on the two cores the reference tools get.
ml::MlpOptions mood_defaults() {
  auto options = mood::mood_net_defaults();
  options.threads = 2;
  return options;
}

struct Candidate {
  std::string name;
  ml::MlpOptions options;
};

// The settings --nested chooses from, fixed before looking at any result: the PyTorch anchor's,
// one wide layer at two training speeds, dropout, and early stopping on an inner holdout.
std::vector<Candidate> nested_grid() {
  const auto make = [](std::vector<Eigen::Index> hidden, double rate, int epochs, double dropout, double validation) {
    auto options = mood_defaults();
    options.hidden_layers = std::move(hidden);
    options.adam.learning_rate = rate;
    options.epochs = epochs;
    options.dropout = dropout;
    options.validation_fraction = validation;
    options.patience = validation > 0 ? 40 : 0;
    return options;
  };
  return {
      {"64-32 lr 1e-3, 100 epochs", make({64, 32}, 1e-3, 100, 0, 0)},
      {"128 lr 1e-3, 100 epochs", make({128}, 1e-3, 100, 0, 0)},
      {"128 lr 1e-3, 100 epochs, dropout 0.3", make({128}, 1e-3, 100, 0.3, 0)},
      {"128 lr 3e-4, 200 epochs", make({128}, 3e-4, 200, 0, 0)},
      {"256 lr 3e-4, 200 epochs", make({256}, 3e-4, 200, 0, 0)},
      {"128 lr 3e-4, early stopping on 15%", make({128}, 3e-4, 500, 0, 0.15)},
  };
}

struct Data {
  Eigen::MatrixXf features;
  Eigen::VectorXi labels;
  Eigen::VectorXi folds;
  ml::MlpNames names;
};

struct Columns {
  std::vector<std::string> dropped;
  std::vector<std::string> logged;
};

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Data load(const std::string& path, const Columns& columns) {
  auto csv = bench::read_csv_dataset(path);
  if (csv.folds.size() == 0) throw std::runtime_error(path + ": no `fold` column");
  std::vector<Eigen::Index> kept;
  std::vector<std::string> names;
  for (std::size_t c = 0; c < csv.feature_names.size(); ++c) {
    if (listed(columns.dropped, csv.feature_names[c])) continue;
    kept.push_back(static_cast<Eigen::Index>(c));
    names.push_back(csv.feature_names[c]);
  }
  for (const auto& name : columns.dropped)
    if (!listed(csv.feature_names, name)) throw std::runtime_error(path + ": no column " + name + " to drop");
  for (const auto& name : columns.logged)
    if (!listed(names, name)) throw std::runtime_error(path + ": no column " + name + " to log");
  Eigen::MatrixXf features = csv.features(Eigen::all, kept).cast<float>();
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (!listed(columns.logged, names[c])) continue;
    auto column = features.col(static_cast<Eigen::Index>(c));
    column = (column.array() + 0.001f).log().matrix();
    names[c] = "log_" + names[c];
  }
  Data data{std::move(features), csv.labels, csv.folds, {names, {}}};
  for (int label = 0; label <= data.labels.maxCoeff(); ++label) data.names.outputs.push_back(std::to_string(label));
  return data;
}

int ensemble_size = mood::kMoodNetMembers;  // --ensemble; the shipped mood net's by default

// Trained on `train` rows, the accuracy on `test` rows of the mean class probabilities of
// `ensemble_size` nets seeded as the shipped mood net's members are (ml/mlp/ensemble.hpp).
double score(const Data& data, const Rows& train, const Rows& test, const ml::MlpOptions& options) {
  const Eigen::MatrixXf train_features = data.features(train, Eigen::all);
  const Eigen::VectorXi train_labels = data.labels(train);
  const auto net =
      ml::train_mlp_classifier_ensemble({train_features, train_labels}, data.names, options, ensemble_size).ensemble;
  const Eigen::VectorXi predicted = net.predict(data.features(test, Eigen::all));
  return (predicted.array() == data.labels(test).array()).cast<double>().mean();
}

// Positions in `fold_of` equal to `fold` (or all the others), mapped through `rows`.
Rows select(const Rows& rows, const std::vector<int>& fold_of, int fold, bool in_fold) {
  Rows selected;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if ((fold_of[i] == fold) == in_fold) selected.push_back(rows[i]);
  }
  return selected;
}

// Stratified k-fold assignment of `rows`, as make_data.py assigns the outer folds.
std::vector<int> stratified_folds(const Data& data, const Rows& rows, int folds, std::uint64_t seed) {
  std::vector<int> fold_of(rows.size());
  for (int label = 0; label <= data.labels.maxCoeff(); ++label) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (data.labels(rows[i]) == label) members.push_back(i);
    }
    SeededRandom::for_stream(seed, static_cast<std::uint64_t>(label)).shuffle(std::span(members));
    for (std::size_t j = 0; j < members.size(); ++j)
      fold_of[members[j]] = static_cast<int>(j % static_cast<std::size_t>(folds));
  }
  return fold_of;
}

std::vector<double> mean_and_deviation(const std::vector<double>& values) {
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  double squares = 0;
  for (const double value : values) squares += (value - mean) * (value - mean);
  const double deviation = std::sqrt(squares / static_cast<double>(values.size()));  // numpy's std
  return {std::round(mean * 1e4) / 1e4, std::round(deviation * 1e4) / 1e4};
}

// The outer cross-validation: `train_and_score(fold, train rows, test rows)` per fold.
template <typename TrainAndScore>
std::vector<double> cross_validate(const Data& data, TrainAndScore train_and_score) {
  Rows all(static_cast<std::size_t>(data.labels.size()));
  std::iota(all.begin(), all.end(), Eigen::Index{0});
  const std::vector<int> fold_of(data.folds.begin(), data.folds.end());
  std::vector<double> accuracies;
  for (int fold = 0; fold <= data.folds.maxCoeff(); ++fold) {
    accuracies.push_back(train_and_score(fold, select(all, fold_of, fold, false), select(all, fold_of, fold, true)));
  }
  return accuracies;
}

nlohmann::json describe(const ml::MlpOptions& options) {
  return {{"hidden_layers", options.hidden_layers},
          {"epochs", options.epochs},
          {"batch_size", options.batch_size},
          {"learning_rate", options.adam.learning_rate},
          {"initialization", ml::mlp_initialization_name(options.initialization)},
          {"l2", options.l2},
          {"dropout", options.dropout},
          {"validation_fraction", options.validation_fraction},
          {"patience", options.patience},
          {"seed", options.seed}};
}

int run(const ml::MlpOptions& options, bool nested, const std::string& path, const Columns& columns) {
  const auto data = load(path, columns);
  bench::Stopwatch clock;
  const auto accuracies = cross_validate(data, [&](int fold, const Rows& train, const Rows& test) {
    auto fold_options = options;
    fold_options.seed = options.seed + static_cast<std::uint64_t>(fold);  // as anchors.py: 42 + fold
    return score(data, train, test, fold_options);
  });
  std::string hidden;
  for (const auto width : options.hidden_layers) {
    if (!hidden.empty()) hidden += '-';
    hidden += std::to_string(width);
  }
  nlohmann::json line = {{"task", "mlp-cv"},
                         {"tool", std::string("sonic ") + kVersion},
                         {"data", std::filesystem::path(path).filename().string()},
                         {"rows", data.features.rows()},
                         {"seconds", clock.seconds()},
                         {"cv_accuracy",
                          {{"sonic-mlp-" + hidden + (ensemble_size > 1 ? " x" + std::to_string(ensemble_size) : ""),
                            mean_and_deviation(accuracies)}}},
                         {"fold_accuracy", accuracies},
                         {"features", data.names.features},
                         {"ensemble", ensemble_size},
                         {"settings", describe(options)}};
  if (nested) {
    const auto grid = nested_grid();
    nlohmann::json chosen = nlohmann::json::array();
    const auto nested_accuracies = cross_validate(data, [&](int fold, const Rows& train, const Rows& test) {
      const auto inner_fold_of = stratified_folds(data, train, 5, 1000 + static_cast<std::uint64_t>(fold));
      std::vector<double> inner_scores;
      for (const auto& candidate : grid) {
        double total = 0;
        for (int inner = 0; inner < 5; ++inner) {
          auto inner_options = candidate.options;
          inner_options.seed = options.seed + static_cast<std::uint64_t>(100 * fold + inner);
          total += score(data, select(train, inner_fold_of, inner, false), select(train, inner_fold_of, inner, true),
                         inner_options);
        }
        inner_scores.push_back(total / 5);
      }
      const auto best =
          static_cast<std::size_t>(std::max_element(inner_scores.begin(), inner_scores.end()) - inner_scores.begin());
      chosen.push_back(grid[best].name);
      auto fold_options = grid[best].options;
      fold_options.seed = options.seed + static_cast<std::uint64_t>(fold);
      return score(data, train, test, fold_options);
    });
    line["nested_cv_accuracy"] = mean_and_deviation(nested_accuracies);
    line["nested_fold_accuracy"] = nested_accuracies;
    line["nested_chosen"] = chosen;
    line["seconds_with_nested"] = clock.seconds();
  }
  bench::emit(line);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = mood_defaults();
  using Setter = std::function<void(const std::string&)>;
  const std::map<std::string, Setter> setters = {
      {"--hidden",
       [&](const std::string& value) {
         options.hidden_layers.clear();
         std::stringstream widths(value);
         for (std::string width; std::getline(widths, width, ',');) {
           options.hidden_layers.push_back(std::atol(width.c_str()));
         }
       }},
      {"--epochs", [&](const std::string& value) { options.epochs = std::atoi(value.c_str()); }},
      {"--batch", [&](const std::string& value) { options.batch_size = std::atol(value.c_str()); }},
      {"--lr", [&](const std::string& value) { options.adam.learning_rate = std::atof(value.c_str()); }},
      {"--l2", [&](const std::string& value) { options.l2 = std::atof(value.c_str()); }},
      {"--dropout", [&](const std::string& value) { options.dropout = std::atof(value.c_str()); }},
      {"--validation", [&](const std::string& value) { options.validation_fraction = std::atof(value.c_str()); }},
      {"--patience", [&](const std::string& value) { options.patience = std::atoi(value.c_str()); }},
      {"--seed", [&](const std::string& value) { options.seed = std::strtoull(value.c_str(), nullptr, 10); }},
      {"--threads", [&](const std::string& value) { options.threads = std::atoi(value.c_str()); }},
      {"--init",
       [&](const std::string& value) {
         options.initialization =
             value == "he_normal" ? ml::MlpInitialization::he_normal : ml::MlpInitialization::torch_default;
       }},
  };
  bool nested = false;
  Columns columns;
  const auto split_names = [](const std::string& value) {
    std::vector<std::string> names;
    std::stringstream list(value);
    for (std::string name; std::getline(list, name, ',');) names.push_back(name);
    return names;
  };
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    const auto setter = setters.find(argument);
    if (argument == "--nested") {
      nested = true;
    } else if (argument == "--drop" && i + 1 < argc) {
      columns.dropped = split_names(argv[++i]);
    } else if (argument == "--log" && i + 1 < argc) {
      columns.logged = split_names(argv[++i]);
    } else if (argument == "--ensemble" && i + 1 < argc) {
      ensemble_size = std::max(1, std::atoi(argv[++i]));
    } else if (setter != setters.end() && i + 1 < argc) {
      setter->second(argv[++i]);
    } else if (argument.rfind("--", 0) != 0) {
      paths.push_back(argument);
    } else {
      std::fprintf(stderr, "mlp_cv_bench: unknown option or missing value: %s\n", argument.c_str());
      return 2;
    }
  }
  if (paths.size() != 1) {
    std::fprintf(stderr,
                 "usage: mlp_cv_bench [--hidden 128] [--epochs N] [--batch N] [--lr X] [--l2 X] [--dropout X]\n"
                 "                    [--validation X] [--patience N] [--init torch_default|he_normal]\n"
                 "                    [--seed N] [--threads N] [--drop NAMES] [--log NAMES] [--ensemble N]\n"
                 "                    [--nested] MOODS.csv\n");
    return 2;
  }
  try {
    return run(options, nested, paths[0], columns);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "mlp_cv_bench: %s\n", error.what());
    return 1;
  }
}
