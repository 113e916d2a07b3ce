#include "bench_support.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace sonic::bench {
namespace {

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    parts.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

double to_double(std::string_view text, const std::string& where) {
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) {
    throw std::runtime_error(where + ": not a number: '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace

CsvDataset read_csv_dataset(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(path + ": empty file");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const auto header = split(line);
  int label_column = -1;
  int fold_column = -1;
  std::vector<int> feature_columns;
  CsvDataset data;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "label") {
      label_column = static_cast<int>(i);
    } else if (header[i] == "fold") {
      fold_column = static_cast<int>(i);
    } else {
      feature_columns.push_back(static_cast<int>(i));
      data.feature_names.emplace_back(header[i]);
    }
  }
  std::vector<double> values;
  std::vector<int> labels;
  std::vector<int> folds;
  std::size_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto cells = split(line);
    const std::string where = path + ":" + std::to_string(line_number);
    if (cells.size() != header.size()) throw std::runtime_error(where + ": wrong number of columns");
    for (int column : feature_columns) values.push_back(to_double(cells[static_cast<std::size_t>(column)], where));
    if (label_column >= 0)
      labels.push_back(static_cast<int>(to_double(cells[static_cast<std::size_t>(label_column)], where)));
    if (fold_column >= 0)
      folds.push_back(static_cast<int>(to_double(cells[static_cast<std::size_t>(fold_column)], where)));
  }
  const auto rows = static_cast<Eigen::Index>(values.size() / std::max<std::size_t>(1, feature_columns.size()));
  const auto cols = static_cast<Eigen::Index>(feature_columns.size());
  data.features =
      Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(values.data(), rows, cols);
  if (!labels.empty())
    data.labels = Eigen::Map<Eigen::VectorXi>(labels.data(), static_cast<Eigen::Index>(labels.size()));
  if (!folds.empty()) data.folds = Eigen::Map<Eigen::VectorXi>(folds.data(), static_cast<Eigen::Index>(folds.size()));
  return data;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double median_seconds(int runs, const std::function<void()>& work) {
  std::vector<double> seconds;
  for (int i = 0; i < runs; ++i) {
    const Stopwatch watch;
    work();
    seconds.push_back(watch.seconds());
  }
  return median(seconds);
}

RunsAndFiles parse_runs_and_files(int argc, char** argv, const char* program, int default_runs) {
  RunsAndFiles parsed{default_runs, {}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      parsed.runs = std::max(1, std::atoi(argv[++i]));
    } else {
      parsed.files.push_back(arg);
    }
  }
  if (parsed.files.empty()) {
    std::fprintf(stderr, "usage: %s [--runs N] FILE...\n", program);
    std::exit(2);
  }
  return parsed;
}

void emit(const nlohmann::json& line) {
  const std::string text = line.dump();  // nlohmann's object keys are sorted already
  std::printf("%s\n", text.c_str());
  std::fflush(stdout);
}

int run_main(const char* name, int (*run)(int, char**), int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: %s\n", name, error.what());
    return 1;
  }
}

}  // namespace sonic::bench
