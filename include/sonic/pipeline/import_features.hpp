#pragma once
// `sonic import-features`: audio-feature catalogs (CSV keyed by Spotify track ID) into the store,
// for the tracks of the person's history. One transaction per file, so a malformed file leaves
// the store exactly as it was before that file.
#include <filesystem>
#include <string>
#include <vector>

#include "sonic/pipeline/feature_import_result.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct FeatureImportOptions {
  bool replace_service_values = false;  // --overwrite: a service's features yield to catalogs too
  bool keep_going = false;              // a bad file is reported and the others still imported
  std::string id_column;                // --id-column; empty: by name, then by content
  bool match_names = true;              // rows not in the history by ID, matched by artist + title
                                        // (--ids-only turns it off); source "catalog_name:<file>"
};

// Each file's rows are stored under the source "catalog:<file name>"; rows matched by artist and
// title instead of ID (a file with both columns, a track with no features) under
// "catalog_name:<file name>", never over an ID match. Throws InputError for the
// first bad file unless keep_going; with keep_going the failures are in the report and the
// caller decides the exit status.
FeatureImportResult import_features(store::Database& db, const std::vector<std::filesystem::path>& catalogs,
                                    const FeatureImportOptions& options);

}  // namespace sonic::pipeline
