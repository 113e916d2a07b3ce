#include "sonic/pipeline/catalog_import.hpp"

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/pipeline/catalog_placement.hpp"
#include "sonic/sources/catalog_csv.hpp"
#include "sonic/store/catalog_placement_fits.hpp"
#include "sonic/store/catalog_store.hpp"
#include "pipeline/skipped_rows.hpp"

namespace sonic::pipeline {
namespace {

std::string separator_name(char separator) {
  switch (separator) {
    case '\t':
      return "tab";
    case ';':
      return "semicolon";
    default:
      return "comma";
  }
}

// Reads and writes one file; the caller owns the transaction.
CatalogFileTally import_file(store::Database& db, std::int64_t catalog_id, store::IdSet& stored_ids,
                             const std::filesystem::path& path, const CatalogImportOptions& options) {
  const auto bytes = sources::open_file_source(path);
  sources::CatalogFileReader reader(*bytes, path.string(), options.id_column);
  CatalogFileTally tally;
  tally.file = path.string();
  tally.separator = reader.separator();
  tally.id_found_by = std::string(sources::id_column_source_name(reader.columns().track_id.source));
  tally.id_column = std::string(reader.header()[reader.columns().track_id.columns.front()]);
  tally.kept_columns = reader.columns().extra_names;
  store::add_catalog_columns(db, catalog_id, tally.kept_columns);
  // Rows of the shared and synthetic catalogs take 200–300 bytes: room for a row per 128 bytes
  // spares the ID set its growths (each hashes every ID again) at 8 bytes a slot.
  std::error_code unknown_size;
  const auto file_bytes = std::filesystem::file_size(path, unknown_size);
  if (!unknown_size) stored_ids.reserve(stored_ids.size() + static_cast<std::size_t>(file_bytes / 128));
  store::CatalogTrackWriter writer(db, catalog_id, path.filename().string(), tally.kept_columns, stored_ids);
  sources::CatalogFileRow row;
  while (reader.next(row)) {
    ++tally.rows;
    if (!row.skip_reason) {
      ++(writer.write(row) ? tally.stored : tally.duplicates);
      continue;
    }
    count_skipped_row(tally.skipped, row.skip_reason, row.problem, path, reader.line());
  }
  writer.finish();
  return tally;
}

}  // namespace

std::string default_catalog_name(const std::filesystem::path& first_file) {
  const std::string folder = first_file.parent_path().filename().string();
  if (!folder.empty() && folder != "." && folder != "..") return folder;
  return first_file.stem().string();
}

CatalogImportResult import_catalog(store::Database& db, const std::vector<std::filesystem::path>& files,
                                   const CatalogImportOptions& options) {
  if (files.empty()) throw UsageError("sonic catalog import needs at least one CSV file");
  CatalogImportResult result;
  result.catalog = options.name.empty() ? default_catalog_name(files.front()) : options.name;
  {  // the ID set lasts as long as the files' loads
    std::int64_t catalog_id = 0;
    store::IdSet stored_ids;  // across the files: a track listed twice keeps its first row
    for (std::size_t i = 0; i < files.size(); ++i) {
      try {
        store::Transaction transaction(db);
        // The first file replaces the catalog, so a re-import never mixes old and new rows.
        if (i == 0) catalog_id = store::replace_catalog(db, result.catalog, now_utc_ms());
        CatalogFileTally tally = import_file(db, catalog_id, stored_ids, files[i], options);
        transaction.commit();
        result.files.push_back(std::move(tally));
      } catch (const InputError& bad_file) {
        throw InputError(std::string(bad_file.what()) +
                         (i > 0 ? " (the files before it were imported into catalog '" + result.catalog + "')" : ""));
      }
    }
  }
  if (const auto summary = store::find_catalog(db, result.catalog)) {
    result.tracks = summary->tracks;
    // The fit `sonic report` places listens in, made once here: a report only reads. It reads
    // the catalog's numbers (125 MB on 1.2M tracks): the load's page cache and ID set go back to
    // the system first (malloc keeps freed small blocks otherwise), or the import's peak nears
    // its 300 MB goal (294 MB measured without this).
    store::give_back_memory(db);
    keep_catalog_placement_fit(db, *summary);
  }
  return result;
}

nlohmann::json to_json(const CatalogImportResult& result) {
  nlohmann::json files = nlohmann::json::array();
  std::int64_t rows = 0, stored = 0, duplicates = 0;
  std::map<std::string, std::int64_t> skipped;
  for (const CatalogFileTally& file : result.files) {
    rows += file.rows;
    stored += file.stored;
    duplicates += file.duplicates;
    for (const auto& [reason, count] : file.skipped) skipped[reason] += count;
    files.push_back({{"file", file.file},
                     {"separator", separator_name(file.separator)},
                     {"id_column", file.id_column},
                     {"id_found_by", file.id_found_by},
                     {"rows", file.rows},
                     {"stored", file.stored},
                     {"duplicates", file.duplicates},
                     {"skipped", file.skipped},
                     {"kept_columns", file.kept_columns}});
  }
  return {{"catalog", result.catalog}, {"tracks", result.tracks}, {"rows", rows},  {"stored", stored},
          {"duplicates", duplicates},  {"skipped", skipped},      {"files", files}};
}

std::string to_text(const CatalogImportResult& result) {
  std::string text = "catalog " + result.catalog + ": " + std::to_string(result.tracks) + " tracks\n";
  for (const CatalogFileTally& file : result.files) {
    std::int64_t skipped = 0;
    for (const auto& [reason, count] : file.skipped) skipped += count;
    text += "  " + file.file + ": " + std::to_string(file.rows) + " rows, " + std::to_string(file.stored) +
            " stored, " + std::to_string(file.duplicates) + " duplicates, " + std::to_string(skipped) + " skipped (" +
            separator_name(file.separator) + "-separated, IDs found by " + file.id_found_by + ")\n";
  }
  return text;
}

}  // namespace sonic::pipeline
