#include "sonic/pipeline/import_history.hpp"

#include <spdlog/spdlog.h>

#include <optional>

#include "sonic/core/error.hpp"
#include "sonic/pipeline/export_prefetcher.hpp"
#include "sonic/pipeline/refresh_sessions.hpp"
#include "sonic/sources/export_file_reader.hpp"
#include "sonic/sources/export_inputs.hpp"
#include "sonic/store/bulk_play_load.hpp"
#include "sonic/store/import_run_log.hpp"
#include "sonic/store/play_writer.hpp"
#include "sonic/store/session_store.hpp"

namespace sonic::pipeline {
namespace {

using sources::ExportInput;

std::string skipped_json(const Tally& tally) { return nlohmann::json(tally.skipped).dump(); }

store::ImportedFile imported_file(const ExportInput& input, const std::string& layout, const Tally& tally) {
  return {input.name, layout, tally.rows, tally.imported, tally.duplicates, skipped_json(tally)};
}

store::ImportTotals totals_of(const ImportResult& report) {
  const Tally& tally = report.tally;
  return {!report.failures.empty(), tally.files, tally.rows, tally.imported, tally.duplicates, skipped_json(tally)};
}

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
// read error once its earlier batches are consumed, so the queue stays in step. `wrote` tells
// whether any row reached the writer (a failure before that left the store untouched).
Tally import_file(std::size_t index, ExportPrefetcher& prefetcher, store::PlayWriter& writer, std::string& layout,
                  bool& wrote) {
  Tally tally;
  tally.files = 1;
  while (true) {
    auto batch = prefetcher.next();
    if (!batch || batch->input != index) {
      throw Error(ExitCode::unexpected, "import: the file reader lost its place");
    }
    wrote = wrote || batch->size > 0;
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

// The end of a first import's bulk load: the sessions of every file kept, then the one commit
// (which builds the dropped indexes). The sessions are grouped from the listens the writer kept
// in memory; only when it lost track of them (a play replaced by a richer source's) are they
// read back from plays, through plays_by_start, which the load keeps.
void finish_bulk_load(store::BulkPlayLoad& load, store::Database& db, store::PlayWriter& writer,
                      const store::TouchedRange& touched, std::int64_t session_gap_ms) {
  if (auto listens = writer.take_kept_listens()) {
    refresh_sessions(db, touched, session_gap_ms, std::move(*listens));
  } else {
    refresh_sessions(db, touched, session_gap_ms);
  }
  load.commit();
}

// The files in `inputs`, either file by file (each file one transaction, its sessions refreshed
// with it) or, into an empty store, as one bulk load: one transaction for every file, plays'
// secondary indexes built once at the end, the sessions grouped once. Per-file savepoints inside
// that transaction cost more than the indexes save (every statement's release walks SQLite's
// in-memory sub-journal), so a bulk load has none: a file that fails cannot be taken back alone,
// and the bulk load gives up (nullopt, everything rolled back) for the caller to start again
// file by file, where the failure is reported as ever. Only a file passed over before any of its
// rows was written (not a listening history, in a folder) leaves the bulk load going.
std::optional<ImportResult> import_inputs(store::Database& db, const std::vector<ExportInput>& inputs,
                                          const ImportOptions& options, bool bulk) {
  ImportResult report;
  report.dry_run = options.dry_run;
  std::optional<store::BulkPlayLoad> bulk_load;
  if (bulk) bulk_load.emplace(db);
  store::TouchedRange bulk_touched;  // the sessions to group once the bulk load's indexes are back
  if (!options.dry_run) ensure_session_gap(db, options.session_gap_ms);
  store::ImportRunLog run(db, options.dry_run);
  // A dry run does all the work inside one transaction that is never committed, so later files
  // are matched against earlier ones exactly as in a real import.
  std::optional<store::Transaction> dry_run_scope;
  if (options.dry_run) dry_run_scope.emplace(db);
  store::PlayWriter writer(db, 0);
  if (bulk_load) writer.keep_listens();
  ExportPrefetcher prefetcher(inputs);

  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const ExportInput& input = inputs[i];
    if (options.on_file) options.on_file(input.name, i, inputs.size());
    if (input.video) {
      spdlog::info("skipping {}: video history", input.name);
      report.skipped_files["video_history"] += 1;
      run.pass_over(input.name, "skipped", "video history");
      continue;
    }
    bool wrote = false;
    try {
      std::optional<store::Transaction> transaction;
      if (!bulk_load) transaction.emplace(db);
      writer.set_import_run(run.id());
      std::string layout;
      const Tally tally = import_file(i, prefetcher, writer, layout, wrote);
      const store::TouchedRange touched = writer.take_touched_range();
      if (bulk_load) {
        if (!touched.empty()) bulk_touched.add(touched.from_ms, touched.to_ms);
      } else {
        refresh_sessions(db, touched, options.session_gap_ms);
      }
      report.tally.add(tally);
      run.record_file(imported_file(input, layout, tally), totals_of(report));
      if (transaction) transaction->commit();
      run.committed();
      spdlog::debug("{}: {} layout, {} rows, {} imported, {} duplicates", input.name, layout, tally.rows,
                    tally.imported, tally.duplicates);
      continue;
    } catch (const sources::NotListeningHistory& not_history) {
      if (bulk_load && (wrote || input.named_directly)) return std::nullopt;
      if (!bulk_load) {
        // In a bulk load the file was passed over before any of its rows reached the writer:
        // nothing was rolled back, and the listens the writer keeps are still those stored.
        run.rolled_back();
        writer.forget_cached_ids();
      }
      writer.take_touched_range();
      if (!input.named_directly) {
        spdlog::info("skipping {}: not a listening history", input.name);
        report.skipped_files["not_listening_history"] += 1;
        run.pass_over(input.name, "skipped", "not a listening history");
        continue;
      }
      report.failures.push_back({input.name, not_history.what()});
    } catch (const InputError& bad_file) {
      if (bulk_load) return std::nullopt;
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
    run.pass_over(input.name, "failed", report.failures.back().message);
  }
  if (bulk_load) finish_bulk_load(*bulk_load, db, writer, bulk_touched, options.session_gap_ms);
  run.finish(totals_of(report));
  report.sessions = store::session_count(db);
  return report;
}

}  // namespace

ImportResult import_history(store::Database& db, const std::vector<std::filesystem::path>& paths,
                            const ImportOptions& options) {
  const auto inputs = sources::list_export_inputs(paths);
  if (!options.dry_run && store::plays_empty(db)) {
    if (auto loaded = import_inputs(db, inputs, options, true)) return std::move(*loaded);
    spdlog::info("a file failed during the first import's bulk load: importing again file by file");
  }
  return *import_inputs(db, inputs, options, false);
}

}  // namespace sonic::pipeline
