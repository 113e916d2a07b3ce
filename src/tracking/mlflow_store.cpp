#include "sonic/tracking/mlflow_store.hpp"

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/sha256.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/core/version.hpp"
#include "yaml_lines.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <tuple>

namespace sonic::tracking {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDefaultExperimentId = "0";

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw Error(ExitCode::unexpected, "run store " + path.string() + ": " + what);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& file, const std::string& text) { write_file_atomically(file, text); }

bool all_digits(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_run_id(const std::string& name) {
  return name.size() == 32 &&
         std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string file_uri(const fs::path& path) { return "file://" + fs::absolute(path).lexically_normal().string(); }

void write_experiment_meta(const fs::path& dir, const std::string& id, const std::string& name, std::int64_t now) {
  write_text(dir / "meta.yaml", render_yaml({{"artifact_location", yaml_string(file_uri(dir))},
                                             {"creation_time", yaml_number(now)},
                                             {"experiment_id", yaml_string(id)},
                                             {"last_update_time", yaml_number(now)},
                                             {"lifecycle_stage", "active"},
                                             {"name", yaml_string(name)}}));
}

std::optional<std::string> experiment_name(const fs::path& dir) {
  const auto meta = read_flat_yaml(dir / "meta.yaml");
  if (!meta) return std::nullopt;
  const auto found = meta->find("name");
  if (found == meta->end() || !found->second) return std::nullopt;
  return *found->second;
}

// MLflow gives new experiments large random integers; sonic derives one from the name so that
// two homes agree, stepping past any folder already taken by another experiment.
std::string find_or_create_experiment(const fs::path& mlruns, const std::string& name, std::int64_t now) {
  std::error_code ec;
  fs::create_directories(mlruns, ec);
  if (ec) fail(mlruns, "cannot create it: " + ec.message());
  if (!fs::exists(mlruns / kDefaultExperimentId / "meta.yaml")) {
    write_experiment_meta(mlruns / kDefaultExperimentId, kDefaultExperimentId, "Default", now);
  }
  for (const auto& entry : fs::directory_iterator(mlruns)) {
    const auto id = entry.path().filename().string();
    if (entry.is_directory() && all_digits(id) && experiment_name(entry.path()) == name) return id;
  }
  const auto digest = sha256("sonic experiment " + name);
  std::uint64_t number = 0;
  for (int i = 0; i < 8; ++i) number = (number << 8) | digest[static_cast<std::size_t>(i)];
  number = number % 900000000000000000ULL + 100000000000000000ULL;  // 18 digits, like MLflow's
  while (fs::exists(mlruns / std::to_string(number))) ++number;
  const auto id = std::to_string(number);
  write_experiment_meta(mlruns / id, id, name, now);
  return id;
}

// A run id only needs to be unique: the clock, the process and a counter, hashed to 32 hex.
std::string new_run_id(const std::string& experiment) {
  static std::atomic<std::uint64_t> counter{0};
  const auto ticks = std::chrono::high_resolution_clock::now().time_since_epoch().count();
  const auto seed =
      experiment + " " + std::to_string(ticks) + " " + std::to_string(::getpid()) + " " + std::to_string(counter++);
  return to_hex(sha256(seed)).substr(0, 32);
}

// "mood-20261121-075800": readable in `mlflow ui` and in `sonic runs`.
std::string run_name_for(const std::string& experiment, std::int64_t now_ms) {
  auto stamp = format_iso8601_utc(now_ms);  // 2026-11-21T07:58:00Z
  std::string compact;
  for (char c : stamp.substr(0, 19)) {
    if (c == 'T')
      compact += '-';
    else if (c != '-' && c != ':')
      compact += c;
  }
  return experiment + "-" + compact;
}

std::string metric_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char text[32];
  const auto written = std::to_chars(text, text + sizeof text, value);
  return std::string(text, written.ptr);
}

std::string user_name() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "sonic";
}

}  // namespace

const char* run_status_name(RunStatus status) {
  switch (status) {
    case RunStatus::running:
      return "RUNNING";
    case RunStatus::scheduled:
      return "SCHEDULED";
    case RunStatus::finished:
      return "FINISHED";
    case RunStatus::failed:
      return "FAILED";
    case RunStatus::killed:
      return "KILLED";
  }
  return "UNKNOWN";
}

TrackedRun TrackedRun::start(const fs::path& mlruns, const std::string& experiment, const RunStart& options) {
  TrackedRun run;
  run.start_ms_ = options.now_ms != 0 ? options.now_ms : now_utc_ms();
  run.experiment_id_ = find_or_create_experiment(mlruns, experiment, run.start_ms_);
  run.run_id_ = new_run_id(experiment);
  run.run_name_ = run_name_for(experiment, run.start_ms_);
  run.run_dir_ = mlruns / run.experiment_id_ / run.run_id_;
  run.artifact_dir_ = run.run_dir_ / "artifacts";
  std::error_code ec;
  for (const char* sub : {"artifacts", "metrics", "params", "tags"}) {
    fs::create_directories(run.run_dir_ / sub, ec);
    if (ec) fail(run.run_dir_, "cannot create it: " + ec.message());
  }
  run.write_meta(RunStatus::running, std::nullopt);
  run.open_ = true;
  run.set_tag("mlflow.runName", run.run_name_);
  run.set_tag("mlflow.user", user_name());
  run.set_tag("mlflow.source.name", "sonic");
  run.set_tag("mlflow.source.type", "LOCAL");
  run.set_tag("sonic.version", kVersion);
  if (options.seed) run.set_tag("sonic.seed", std::to_string(*options.seed));
  if (options.window_from_ms) run.set_tag("sonic.data_from", format_iso8601_utc(*options.window_from_ms));
  if (options.window_to_ms) run.set_tag("sonic.data_to", format_iso8601_utc(*options.window_to_ms));
  return run;
}

TrackedRun::TrackedRun(TrackedRun&& other) noexcept
    : run_dir_(std::move(other.run_dir_)),
      artifact_dir_(std::move(other.artifact_dir_)),
      experiment_id_(std::move(other.experiment_id_)),
      run_id_(std::move(other.run_id_)),
      run_name_(std::move(other.run_name_)),
      start_ms_(other.start_ms_),
      open_(other.open_) {
  other.open_ = false;
}

TrackedRun::~TrackedRun() {
  if (!open_) return;
  try {
    finish(RunStatus::failed);
  } catch (const std::exception& error) {
    spdlog::warn("could not record run {} as failed: {}", run_id_, error.what());
  }
}

void TrackedRun::write_meta(RunStatus status, std::optional<std::int64_t> end_ms) const {
  write_text(run_dir_ / "meta.yaml", render_yaml({{"artifact_uri", yaml_string(file_uri(artifact_dir_))},
                                                  {"deleted_time", yaml_null()},
                                                  {"end_time", end_ms ? yaml_number(*end_ms) : yaml_null()},
                                                  {"entry_point_name", "''"},
                                                  {"experiment_id", yaml_string(experiment_id_)},
                                                  {"lifecycle_stage", "active"},
                                                  {"run_id", run_id_},
                                                  {"run_name", yaml_string(run_name_)},
                                                  {"run_uuid", run_id_},
                                                  {"source_name", "''"},
                                                  {"source_type", "4"},
                                                  {"source_version", "''"},
                                                  {"start_time", yaml_number(start_ms_)},
                                                  {"status", std::to_string(static_cast<int>(status))},
                                                  {"tags", "[]"},
                                                  {"user_id", yaml_string(user_name())}}));
}

void TrackedRun::log_param(const std::string& key, const std::string& value) {
  const auto file = run_dir_ / "params" / key;
  if (fs::exists(file)) {
    if (read_text(file) == value) return;
    fail(file, "param '" + key + "' already holds another value (MLflow params are write-once)");
  }
  write_text(file, value);
}

void TrackedRun::log_params(const std::map<std::string, std::string>& params) {
  for (const auto& [key, value] : params) log_param(key, value);
}

void TrackedRun::log_metric(const std::string& key, double value, std::int64_t step) {
  const auto file = run_dir_ / "metrics" / key;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);  // "a/b" keys make sub-folders
  std::ofstream out(file, std::ios::app | std::ios::binary);
  out << now_utc_ms() << ' ' << metric_number(value) << ' ' << step << '\n';
  if (!out) fail(file, "cannot append the metric");
}

void TrackedRun::set_tag(const std::string& key, const std::string& value) {
  write_text(run_dir_ / "tags" / key, value);
}

fs::path TrackedRun::log_artifact(const fs::path& file, const std::string& name) {
  const auto target = artifact_dir_ / (name.empty() ? file.filename().string() : name);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  fs::copy_file(file, target, fs::copy_options::overwrite_existing, ec);
  if (ec) fail(target, "cannot copy the artifact " + file.string() + ": " + ec.message());
  return target;
}

void TrackedRun::finish(RunStatus status) {
  if (!open_) return;
  open_ = false;
  write_meta(status, now_utc_ms());
}

namespace {

std::optional<double> parse_double(const std::string& text) {
  if (text == "nan" || text == "NaN") return std::nan("");
  if (text == "inf" || text == "Infinity") return INFINITY;
  if (text == "-inf" || text == "-Infinity") return -INFINITY;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// MLflow's "latest" value: the largest (step, timestamp, value).
std::optional<double> latest_metric(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::optional<std::tuple<std::int64_t, std::int64_t, double>> best;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string time_text, value_text;
    std::int64_t step = 0;
    if (!(fields >> time_text >> value_text)) continue;
    fields >> step;
    const auto value = parse_double(value_text);
    const auto time = parse_double(time_text);
    if (!value || !time) continue;
    const std::tuple<std::int64_t, std::int64_t, double> point{step, static_cast<std::int64_t>(*time), *value};
    if (!best || point > *best) best = point;
  }
  if (!best) return std::nullopt;
  return std::get<2>(*best);
}

std::map<std::string, std::string> read_value_files(const fs::path& dir) {
  std::map<std::string, std::string> values;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return values;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file()) values[fs::relative(it->path(), dir).generic_string()] = read_text(it->path());
  }
  return values;
}

// Nullopt for an unreadable run; a deleted one comes back with `deleted` set.
struct ReadRun {
  std::optional<RunSummary> run;
  bool deleted = false;
};

ReadRun read_run(const fs::path& dir, const std::string& experiment) {
  const auto meta = read_flat_yaml(dir / "meta.yaml");
  if (!meta) return {};
  const auto value = [&](const char* key) -> std::optional<std::string> {
    const auto found = meta->find(key);
    return found == meta->end() ? std::nullopt : found->second;
  };
  if (value("lifecycle_stage").value_or("active") != "active") return {std::nullopt, true};
  RunSummary run;
  run.experiment = experiment;
  run.experiment_id = dir.parent_path().filename().string();
  run.run_id = dir.filename().string();
  run.run_name = value("run_name").value_or("");
  const auto status = parse_double(value("status").value_or(""));
  const auto start = parse_double(value("start_time").value_or(""));
  if (!status || !start) return {};
  run.status = static_cast<RunStatus>(static_cast<int>(*status));
  run.start_ms = static_cast<std::int64_t>(*start);
  if (const auto end = parse_double(value("end_time").value_or(""))) run.end_ms = static_cast<std::int64_t>(*end);
  std::error_code ec;
  const auto metrics_dir = dir / "metrics";
  if (fs::is_directory(metrics_dir, ec)) {
    for (auto it = fs::recursive_directory_iterator(metrics_dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      if (const auto latest = latest_metric(it->path())) {
        run.metrics[fs::relative(it->path(), metrics_dir).generic_string()] = *latest;
      }
    }
  }
  run.params = read_value_files(dir / "params");
  run.tags = read_value_files(dir / "tags");
  return {std::move(run), false};
}

}  // namespace

std::vector<RunSummary> list_runs(const fs::path& mlruns, const std::optional<std::string>& experiment,
                                  std::size_t limit) {
  std::vector<RunSummary> runs;
  std::error_code ec;
  if (!fs::is_directory(mlruns, ec)) return runs;
  for (const auto& experiment_dir : fs::directory_iterator(mlruns, ec)) {
    const auto id = experiment_dir.path().filename().string();
    if (!experiment_dir.is_directory() || !all_digits(id)) continue;
    const auto name = experiment_name(experiment_dir.path());
    if (!name) {
      spdlog::warn("skipping {}: no readable meta.yaml", experiment_dir.path().string());
      continue;
    }
    if (experiment && *name != *experiment) continue;
    for (const auto& run_dir : fs::directory_iterator(experiment_dir.path(), ec)) {
      if (!run_dir.is_directory() || !is_run_id(run_dir.path().filename().string())) continue;
      auto read = read_run(run_dir.path(), *name);
      if (read.run) {
        runs.push_back(std::move(*read.run));
      } else if (!read.deleted) {
        spdlog::warn("skipping run {}: unreadable meta.yaml", run_dir.path().string());
      }
    }
  }
  std::sort(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) {
    return std::tie(a.start_ms, a.run_id) > std::tie(b.start_ms, b.run_id);
  });
  if (runs.size() > limit) runs.resize(limit);
  return runs;
}

}  // namespace sonic::tracking
