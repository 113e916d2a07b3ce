// Choosing K for K-Means the way ../shared/bench/anchors.py does it with scikit-learn, on the same
// data: K = 3 … 15, greedy k-means++, 3 restarts, at most 300 iterations, tol 1e-4, seed 42, each
// clustering scored by the silhouette of a 10,000-row sample; time = all fits + silhouettes.
//
//   kmeans_bench [--threads N] [--runs N] FEATURES.csv
//
// Prints one JSON line with anchors.py's keys (task, tool, data, rows, seconds, best_k,
// silhouette, inertia), `best_k` being the highest silhouette as in anchors.py, plus what sonic's
// own rule chose (`chosen_k`, `reason`) and the iterations per K. `seconds` is the median over
// the runs. Like anchors.py, the features go through float32 first, so both tools cluster the
// very same numbers.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "sonic/ml/kmeans/k_selection.hpp"

namespace {

nlohmann::json per_k(const std::vector<sonic::ml::KCandidate>& candidates, auto field) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto& candidate : candidates) values[std::to_string(candidate.k)] = field(candidate);
  return values;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    int threads = 2;  // as anchors.py: two threads everywhere
    int runs = 1;
    std::string path;
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--threads" && i + 1 < argc) {
        threads = std::atoi(argv[++i]);
      } else if (arg == "--runs" && i + 1 < argc) {
        runs = std::max(1, std::atoi(argv[++i]));
      } else {
        path = arg;
      }
    }
    if (path.empty()) {
      std::fprintf(stderr, "usage: kmeans_bench [--threads N] [--runs N] FEATURES.csv\n");
      return 2;
    }
    const Eigen::MatrixXd samples = sonic::bench::read_csv_dataset(path).features.cast<float>().cast<double>();

    sonic::ml::KSelectionOptions options;
    options.k_min = 3;
    options.k_max = 15;
    options.kmeans.n_init = 3;
    options.kmeans.max_iter = 300;
    options.kmeans.tol = 1e-4;
    options.kmeans.seed = 42;
    options.kmeans.num_threads = threads;
    options.silhouette_sample_size = 10000;

    std::vector<double> seconds;
    sonic::ml::KSelection selection;
    for (int run = 0; run < runs; ++run) {
      const sonic::bench::Stopwatch stopwatch;
      selection = sonic::ml::select_k(samples, options);
      seconds.push_back(stopwatch.seconds());
    }
    const auto& candidates = selection.candidates;
    const auto best = std::max_element(candidates.begin(), candidates.end(),
                                       [](const auto& a, const auto& b) { return a.silhouette < b.silhouette; });
    sonic::bench::emit({
        {"task", "kmeans"},
        {"tool", "sonic"},
        {"data", std::filesystem::path(path).filename().string()},
        {"rows", samples.rows()},
        {"threads", threads},
        {"runs", runs},
        {"seconds", std::round(sonic::bench::median(seconds) * 1000) / 1000},
        {"best_k", best->k},
        {"chosen_k", selection.choice.k},
        {"reason", std::string(sonic::ml::describe(selection.choice.reason))},
        {"silhouette", per_k(candidates, [](const auto& c) { return c.silhouette; })},
        {"inertia", per_k(candidates, [](const auto& c) { return c.inertia; })},
        {"iterations", per_k(candidates, [](const auto& c) { return c.iterations; })},
    });
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kmeans_bench: %s\n", error.what());
    return 1;
  }
}
