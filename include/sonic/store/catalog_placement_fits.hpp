#pragma once
// The fit of each catalog that `sonic report` places the person's listens in (schema step 10),
// kept as JSON so a render does not refit it. The pipeline (catalog_placement.cpp) owns what
// the JSON holds and what the fingerprint says.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sonic/store/database.hpp"

namespace sonic::store {

// The kept fit of the catalog when it was made under this fingerprint, else nullopt.
std::optional<std::string> cached_catalog_placement_fit(Database& db, std::int64_t catalog_id,
                                                        std::string_view fingerprint);

// Keeps (or replaces) the catalog's fit.
void save_catalog_placement_fit(Database& db, std::int64_t catalog_id, std::string_view fingerprint,
                                std::string_view fit);

// Hands the connection's page cache and the heap malloc holds freed back to the system, before
// a large read (the import's fit after its load).
void give_back_memory(Database& db);

}  // namespace sonic::store
