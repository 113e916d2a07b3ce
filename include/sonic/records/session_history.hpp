#pragma once
// What the hourly session dataset (features/session_dataset.hpp) is computed from, as the store
// reads it (store/session_history_query.hpp).
#include <cstdint>
#include <vector>

#include "sonic/records/session.hpp"

namespace sonic::records {

// Both lists sorted by start.
struct SessionHistory {
  std::vector<Session> sessions;
  std::vector<std::int64_t> listen_starts_ms;  // music listens of 30 s or more
};

}  // namespace sonic::records
