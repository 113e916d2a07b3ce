#include "sonic/pipeline/backup_store.hpp"

#include "sonic/store/store_backup.hpp"

namespace sonic::pipeline {

BackupResult back_up(store::Database& db, const std::filesystem::path& file) {
  const store::BackupFacts facts = store::back_up_store(db, file);
  return {false, file, facts.schema_version, facts.plays, facts.bytes, {}};
}

BackupResult restore(store::Database& db, const std::filesystem::path& file) {
  const store::BackupFacts checked = store::check_backup(file);
  std::filesystem::path previous;
  if (store::store_holds_plays(db)) previous = db.path().string() + ".before-restore";
  const store::BackupFacts restored = store::restore_store(db, file, previous);
  return {true, file, checked.schema_version, restored.plays, checked.bytes, previous};
}

nlohmann::json to_json(const BackupResult& result) {
  nlohmann::json json;
  json["file"] = result.file.string();
  json["schema_version"] = result.schema_version;
  json["plays"] = result.plays;
  json["bytes"] = result.bytes;
  if (result.restored) {
    json["previous"] = result.previous.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.previous.string());
  }
  return json;
}

std::string to_text(const BackupResult& result) {
  std::string text = result.restored ? "restored " : "backed up ";
  text += std::to_string(result.plays) + " plays " + (result.restored ? "from " : "to ") + result.file.string() +
          " (schema version " + std::to_string(result.schema_version) + ", " + std::to_string(result.bytes / 1024) +
          " KiB)\n";
  if (!result.previous.empty()) text += "the store's previous content is in " + result.previous.string() + "\n";
  return text;
}

}  // namespace sonic::pipeline
