#include "sonic/pipeline/refresh_sessions.hpp"

#include <limits>
#include <string>

#include "sonic/store/session_store.hpp"

namespace sonic::pipeline {

void refresh_sessions(store::Database& db, const store::TouchedRange& touched, std::int64_t gap_ms) {
  if (touched.empty()) return;
  const store::TimeSpan span = store::widen_to_sessions(db, {touched.from_ms, touched.to_ms}, gap_ms);
  store::delete_sessions_within(db, span);
  const auto listens = store::listens_starting_within(db, span);
  store::insert_sessions(db, features::group_into_sessions(listens, gap_ms));
}

bool ensure_session_gap(store::Database& db, std::int64_t gap_ms) {
  auto stored = db.prepare("SELECT value FROM meta WHERE key = 'session_gap_ms'");
  const bool known = stored.step();
  if (known && stored.text(0) == std::to_string(gap_ms)) return false;
  stored.reset();
  store::Transaction transaction(db);
  db.exec("DELETE FROM sessions");
  constexpr auto kAll =
      store::TimeSpan{std::numeric_limits<std::int64_t>::min() / 2, std::numeric_limits<std::int64_t>::max() / 2};
  store::insert_sessions(db, features::group_into_sessions(store::listens_starting_within(db, kAll), gap_ms));
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('session_gap_ms', ?1)")
      .bind(1, std::to_string(gap_ms))
      .run();
  transaction.commit();
  return true;
}

}  // namespace sonic::pipeline
