#include "sonic/pipeline/refresh_sessions.hpp"

#include <limits>

#include "sonic/features/sessions.hpp"
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
  if (store::sessions_grouped_with_gap(db, gap_ms)) return false;
  store::Transaction transaction(db);
  store::delete_all_sessions(db);
  constexpr auto kAll =
      store::TimeSpan{std::numeric_limits<std::int64_t>::min() / 2, std::numeric_limits<std::int64_t>::max() / 2};
  store::insert_sessions(db, features::group_into_sessions(store::listens_starting_within(db, kAll), gap_ms));
  store::remember_session_gap(db, gap_ms);
  transaction.commit();
  return true;
}

}  // namespace sonic::pipeline
