// sonic's MLP on the protocol of `anchors.py mlp` (PyTorch): standardised inputs, 128-64 ReLU,
// softmax, Adam 1e-3, batch 256, 10 epochs, 2 threads; time = fit; accuracy on the test file.
//
//   mlp_bench [--runs N] [--threads T] [--init torch_default|he_normal] TRAIN.csv TEST.csv
//
// Prints one JSON line with anchors.py's keys; `seconds` is the median fit time over the runs
// (every run gives the same model: training is deterministic).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "sonic/core/version.hpp"
#include "sonic/ml/mlp/trainer.hpp"

namespace {

using namespace sonic;

int run(int runs, int threads, ml::MlpInitialization initialization, const std::string& train_path,
        const std::string& test_path) {
  const auto train = bench::read_csv_dataset(train_path);
  const auto test = bench::read_csv_dataset(test_path);
  const Eigen::MatrixXf train_features = train.features.cast<float>();
  const Eigen::MatrixXf test_features = test.features.cast<float>();
  std::vector<std::string> classes;
  for (int label = 0; label <= train.labels.maxCoeff(); ++label) classes.push_back(std::to_string(label));

  ml::MlpOptions options;
  options.hidden_layers = {128, 64};
  options.epochs = 10;
  options.batch_size = 256;
  options.adam.learning_rate = 1e-3;
  options.threads = threads;
  options.initialization = initialization;
  options.seed = 42;

  std::vector<double> seconds;
  double accuracy = 0;
  for (int i = 0; i < runs; ++i) {
    bench::Stopwatch clock;
    const auto result =
        ml::train_mlp_classifier({train_features, train.labels}, {train.feature_names, classes}, options);
    seconds.push_back(clock.seconds());
    accuracy = (result.model.predict(test_features).array() == test.labels.array()).cast<double>().mean();
  }
  bench::emit({{"task", "mlp"},
               {"tool", std::string("sonic ") + kVersion},
               {"data", std::filesystem::path(train_path).filename().string()},
               {"rows", train_features.rows()},
               {"seconds", bench::median(seconds)},
               {"runs", runs},
               {"threads", threads},
               {"initialization", ml::mlp_initialization_name(initialization)},
               {"epochs", options.epochs},
               {"accuracy", accuracy}});
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 1;
  int threads = 2;
  auto initialization = ml::MlpInitialization::torch_default;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if ((argument == "--runs" || argument == "--threads") && i + 1 < argc) {
      (argument == "--runs" ? runs : threads) = std::atoi(argv[++i]);
    } else if (argument == "--init" && i + 1 < argc) {
      initialization = std::string(argv[++i]) == "he_normal" ? ml::MlpInitialization::he_normal
                                                             : ml::MlpInitialization::torch_default;
    } else {
      paths.push_back(argument);
    }
  }
  if (paths.size() != 2 || runs < 1 || threads < 1) {
    std::fprintf(stderr,
                 "usage: mlp_bench [--runs N] [--threads T] [--init torch_default|he_normal] TRAIN.csv TEST.csv\n");
    return 2;
  }
  try {
    return run(runs, threads, initialization, paths[0], paths[1]);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "mlp_bench: %s\n", error.what());
    return 1;
  }
}
