// No look-ahead: each row of the session dataset is a function of what was known when its hour
// began. For every hour of a random history, the row built from the whole history must equal the
// row built from a history whose future was replaced: sessions and listens from that hour on
// swapped for others, and sessions still running then given other ends, play counts and lengths.
#include <gtest/gtest.h>

#include <cmath>

#include "sonic/core/random.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/features/local_hours.hpp"
#include "sonic/features/session_dataset.hpp"

namespace sonic::features {
namespace {

// Sessions of 5–180 min with gaps of 10 min to 30 h, a listen every few minutes within each.
records::SessionHistory random_history(SeededRandom& random, std::int64_t from_ms, std::int64_t to_ms) {
  records::SessionHistory history;
  for (std::int64_t start = from_ms + random.integer(0, 6 * kMsPerHour); start < to_ms;) {
    const std::int64_t end = start + random.integer(5, 180) * kMsPerMinute;
    history.sessions.push_back({start, end, 0, 0});
    for (std::int64_t listen = start; listen < end; listen += random.integer(1, 6) * kMsPerMinute) {
      history.listen_starts_ms.push_back(listen);
      history.sessions.back().plays += 1;
    }
    history.sessions.back().ms_played = end - start;
    start = end + random.integer(10, 30 * 60) * kMsPerMinute;
  }
  return history;
}

// What the history looked like at `at`, with the unknown future made up anew.
records::SessionHistory known_at(const records::SessionHistory& history, std::int64_t at, SeededRandom& random) {
  records::SessionHistory rewritten;
  for (records::Session session : history.sessions) {
    if (session.start_ms >= at) continue;
    if (session.end_ms > at) {  // still running: its end and size are not known yet
      session.end_ms = at + random.integer(1, 300) * kMsPerMinute;
      session.plays = random.integer(1, 99);
      session.ms_played = random.integer(0, 1'000'000);
    }
    rewritten.sessions.push_back(session);
  }
  for (std::int64_t listen : history.listen_starts_ms) {
    if (listen < at) rewritten.listen_starts_ms.push_back(listen);
  }
  records::SessionHistory future = random_history(random, at, at + 40 * kMsPerDay);
  rewritten.sessions.insert(rewritten.sessions.end(), future.sessions.begin(), future.sessions.end());
  rewritten.listen_starts_ms.insert(rewritten.listen_starts_ms.end(), future.listen_starts_ms.begin(),
                                    future.listen_starts_ms.end());
  return rewritten;
}

bool same_value(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

TEST(SessionDatasetLookAhead, NoRowChangesWhenEverythingFromItsHourOnIsReplaced) {
  const TimeZone berlin = TimeZone::named("Europe/Berlin");
  SeededRandom random(11);
  // Ten weeks across the spring-forward change, rows over the last eight.
  const std::int64_t history_from = berlin.utc_ms(2024, 2, 20, 0);
  const std::int64_t history_to = berlin.utc_ms(2024, 4, 30, 0);
  const records::SessionHistory history = random_history(random, history_from, history_to);
  const auto hours = local_hour_starts(berlin, history_from + 14 * kMsPerDay, history_to);
  const SessionDataset whole = build_session_dataset(history, berlin, hours);
  ASSERT_GT(whole.labels.sum(), 50);

  int running_sessions_seen = 0;
  for (std::size_t h = 0; h < hours.size(); ++h) {
    const std::int64_t at = hours[h];
    const records::SessionHistory rewritten = known_at(history, at, random);
    for (const records::Session& session : history.sessions) {
      running_sessions_seen += session.start_ms < at && session.end_ms > at ? 1 : 0;
    }
    const std::vector<std::int64_t> one_hour = {at};
    const SessionDataset alone = build_session_dataset(rewritten, berlin, one_hour);
    for (int c = 0; c < kSessionFeatureCount; ++c) {
      const auto row = static_cast<Eigen::Index>(h);
      ASSERT_TRUE(same_value(whole.features(row, c), alone.features(0, c)))
          << "hour " << format_iso8601_utc(at) << ", feature " << session_feature_names()[static_cast<std::size_t>(c)]
          << ": " << whole.features(row, c) << " from the whole history, " << alone.features(0, c)
          << " from what was known then";
    }
  }
  // The rewriting touched sessions that were running at a row's start, the case a careless
  // "mean length" would leak through.
  EXPECT_GT(running_sessions_seen, 100);
}

// The same over more than a year, so that the rhythm columns reaching back 52 weeks and to last
// year's same week see real values; breaks of 8 to 25 days make the active-day columns vary. A
// row every 23 hours (so every hour of the day and every weekday come up) rather than every hour.
TEST(SessionDatasetLookAhead, NoRowOfALongHistoryChangesWhenItsFutureIsReplaced) {
  const TimeZone berlin = TimeZone::named("Europe/Berlin");
  SeededRandom random(13);
  const std::int64_t history_from = berlin.utc_ms(2023, 1, 2, 0);
  records::SessionHistory history;
  for (std::int64_t from = history_from; from < history_from + 440 * kMsPerDay;) {
    const std::int64_t to = from + random.integer(20, 60) * kMsPerDay;
    const records::SessionHistory stretch = random_history(random, from, to);
    history.sessions.insert(history.sessions.end(), stretch.sessions.begin(), stretch.sessions.end());
    history.listen_starts_ms.insert(history.listen_starts_ms.end(), stretch.listen_starts_ms.begin(),
                                    stretch.listen_starts_ms.end());
    from = to + random.integer(8, 25) * kMsPerDay;
  }
  const auto hours = local_hour_starts(berlin, history_from + 300 * kMsPerDay, history_from + 440 * kMsPerDay);
  const SessionDataset whole = build_session_dataset(history, berlin, hours);
  const auto column = [](SessionFeature feature) { return static_cast<int>(feature); };
  double last_year_days = 0;
  for (std::size_t h = 0; h < hours.size(); h += 23) {
    const std::int64_t at = hours[h];
    const std::vector<std::int64_t> one_hour = {at};
    const SessionDataset alone = build_session_dataset(known_at(history, at, random), berlin, one_hour);
    const auto row = static_cast<Eigen::Index>(h);
    last_year_days += whole.features(row, column(SessionFeature::active_days_same_week_last_year));
    for (int c = 0; c < kSessionFeatureCount; ++c) {
      ASSERT_TRUE(same_value(whole.features(row, c), alone.features(0, c)))
          << "hour " << format_iso8601_utc(at) << ", feature " << session_feature_names()[static_cast<std::size_t>(c)]
          << ": " << whole.features(row, c) << " from the whole history, " << alone.features(0, c)
          << " from what was known then";
    }
  }
  // The columns that look far back did see listening, and breaks.
  EXPECT_GT(last_year_days, 100);
  const Eigen::VectorXd share = whole.features.col(column(SessionFeature::active_day_share_28d));
  EXPECT_LT(share.minCoeff(), 0.8);
  EXPECT_GT(share.maxCoeff(), 0.9);
}

// A forecast reads only the last 372 days before its start (and the last session and the last
// listen before them): rows from that part equal rows from the whole history cut at the start,
// also across a gap of more than 30 days without sessions, before the first session, more than a
// year on, and more than 372 days after the last listen.
TEST(SessionDatasetLookAhead, TheHistoryKnownAtAStartGivesTheRowsOfTheWholeHistoryCutThere) {
  const TimeZone berlin = TimeZone::named("Europe/Berlin");
  SeededRandom random(12);
  const std::int64_t first_from = berlin.utc_ms(2024, 1, 1, 0);
  records::SessionHistory history = random_history(random, first_from, first_from + 60 * kMsPerDay);
  const records::SessionHistory later =
      random_history(random, first_from + 100 * kMsPerDay, first_from + 140 * kMsPerDay);  // after a 40-day gap
  const records::SessionHistory next_year =
      random_history(random, first_from + 450 * kMsPerDay, first_from + 470 * kMsPerDay);  // ~a year after that
  history.sessions.insert(history.sessions.end(), later.sessions.begin(), later.sessions.end());
  history.listen_starts_ms.insert(history.listen_starts_ms.end(), later.listen_starts_ms.begin(),
                                  later.listen_starts_ms.end());
  history.sessions.insert(history.sessions.end(), next_year.sessions.begin(), next_year.sessions.end());
  history.listen_starts_ms.insert(history.listen_starts_ms.end(), next_year.listen_starts_ms.begin(),
                                  next_year.listen_starts_ms.end());
  int starts_checked = 0;
  for (std::int64_t from = first_from - kMsPerDay; from < first_from + 880 * kMsPerDay; from += 41 * kMsPerHour + 7) {
    records::SessionHistory cut;
    for (const auto& session : history.sessions)
      if (session.start_ms < from) cut.sessions.push_back(session);
    for (const auto listen : history.listen_starts_ms)
      if (listen < from) cut.listen_starts_ms.push_back(listen);
    const records::SessionHistory known = history_known_at(history, from);
    EXPECT_LE(known.sessions.size(), cut.sessions.size());
    EXPECT_LE(known.listen_starts_ms.size(), cut.listen_starts_ms.size());
    const auto hours = local_hour_starts(berlin, next_local_hour_start(berlin, from), from + 49 * kMsPerHour);
    const SessionDataset expected = build_session_dataset(cut, berlin, hours);
    const SessionDataset got = build_session_dataset(known, berlin, hours);
    for (Eigen::Index r = 0; r < expected.features.rows(); ++r) {
      for (int c = 0; c < kSessionFeatureCount; ++c) {
        ASSERT_TRUE(same_value(expected.features(r, c), got.features(r, c)))
            << "start " << format_iso8601_utc(from) << ", row " << r << ", feature "
            << session_feature_names()[static_cast<std::size_t>(c)];
      }
    }
    ++starts_checked;
  }
  EXPECT_GT(starts_checked, 200);
  // Long after the history, only its last session and its last listen are left of it.
  const auto far = history_known_at(history, first_from + 900 * kMsPerDay);
  ASSERT_EQ(far.sessions.size(), 1u);
  EXPECT_EQ(far.sessions.front().start_ms, history.sessions.back().start_ms);
  ASSERT_EQ(far.listen_starts_ms.size(), 1u);
  EXPECT_EQ(far.listen_starts_ms.front(), history.listen_starts_ms.back());
}

}  // namespace
}  // namespace sonic::features
