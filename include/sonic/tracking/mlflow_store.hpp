#pragma once
// Training runs recorded in an MLflow-readable local file store (the home's `mlruns/`), so
// `mlflow ui --backend-store-uri <home>/mlruns` shows every run sonic made:
//
//   mlruns/<experiment_id>/meta.yaml                 one experiment per model kind ("mood", …)
//   mlruns/<experiment_id>/<run_id>/meta.yaml        status, start and end times
//   mlruns/<experiment_id>/<run_id>/params/<key>     the value, no trailing newline
//   mlruns/<experiment_id>/<run_id>/metrics/<key>    "<timestamp_ms> <value> <step>" per line
//   mlruns/<experiment_id>/<run_id>/tags/<key>       mlflow.runName, sonic.version, …
//   mlruns/<experiment_id>/<run_id>/artifacts/       the model file
//
//   auto run = tracking::TrackedRun::start(home.runs(), "mood", {.seed = 42});
//   run.log_param("hidden", "128");
//   run.log_metric("val_loss", 0.41, epoch);
//   run.log_artifact(model_path);
//   run.finish();        // FINISHED; a run destroyed unfinished is recorded as FAILED
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sonic::tracking {

enum class RunStatus { running = 1, scheduled = 2, finished = 3, failed = 4, killed = 5 };
const char* run_status_name(RunStatus status);  // "RUNNING", "FINISHED", …

struct RunStart {
  std::optional<std::uint64_t> seed = std::nullopt;           // tag sonic.seed
  std::optional<std::int64_t> window_from_ms = std::nullopt;  // tags sonic.data_from / sonic.data_to (ISO UTC)
  std::optional<std::int64_t> window_to_ms = std::nullopt;
  std::int64_t now_ms = 0;  // 0: the clock; tests pass a fixed time
};

class TrackedRun {
 public:
  // Creates the experiment named `experiment` if `mlruns` has none yet (its id is a large integer
  // derived from the name, as MLflow's are large random integers), then a RUNNING run in it.
  static TrackedRun start(const std::filesystem::path& mlruns, const std::string& experiment,
                          const RunStart& options = {});

  TrackedRun(TrackedRun&& other) noexcept;
  TrackedRun& operator=(TrackedRun&&) = delete;
  ~TrackedRun();  // still RUNNING: recorded as FAILED, so a crashed step is visible

  const std::string& run_id() const { return run_id_; }
  const std::string& run_name() const { return run_name_; }
  const std::string& experiment_id() const { return experiment_id_; }
  std::filesystem::path run_dir() const { return run_dir_; }

  // MLflow params are write-once: logging a different value for a key throws sonic::Error.
  void log_param(const std::string& key, const std::string& value);
  void log_params(const std::map<std::string, std::string>& params);
  // Appends one point; nan and inf are written as MLflow writes them ("nan", "inf").
  void log_metric(const std::string& key, double value, std::int64_t step = 0);
  void set_tag(const std::string& key, const std::string& value);
  // Copies `file` into artifacts/ (under `name`, default its file name); returns the copy.
  std::filesystem::path log_artifact(const std::filesystem::path& file, const std::string& name = "");

  void finish(RunStatus status = RunStatus::finished);

 private:
  TrackedRun() = default;
  void write_meta(RunStatus status, std::optional<std::int64_t> end_ms) const;

  std::filesystem::path run_dir_;
  std::filesystem::path artifact_dir_;
  std::string experiment_id_;
  std::string run_id_;
  std::string run_name_;
  std::int64_t start_ms_ = 0;
  bool open_ = false;
};

// What `sonic runs` shows: one run as read back from the store.
struct RunSummary {
  std::string experiment;  // the experiment's name
  std::string experiment_id;
  std::string run_id;
  std::string run_name;
  RunStatus status = RunStatus::running;
  std::int64_t start_ms = 0;
  std::optional<std::int64_t> end_ms;
  std::map<std::string, double> metrics;  // each metric's latest value (max of step, time)
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> tags;
};

// Runs in `mlruns` (all experiments, or only `experiment`), newest first, at most `limit`.
// Folders that are not runs, deleted runs and unreadable files are skipped (with a warning).
std::vector<RunSummary> list_runs(const std::filesystem::path& mlruns,
                                  const std::optional<std::string>& experiment = std::nullopt, std::size_t limit = 20);

}  // namespace sonic::tracking
