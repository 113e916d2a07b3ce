#pragma once
// `sonic catalog import`: track catalogs (CSV) into a catalog of their own, apart from the
// history. A re-import under the same name replaces the catalog; each file is one transaction,
// so a malformed file leaves the store as the files before it left it.
//
// Every row read lands in exactly one count: rows = stored + duplicates + skipped (by reason).
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct CatalogImportOptions {
  std::string name;       // the catalog's name; empty: the first file's folder name
  std::string id_column;  // --id-column; empty: by name, then by content
};

struct CatalogFileTally {
  std::string file;
  char separator = ',';
  std::string id_column;                        // the header name of the first ID column used
  std::string id_found_by;                      // "option", "name" or "content"
  std::int64_t rows = 0;                        // data rows read
  std::int64_t stored = 0;                      // new tracks in the catalog
  std::int64_t duplicates = 0;                  // a track already in the catalog (an earlier file or line): kept once
  std::map<std::string, std::int64_t> skipped;  // bad rows, by reason
  std::vector<std::string> kept_columns;        // every other column, by name
};

struct CatalogImportResult {
  std::string catalog;
  std::vector<CatalogFileTally> files;
  std::int64_t tracks = 0;  // in the catalog afterwards
};

// Throws InputError for the first malformed file (naming file and line), after committing the
// files before it.
CatalogImportResult import_catalog(store::Database& db, const std::vector<std::filesystem::path>& files,
                                   const CatalogImportOptions& options);

// The catalog name used when none is given: the first file's folder name, else its stem.
std::string default_catalog_name(const std::filesystem::path& first_file);

// {"catalog":…, "tracks":N, "rows":N, "stored":N, "duplicates":N, "skipped":{…}, "files":[…]}
nlohmann::json to_json(const CatalogImportResult& result);
std::string to_text(const CatalogImportResult& result);

}  // namespace sonic::pipeline
