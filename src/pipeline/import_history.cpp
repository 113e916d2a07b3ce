#include "sonic/pipeline/import_history.hpp"

#include <spdlog/spdlog.h>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/pipeline/refresh_sessions.hpp"
#include "sonic/sources/export_file_reader.hpp"
#include "sonic/sources/export_inputs.hpp"
#include "sonic/store/play_writer.hpp"

namespace sonic::pipeline {
namespace {

using sources::ExportInput;

std::string skipped_json(const Tally& tally) { return nlohmann::json(tally.skipped).dump(); }

class ImportRun {
 public:
  ImportRun(store::Database& db, bool dry_run) : db_(db), dry_run_(dry_run) {
    if (dry_run_) return;
    db_.prepare("INSERT INTO import_runs (kind, started_ms, status) VALUES ('import', ?1, 'running')")
        .bind(1, now_utc_ms())
        .run();
    id_ = db_.last_insert_id();
  }

  std::int64_t id() const { return id_; }

  // Inside the file's transaction, so the audit trail commits or rolls back with the plays.
  void record_file(const ExportInput& input, const char* layout, const Tally& tally) {
    if (dry_run_) return;
    db_.prepare(
           "INSERT INTO import_files (run_id, path, layout, status, rows_read, imported, "
           "duplicates, skipped) VALUES (?1, ?2, ?3, 'imported', ?4, ?5, ?6, ?7)")
        .bind(1, id_).bind(2, input.name).bind(3, layout).bind(4, tally.rows)
        .bind(5, tally.imported).bind(6, tally.duplicates).bind(7, skipped_json(tally))
        .run();
  }

  void record_refused(const ExportInput& input, const std::string& status, const std::string& why) {
    if (dry_run_) return;
    store::Transaction transaction(db_);
    db_.prepare("INSERT INTO import_files (run_id, path, status, error) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, id_).bind(2, input.name).bind(3, status).bind(4, why)
        .run();
    transaction.commit();
  }

  void finish(const ImportReport& report, const std::string& status, const std::string& error) {
    if (dry_run_) return;
    const Tally& tally = report.tally;
    db_.prepare(
           "UPDATE import_runs SET finished_ms = ?2, status = ?3, files = ?4, rows_read = ?5, "
           "imported = ?6, duplicates = ?7, skipped = ?8, error = ?9 WHERE id = ?1")
        .bind(1, id_).bind(2, now_utc_ms()).bind(3, status).bind(4, tally.files)
        .bind(5, tally.rows).bind(6, tally.imported).bind(7, tally.duplicates)
        .bind(8, skipped_json(tally)).bind(9, error.empty() ? std::nullopt : std::optional(error))
        .run();
  }

 private:
  store::Database& db_;
  bool dry_run_;
  std::int64_t id_ = 0;
};

// Reads one file and writes its rows; the caller owns the transaction.
Tally import_file(const ExportInput& input, store::PlayWriter& writer, std::string& layout) {
  Tally tally;
  tally.files = 1;
  auto source = input.open();
  sources::ExportFileReader reader(*source, input.name);
  sources::PlayRecord record;
  std::string skip_reason;
  while (reader.next(record, skip_reason)) {
    ++tally.rows;
    if (!skip_reason.empty()) {
      tally.skip(skip_reason);
      continue;
    }
    switch (writer.write(record)) {
      case store::WriteOutcome::duplicate: ++tally.duplicates; continue;
      case store::WriteOutcome::replaced: ++tally.replaced; break;
      case store::WriteOutcome::imported: break;
    }
    ++tally.imported;
    if (record.ms_played < sources::kShortPlayMs) ++tally.short_plays;
    if (record.kind != sources::ItemKind::track) ++tally.episodes;
  }
  layout = sources::to_string(reader.layout());
  return tally;
}

}  // namespace

ImportReport import_history(store::Database& db, const std::vector<std::filesystem::path>& paths,
                            const ImportOptions& options) {
  const auto inputs = sources::list_export_inputs(paths);
  ImportReport report;
  report.dry_run = options.dry_run;
  if (!options.dry_run) ensure_session_gap(db, options.session_gap_ms);
  ImportRun run(db, options.dry_run);
  store::PlayWriter writer(db, run.id());

  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const ExportInput& input = inputs[i];
    if (options.on_file) options.on_file(input.name, i, inputs.size());
    if (input.video) {
      spdlog::info("skipping {}: video history", input.name);
      report.skipped_files["video_history"] += 1;
      run.record_refused(input, "skipped", "video history");
      continue;
    }
    try {
      store::Transaction transaction(db);
      std::string layout;
      const Tally tally = import_file(input, writer, layout);
      refresh_sessions(db, writer.take_touched_range(), options.session_gap_ms);
      run.record_file(input, layout.c_str(), tally);
      if (options.dry_run) {
        writer.forget_cached_ids();  // the transaction rolls back: cached row ids vanish with it
      } else {
        transaction.commit();
      }
      report.tally.add(tally);
      spdlog::debug("{}: {} layout, {} rows, {} imported, {} duplicates", input.name, layout,
                    tally.rows, tally.imported, tally.duplicates);
      continue;
    } catch (const sources::NotListeningHistory& not_history) {
      writer.forget_cached_ids();
      writer.take_touched_range();
      if (input.named_directly) {
        report.failures.push_back({input.name, not_history.what()});
      } else {
        spdlog::info("skipping {}: not a listening history", input.name);
        report.skipped_files["not_listening_history"] += 1;
        run.record_refused(input, "skipped", "not a listening history");
        continue;
      }
    } catch (const InputError& bad_file) {
      writer.forget_cached_ids();
      writer.take_touched_range();
      report.failures.push_back({input.name, bad_file.what()});
    }
    // Only failures reach this point.
    run.record_refused(input, "failed", report.failures.back().message);
    if (!options.keep_going) {
      run.finish(report, "failed", report.failures.back().message);
      throw InputError(report.failures.back().message +
                       (inputs.size() > 1 ? " (files before it were imported; use --keep-going "
                                            "to import the others too)"
                                          : ""));
    }
  }
  run.finish(report, report.failures.empty() ? "ok" : "partial", "");
  report.sessions = db.scalar("SELECT count(*) FROM sessions");
  return report;
}

}  // namespace sonic::pipeline
