#pragma once
// The audit trail of imports and ingests: a row per run in import_runs and, for an import, a
// row per file it committed or passed over in import_files.
#include <cstdint>
#include <string>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct ImportedFile {
  std::string path;
  std::string layout;
  std::int64_t rows_read = 0;
  std::int64_t imported = 0;
  std::int64_t duplicates = 0;
  std::string skipped_json;  // JSON object: reason -> count
};

// An import's totals so far.
struct ImportTotals {
  bool partial = false;  // files failed
  std::int64_t files = 0;
  std::int64_t rows_read = 0;
  std::int64_t imported = 0;
  std::int64_t duplicates = 0;
  std::string skipped_json;
};

// One import's run row and file rows. Everything is written inside the transaction of a file
// that commits (or one final transaction for files passed over), so a failed or killed import
// leaves no trace beyond the files that really landed. A dry run writes nothing.
class ImportRunLog {
 public:
  ImportRunLog(Database& db, bool dry_run);

  // The run row is created by the first file that commits; a rollback takes it away again.
  void rolled_back();
  void committed();
  std::int64_t id();  // creates the run row if there is none yet (0 in a dry run)

  // Call inside the file's transaction.
  void record_file(const ImportedFile& file, const ImportTotals& so_far);
  // Recorded with the next file that commits, or by finish().
  void pass_over(const std::string& path, const std::string& status, const std::string& why);
  // Files passed over after the last committed one, and the final totals, in one transaction.
  void finish(const ImportTotals& totals);

 private:
  struct PassedOver {
    std::string path;
    std::string status;
    std::string why;
  };
  void write_passed_over_and_totals(const ImportTotals& totals);

  Database& db_;
  bool dry_run_;
  std::int64_t started_ms_;
  std::int64_t id_ = 0;
  bool committed_ = false;
  std::vector<PassedOver> passed_over_;
};

// What an ingest has done so far.
struct IngestTotals {
  std::int64_t pages = 0;
  std::int64_t fetched = 0;
  std::int64_t new_plays = 0;
  std::int64_t duplicates = 0;
};

// Creates an ingest's run row; returns its id.
std::int64_t start_ingest_run(Database& db, std::int64_t started_ms);
void record_ingest_totals(Database& db, std::int64_t run_id, const IngestTotals& totals);

// Runs recorded, of either kind.
std::int64_t import_run_count(Database& db);

}  // namespace sonic::store
