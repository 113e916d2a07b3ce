#pragma once
// Keeps the sessions table current as plays arrive: only the stretch of history that new (or
// removed) listens touch is regrouped, so an hourly ingest costs next to nothing.
#include <cstdint>
#include <vector>

#include "sonic/records/listen.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/play_writer.hpp"

namespace sonic::pipeline {

// Call inside the transaction that wrote the plays.
void refresh_sessions(store::Database& db, const store::TouchedRange& touched, std::int64_t gap_ms);

// The same, when the caller knows every listen stored in the touched stretch (a bulk load into
// an empty store: PlayWriter::take_kept_listens), in any order: nothing is read back from plays.
void refresh_sessions(store::Database& db, const store::TouchedRange& touched, std::int64_t gap_ms,
                      std::vector<records::Listen> listens);

// Regroups all history when the configured gap differs from the one the sessions were built
// with (kept in the meta table). Returns true when it rebuilt.
bool ensure_session_gap(store::Database& db, std::int64_t gap_ms);

}  // namespace sonic::pipeline
