#pragma once
// The answers of the services behind `sonic recommend --pool discover` (Last.fm getSimilar,
// ReccoBeats recommendation), kept so a re-run within the cache's age asks nothing twice.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sonic/store/database.hpp"

namespace sonic::store {

inline constexpr std::chrono::days kDiscoverCacheAge{30};

// The stored answer to (source, query) fetched at or after `fresh_since_ms`, else nullopt.
std::optional<std::string> cached_discover_answer(Database& db, std::string_view source, std::string_view query,
                                                  std::int64_t fresh_since_ms);

// Keeps (or replaces) the answer to (source, query).
void save_discover_answer(Database& db, std::string_view source, std::string_view query, std::int64_t fetched_ms,
                          std::string_view answer);

}  // namespace sonic::store
