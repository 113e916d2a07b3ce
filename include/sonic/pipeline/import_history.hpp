#pragma once
// `sonic import`: exports (zip, folder, files) into the store, one transaction per file, so a
// bad file or a kill leaves the store exactly as it was before that file. Into an empty store
// all files are one bulk load (store/bulk_play_load): a kill leaves it empty, a bad file makes
// the import start again file by file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sonic/features/sessions.hpp"
#include "sonic/pipeline/import_tally.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct ImportOptions {
  bool dry_run = false;     // read and match everything, then roll back
  bool keep_going = false;  // a bad file is reported and the others are still imported
  std::int64_t session_gap_ms = features::kDefaultSessionGapMs;
  // Told before each file is read (index from 0), e.g. to draw progress on a terminal.
  std::function<void(const std::string& file, std::size_t index, std::size_t count)> on_file;
};

// Throws InputError for the first bad file unless keep_going; with keep_going the failures are
// in the report and the caller decides the exit status.
ImportResult import_history(store::Database& db, const std::vector<std::filesystem::path>& paths,
                            const ImportOptions& options);

}  // namespace sonic::pipeline
