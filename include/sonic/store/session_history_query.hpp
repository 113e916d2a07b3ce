#pragma once
// Reads the history the hourly session dataset is built from (features/session_dataset.hpp).
#include <cstdint>

#include "sonic/records/session_history.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

// Sessions and music listens (30 s or more) that started before `before_ms`, by start time.
// A session running across `before_ms` keeps its stored end: the dataset never reads the length
// of a session that had not ended at the hour it describes.
records::SessionHistory read_session_history(Database& db, std::int64_t before_ms);

}  // namespace sonic::store
