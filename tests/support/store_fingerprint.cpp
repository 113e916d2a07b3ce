#include "support/store_fingerprint.hpp"

#include <vector>

#include "sonic/store/database.hpp"

namespace sonic::testing {

std::string store_fingerprint(const std::filesystem::path& database) {
  if (!std::filesystem::exists(database)) return "";
  auto db = store::Database::open_read_only(database);
  std::string out = "user_version=" + std::to_string(db.scalar("PRAGMA user_version")) + "\n";
  // The schema's indexes too: "as it was" includes every index the store had.
  auto indexes = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name");
  while (indexes.step()) {
    out += "index " + indexes.text(0) + ": ";
    out += indexes.is_null(1) ? "∅" : indexes.text(1);
    out += '\n';
  }
  std::vector<std::string> tables;
  auto names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  while (names.step()) tables.push_back(names.text(0));
  for (const auto& table : tables) {
    out += "[" + table + "]\n";
    auto rows = db.prepare("SELECT * FROM \"" + table + "\" ORDER BY 1");
    while (rows.step()) {
      for (int column = 0; column < 32; ++column) {
        // Past the last column SQLite reports NULL; good enough for a fingerprint.
        out += rows.is_null(column) ? "∅" : rows.text(column);
        out += '|';
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace sonic::testing
