#include "sonic/store/import_run_log.hpp"

#include "sonic/core/utc_time.hpp"

namespace sonic::store {

ImportRunLog::ImportRunLog(Database& db, bool dry_run) : db_(db), dry_run_(dry_run), started_ms_(now_utc_ms()) {}

void ImportRunLog::rolled_back() {
  if (!committed_) id_ = 0;
}

void ImportRunLog::committed() { committed_ = id_ != 0; }

std::int64_t ImportRunLog::id() {
  if (id_ == 0 && !dry_run_) {
    db_.prepare("INSERT INTO import_runs (kind, started_ms, status) VALUES ('import', ?1, 'ok')")
        .bind(1, started_ms_)
        .run();
    id_ = db_.last_insert_id();
  }
  return id_;
}

void ImportRunLog::record_file(const ImportedFile& file, const ImportTotals& so_far) {
  if (dry_run_) return;
  db_.prepare(
         "INSERT INTO import_files (run_id, path, layout, status, rows_read, imported, "
         "duplicates, skipped) VALUES (?1, ?2, ?3, 'imported', ?4, ?5, ?6, ?7)")
      .bind(1, id())
      .bind(2, file.path)
      .bind(3, file.layout)
      .bind(4, file.rows_read)
      .bind(5, file.imported)
      .bind(6, file.duplicates)
      .bind(7, file.skipped_json)
      .run();
  write_passed_over_and_totals(so_far);
}

void ImportRunLog::pass_over(const std::string& path, const std::string& status, const std::string& why) {
  passed_over_.push_back({path, status, why});
}

void ImportRunLog::finish(const ImportTotals& totals) {
  if (dry_run_ || (passed_over_.empty() && id_ == 0)) return;
  Transaction transaction(db_);
  write_passed_over_and_totals(totals);
  transaction.commit();
}

void ImportRunLog::write_passed_over_and_totals(const ImportTotals& totals) {
  for (const auto& file : passed_over_) {
    db_.prepare("INSERT INTO import_files (run_id, path, status, error) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, id())
        .bind(2, file.path)
        .bind(3, file.status)
        .bind(4, file.why)
        .run();
  }
  passed_over_.clear();
  db_.prepare(
         "UPDATE import_runs SET finished_ms = ?2, status = ?3, files = ?4, rows_read = ?5, "
         "imported = ?6, duplicates = ?7, skipped = ?8 WHERE id = ?1")
      .bind(1, id())
      .bind(2, now_utc_ms())
      .bind(3, totals.partial ? "partial" : "ok")
      .bind(4, totals.files)
      .bind(5, totals.rows_read)
      .bind(6, totals.imported)
      .bind(7, totals.duplicates)
      .bind(8, totals.skipped_json)
      .run();
}

std::int64_t start_ingest_run(Database& db, std::int64_t started_ms) {
  db.prepare("INSERT INTO import_runs (kind, started_ms, status) VALUES ('ingest', ?1, 'ok')")
      .bind(1, started_ms)
      .run();
  return db.last_insert_id();
}

void record_ingest_totals(Database& db, std::int64_t run_id, const IngestTotals& totals) {
  db.prepare(
        "UPDATE import_runs SET finished_ms = ?2, files = ?3, rows_read = ?4, imported = ?5, "
        "duplicates = ?6 WHERE id = ?1")
      .bind(1, run_id)
      .bind(2, now_utc_ms())
      .bind(3, totals.pages)
      .bind(4, totals.fetched)
      .bind(5, totals.new_plays)
      .bind(6, totals.duplicates)
      .run();
}

std::int64_t import_run_count(Database& db) { return db.scalar("SELECT count(*) FROM import_runs"); }

}  // namespace sonic::store
