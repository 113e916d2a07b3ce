#pragma once
// What every benchmark program shares: reading the reference CSVs of ../shared/bench/make_data.py
// (feature columns, then `label`, optionally `fold`), wall-clock timing, and printing one JSON
// line with the same keys as ../shared/bench/anchors.py.
#include <Eigen/Dense>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sonic::bench {

struct CsvDataset {
  std::vector<std::string> feature_names;
  Eigen::MatrixXd features;  // rows = samples
  Eigen::VectorXi labels;    // empty when the file has no `label` column
  Eigen::VectorXi folds;     // empty when the file has no `fold` column
};

// Throws std::runtime_error naming the file and line on anything that is not a number.
CsvDataset read_csv_dataset(const std::string& path);

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  std::chrono::steady_clock::time_point start_;
};

double median(std::vector<double> values);

// The median wall time of `runs` calls of `work` (the machines are shared and noisy).
double median_seconds(int runs, const std::function<void()>& work);

// "[--runs N] FILE...": the files and the run count; exits 2 with the usage when no file.
struct RunsAndFiles {
  int runs;
  std::vector<std::string> files;
};
RunsAndFiles parse_runs_and_files(int argc, char** argv, const char* program, int default_runs);

// One line on stdout, keys sorted (as anchors.py's json.dumps(sort_keys=True)).
void emit(const nlohmann::json& line);

// A bench's main: runs `run`, and turns an exception into "<name>: <what>" on stderr, exit 1.
int run_main(const char* name, int (*run)(int, char**), int argc, char** argv);

}  // namespace sonic::bench
