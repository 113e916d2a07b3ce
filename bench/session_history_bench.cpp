// The session model on real listening histories: each history is imported into a fresh temporary
// home through the same entry point as `sonic import`, the model is trained as by
// `sonic train session`, and its ROC-AUC on the held-out 20 % of hours is printed next to the
// hour-of-week baseline's. No reference tool: the baseline is the bar.
//
//   session_history_bench [--window DAYS] [--threads T] [--tz ZONE] HISTORY...
//
// HISTORY: an export folder, zip or file. One JSON line per history; a history the model cannot
// be trained on (too short, no session starts) gets a line with its "error".
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/core/version.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/pipeline/train_session.hpp"
#include "sonic/store/schema.hpp"

namespace {

struct Settings {
  sonic::session::SessionTrainingOptions training;
  std::string zone = "UTC";  // the exports do not say where their people live
  std::vector<std::filesystem::path> histories;
};

// A history's name: its folder (`basic/jill`) or file, relative to the histories folder.
std::string name_of(const std::filesystem::path& history) {
  return history.parent_path().filename().string() + "/" + history.filename().string();
}

nlohmann::json bench_history(const std::filesystem::path& history, const Settings& settings) {
  const auto scratch = std::filesystem::temp_directory_path() / "sonic-session-bench";
  std::filesystem::remove_all(scratch);
  const sonic::Home home{.dir = scratch, .database = scratch / "sonic.db"};
  std::filesystem::create_directories(scratch);
  nlohmann::json line = {
      {"task", "session"}, {"tool", std::string("sonic ") + sonic::kVersion}, {"data", name_of(history)}};
  try {
    sonic::bench::Stopwatch import_watch;
    auto db = sonic::store::open_store(home.database);
    const auto report = sonic::pipeline::import_history(db, {history}, {});
    line["import_seconds"] = import_watch.seconds();
    line["plays"] = report.tally.imported;

    sonic::bench::Stopwatch watch;
    const auto result =
        sonic::pipeline::train_session(db, home, sonic::TimeZone::named(settings.zone), settings.training);
    line["seconds"] = watch.seconds();
    const auto& training = result.training;
    line["hours"] = training.window.hour_starts_ms.size();
    line["test_hours"] = training.split.test;
    line["test_start_hours"] = training.test_positives;
    line["best_round"] = training.best_round;
    line["auc"] = training.evaluation.model.roc_auc;
    line["baseline_auc"] = training.evaluation.hour_of_week.roc_auc;
    line["pr_auc"] = training.evaluation.model.pr_auc;
    line["baseline_pr_auc"] = training.evaluation.hour_of_week.pr_auc;
    line["logloss"] = training.evaluation.model.log_loss;
    line["baseline_logloss"] = training.evaluation.hour_of_week.log_loss;
    line["brier"] = training.evaluation.model.brier;
    line["baseline_brier"] = training.evaluation.hour_of_week.brier;
  } catch (const sonic::InputError& error) {
    line["error"] = error.what();
  }
  std::filesystem::remove_all(scratch);
  return line;
}

int run(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--window" && i + 1 < argc) {
      settings.training.window_days = std::atoi(argv[++i]);
    } else if (argument == "--threads" && i + 1 < argc) {
      settings.training.threads = std::atoi(argv[++i]);
    } else if (argument == "--tz" && i + 1 < argc) {
      settings.zone = argv[++i];
    } else {
      settings.histories.emplace_back(argument);
    }
  }
  if (settings.histories.empty()) {
    std::fprintf(stderr, "usage: session_history_bench [--window DAYS] [--threads T] [--tz ZONE] HISTORY...\n");
    return 2;
  }
  sonic::configure_logging("warn");
  for (const auto& history : settings.histories) sonic::bench::emit(bench_history(history, settings));
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return sonic::bench::run_main("session_history_bench", run, argc, argv); }
