#include "sonic/store/catalog_placement_fits.hpp"

#include <malloc.h>

namespace sonic::store {

std::optional<std::string> cached_catalog_placement_fit(Database& db, std::int64_t catalog_id,
                                                        std::string_view fingerprint) {
  auto row = db.prepare("SELECT fit FROM catalog_placement_fits WHERE catalog_id = ?1 AND fingerprint = ?2");
  row.bind(1, catalog_id).bind(2, fingerprint);
  if (!row.step()) return std::nullopt;
  return row.text(0);
}

void save_catalog_placement_fit(Database& db, std::int64_t catalog_id, std::string_view fingerprint,
                                std::string_view fit) {
  db.prepare("INSERT OR REPLACE INTO catalog_placement_fits (catalog_id, fingerprint, fit) VALUES (?1, ?2, ?3)")
      .bind(1, catalog_id)
      .bind(2, fingerprint)
      .bind(3, fit)
      .run();
}

void give_back_memory(Database& db) {
  db.exec("PRAGMA shrink_memory");
  malloc_trim(0);
}

}  // namespace sonic::store
