#include "sonic/store/insight_store.hpp"

namespace sonic::store {

std::optional<StoredNarrative> find_narrative(Database& db, const std::string& input_hash) {
  auto query = db.prepare("SELECT narrator, text, created_ms FROM narratives WHERE input_hash = ?1");
  query.bind(1, input_hash);
  if (!query.step()) return std::nullopt;
  return StoredNarrative{query.text(0), query.text(1), query.integer(2)};
}

void save_narrative(Database& db, const std::string& input_hash, const StoredNarrative& narrative) {
  db.prepare(
        "INSERT OR REPLACE INTO narratives (input_hash, narrator, text, created_ms) "
        "VALUES (?1, ?2, ?3, ?4)")
      .bind(1, input_hash)
      .bind(2, narrative.narrator)
      .bind(3, narrative.text)
      .bind(4, narrative.created_ms)
      .run();
}

std::int64_t insert_drift_run(Database& db, std::int64_t computed_ms, std::int64_t window_end_ms,
                              const std::string& report_json) {
  db.prepare("INSERT INTO drift_runs (computed_ms, window_end_ms, report) VALUES (?1, ?2, ?3)")
      .bind(1, computed_ms)
      .bind(2, window_end_ms)
      .bind(3, report_json)
      .run();
  return db.last_insert_id();
}

}  // namespace sonic::store
