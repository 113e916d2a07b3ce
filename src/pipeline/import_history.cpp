#include "sonic/pipeline/import_history.hpp"

#include <spdlog/spdlog.h>

#include <optional>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/pipeline/export_prefetcher.hpp"
#include "sonic/pipeline/refresh_sessions.hpp"
#include "sonic/sources/export_file_reader.hpp"
#include "sonic/sources/export_inputs.hpp"
#include "sonic/store/play_writer.hpp"

namespace sonic::pipeline {
namespace {

using sources::ExportInput;

std::string skipped_json(const Tally& tally) { return nlohmann::json(tally.skipped).dump(); }

// The audit trail of one import: the run row and a row per file. Everything is written inside
// the transaction of a file that commits (or one final transaction for files passed over), so
// a failed or killed import leaves no trace beyond the files that really landed.
class ImportRun {
 public:
  ImportRun(store::Database& db, bool dry_run) : db_(db), dry_run_(dry_run), started_ms_(now_utc_ms()) {}

  // The run row is created by the first file that commits; a rollback takes it away again.
  void rolled_back() {
    if (!committed_) id_ = 0;
  }
  void committed() { committed_ = id_ != 0; }

  std::int64_t id() {
    if (id_ == 0 && !dry_run_) {
      db_.prepare("INSERT INTO import_runs (kind, started_ms, status) VALUES ('import', ?1, 'ok')")
          .bind(1, started_ms_)
          .run();
      id_ = db_.last_insert_id();
    }
    return id_;
  }

  void record_file(const ExportInput& input, const char* layout, const Tally& tally, const ImportReport& so_far) {
    if (dry_run_) return;
    db_.prepare(
           "INSERT INTO import_files (run_id, path, layout, status, rows_read, imported, "
           "duplicates, skipped) VALUES (?1, ?2, ?3, 'imported', ?4, ?5, ?6, ?7)")
        .bind(1, id())
        .bind(2, input.name)
        .bind(3, layout)
        .bind(4, tally.rows)
        .bind(5, tally.imported)
        .bind(6, tally.duplicates)
        .bind(7, skipped_json(tally))
        .run();
    write_pending_and_totals(so_far);
  }

  void pass_over(const ExportInput& input, const std::string& status, const std::string& why) {
    pending_.push_back({input.name, status, why});
  }

  // Files passed over after the last committed one, and the final totals.
  void finish(const ImportReport& report) {
    if (dry_run_ || (pending_.empty() && id_ == 0)) return;
    store::Transaction transaction(db_);
    write_pending_and_totals(report);
    transaction.commit();
  }

 private:
  struct Pending {
    std::string path;
    std::string status;
    std::string why;
  };

  void write_pending_and_totals(const ImportReport& report) {
    for (const auto& file : pending_) {
      db_.prepare("INSERT INTO import_files (run_id, path, status, error) VALUES (?1, ?2, ?3, ?4)")
          .bind(1, id())
          .bind(2, file.path)
          .bind(3, file.status)
          .bind(4, file.why)
          .run();
    }
    pending_.clear();
    const Tally& tally = report.tally;
    db_.prepare(
           "UPDATE import_runs SET finished_ms = ?2, status = ?3, files = ?4, rows_read = ?5, "
           "imported = ?6, duplicates = ?7, skipped = ?8 WHERE id = ?1")
        .bind(1, id())
        .bind(2, now_utc_ms())
        .bind(3, report.failures.empty() ? "ok" : "partial")
        .bind(4, tally.files)
        .bind(5, tally.rows)
        .bind(6, tally.imported)
        .bind(7, tally.duplicates)
        .bind(8, skipped_json(tally))
        .run();
  }

  store::Database& db_;
  bool dry_run_;
  std::int64_t started_ms_;
  std::int64_t id_ = 0;
  bool committed_ = false;
  std::vector<Pending> pending_;
};

void write_batch(const RowBatch& batch, store::PlayWriter& writer, Tally& tally) {
  tally.rows += static_cast<std::int64_t>(batch.rows);
  for (const auto& [reason, count] : batch.skipped) tally.skip(reason, count);
  for (std::size_t i = 0; i < batch.size; ++i) writer.write(batch.records[i]);
}

void add_counts(const store::WriteCounts& counts, Tally& tally) {
  tally.imported += counts.imported;
  tally.duplicates += counts.duplicates;
  tally.replaced += counts.replaced;
  tally.short_plays += counts.short_plays;
  tally.episodes += counts.episodes;
}

// Writes every batch of input `index`; the caller owns the transaction. Rethrows the input's
// read error once its earlier batches are consumed, so the queue stays in step.
Tally import_file(std::size_t index, ExportPrefetcher& prefetcher, store::PlayWriter& writer, std::string& layout) {
  Tally tally;
  tally.files = 1;
  while (true) {
    auto batch = prefetcher.next();
    if (!batch || batch->input != index) {
      throw Error(ExitCode::unexpected, "import: the file reader lost its place");
    }
    write_batch(*batch, writer, tally);
    const bool last = batch->last;
    const std::exception_ptr error = batch->error;
    layout = batch->layout;
    prefetcher.recycle(std::move(batch));
    if (error) std::rethrow_exception(error);
    if (last) {
      add_counts(writer.take_counts(), tally);
      return tally;
    }
  }
}

}  // namespace

ImportReport import_history(store::Database& db, const std::vector<std::filesystem::path>& paths,
                            const ImportOptions& options) {
  const auto inputs = sources::list_export_inputs(paths);
  ImportReport report;
  report.dry_run = options.dry_run;
  if (!options.dry_run) ensure_session_gap(db, options.session_gap_ms);
  ImportRun run(db, options.dry_run);
  // A dry run does all the work inside one transaction that is never committed, so later files
  // are matched against earlier ones exactly as in a real import.
  std::optional<store::Transaction> dry_run_scope;
  if (options.dry_run) dry_run_scope.emplace(db);
  store::PlayWriter writer(db, 0);
  ExportPrefetcher prefetcher(inputs);

  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const ExportInput& input = inputs[i];
    if (options.on_file) options.on_file(input.name, i, inputs.size());
    if (input.video) {
      spdlog::info("skipping {}: video history", input.name);
      report.skipped_files["video_history"] += 1;
      run.pass_over(input, "skipped", "video history");
      continue;
    }
    try {
      store::Transaction transaction(db);
      writer.set_import_run(run.id());
      std::string layout;
      const Tally tally = import_file(i, prefetcher, writer, layout);
      refresh_sessions(db, writer.take_touched_range(), options.session_gap_ms);
      report.tally.add(tally);
      run.record_file(input, layout.c_str(), tally, report);
      transaction.commit();
      run.committed();
      spdlog::debug("{}: {} layout, {} rows, {} imported, {} duplicates", input.name, layout, tally.rows,
                    tally.imported, tally.duplicates);
      continue;
    } catch (const sources::NotListeningHistory& not_history) {
      run.rolled_back();
      writer.forget_cached_ids();
      writer.take_touched_range();
      if (!input.named_directly) {
        spdlog::info("skipping {}: not a listening history", input.name);
        report.skipped_files["not_listening_history"] += 1;
        run.pass_over(input, "skipped", "not a listening history");
        continue;
      }
      report.failures.push_back({input.name, not_history.what()});
    } catch (const InputError& bad_file) {
      run.rolled_back();
      writer.forget_cached_ids();
      writer.take_touched_range();
      report.failures.push_back({input.name, bad_file.what()});
    }
    // Only failures reach this point. Without --keep-going the store stays exactly as it was
    // before this file: nothing about the failure is written.
    if (!options.keep_going) {
      throw InputError(report.failures.back().message +
                       (i > 0 ? " (the files before it were imported; --keep-going imports the "
                                "others too)"
                              : ""));
    }
    run.pass_over(input, "failed", report.failures.back().message);
  }
  run.finish(report);
  report.sessions = db.scalar("SELECT count(*) FROM sessions");
  return report;
}

}  // namespace sonic::pipeline
