#include "sonic/pipeline/import_history.hpp"

#include <spdlog/spdlog.h>

#include <optional>

#include "sonic/core/error.hpp"
#include "sonic/pipeline/export_prefetcher.hpp"
#include "sonic/pipeline/refresh_sessions.hpp"
#include "sonic/sources/export_file_reader.hpp"
#include "sonic/sources/export_inputs.hpp"
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

ImportResult import_history(store::Database& db, const std::vector<std::filesystem::path>& paths,
                            const ImportOptions& options) {
  const auto inputs = sources::list_export_inputs(paths);
  ImportResult report;
  report.dry_run = options.dry_run;
  if (!options.dry_run) ensure_session_gap(db, options.session_gap_ms);
  store::ImportRunLog run(db, options.dry_run);
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
      run.pass_over(input.name, "skipped", "video history");
      continue;
    }
    try {
      store::Transaction transaction(db);
      writer.set_import_run(run.id());
      std::string layout;
      const Tally tally = import_file(i, prefetcher, writer, layout);
      refresh_sessions(db, writer.take_touched_range(), options.session_gap_ms);
      report.tally.add(tally);
      run.record_file(imported_file(input, layout, tally), totals_of(report));
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
        run.pass_over(input.name, "skipped", "not a listening history");
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
    run.pass_over(input.name, "failed", report.failures.back().message);
  }
  run.finish(totals_of(report));
  report.sessions = store::session_count(db);
  return report;
}

}  // namespace sonic::pipeline
