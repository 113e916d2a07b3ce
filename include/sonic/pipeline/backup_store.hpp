#pragma once
// `sonic backup FILE` and `sonic restore FILE` on a home's store (see store/store_backup.hpp).
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/store/database.hpp"

namespace sonic::pipeline {

struct BackupResult {
  bool restored = false;  // false: a backup was written
  std::filesystem::path file;
  int schema_version = 0;  // of the file (a restore migrates it to this sonic's)
  std::int64_t plays = 0;
  std::uintmax_t bytes = 0;
  std::filesystem::path previous;  // restore: where the store's previous content was kept
};

BackupResult back_up(store::Database& db, const std::filesystem::path& file);

// Checks `file` first; the store's current content is kept in `<store>.before-restore` when
// it holds plays.
BackupResult restore(store::Database& db, const std::filesystem::path& file);

nlohmann::json to_json(const BackupResult& result);
std::string to_text(const BackupResult& result);

}  // namespace sonic::pipeline
