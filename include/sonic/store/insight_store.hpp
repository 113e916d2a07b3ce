#pragma once
// The insight layer's tables: narratives cached by the hash of their input, and the drift of
// each run (schema v3).
#include <cstdint>
#include <optional>
#include <string>

#include "sonic/store/database.hpp"

namespace sonic::store {

struct StoredNarrative {
  std::string narrator;  // "openai:<model>" or "offline"
  std::string text;
  std::int64_t created_ms = 0;
};

std::optional<StoredNarrative> find_narrative(Database& db, const std::string& input_hash);
// Replaces any narrative stored under the same hash.
void save_narrative(Database& db, const std::string& input_hash, const StoredNarrative& narrative);

// Appends one run's drift (its JSON text); returns the row id.
std::int64_t insert_drift_run(Database& db, std::int64_t computed_ms, std::int64_t window_end_ms,
                              const std::string& report_json);

}  // namespace sonic::store
