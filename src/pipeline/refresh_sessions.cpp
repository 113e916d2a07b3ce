#include "sonic/pipeline/refresh_sessions.hpp"

#include <algorithm>
#include <limits>

#include "sonic/features/sessions.hpp"
#include "sonic/store/session_store.hpp"

namespace sonic::pipeline {

namespace {

// Replaces the sessions that the touched stretch overlaps (widened to whole sessions) with the
// groups of `listens_within(span)`, the stored listens starting in the widened span by start.
template <typename ListensWithin>
void regroup(store::Database& db, const store::TouchedRange& touched, std::int64_t gap_ms,
             ListensWithin&& listens_within) {
  if (touched.empty()) return;
  const store::TimeSpan span = store::widen_to_sessions(db, {touched.from_ms, touched.to_ms}, gap_ms);
  store::delete_sessions_within(db, span);
  store::insert_sessions(db, features::group_into_sessions(listens_within(span), gap_ms));
}

}  // namespace

void refresh_sessions(store::Database& db, const store::TouchedRange& touched, std::int64_t gap_ms) {
  regroup(db, touched, gap_ms, [&db](store::TimeSpan span) { return store::listens_starting_within(db, span); });
}

void refresh_sessions(store::Database& db, const store::TouchedRange& touched, std::int64_t gap_ms,
                      std::vector<records::Listen> listens) {
  regroup(db, touched, gap_ms, [&listens](store::TimeSpan span) {
    // Only order by start matters to the grouping: plays that start together join one session
    // whichever comes first, so no tie-break by id is needed.
    std::erase_if(listens, [span](const records::Listen& listen) {
      return listen.start_ms < span.from_ms || listen.start_ms > span.to_ms;
    });
    std::sort(listens.begin(), listens.end(),
              [](const records::Listen& a, const records::Listen& b) { return a.start_ms < b.start_ms; });
    return std::move(listens);
  });
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
