#include "sonic/sim/history.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sim_fixtures.hpp"
#include "sonic/core/error.hpp"

namespace sonic::sim {
namespace {

using testing::default_year;
using testing::start_seconds;

constexpr std::int64_t kSessionGapSeconds = 30 * 60;

TEST(History, SameOptionsSameHistoryDifferentSeedDifferent) {
  const History again = simulate_listener();
  EXPECT_EQ(again.rows, default_year().rows);
  SimulationOptions other;
  other.seed = 43;
  EXPECT_NE(simulate_listener(other).rows, default_year().rows);
}

TEST(History, CatalogDependsOnlyOnSeedAndSize) {
  SimulationOptions shorter;
  shorter.days = 30;
  const History month = simulate_listener(shorter);
  ASSERT_EQ(month.catalog.tracks.size(), default_year().catalog.tracks.size());
  EXPECT_EQ(month.catalog.tracks.front().id, default_year().catalog.tracks.front().id);
  EXPECT_LT(month.rows.size(), default_year().rows.size() / 8);
}

TEST(History, AYearHoldsEightToFifteenThousandPlays) {
  EXPECT_GE(default_year().rows.size(), 8'000u);
  EXPECT_LE(default_year().rows.size(), 15'000u);
}

TEST(History, RowsAreInTsOrderWithPositivePlayTimeAndOneKindOfContent) {
  const auto& rows = default_year().rows;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StreamRow& row = rows[i];
    ASSERT_GT(row.ms_played, 0);
    if (i > 0) {
      ASSERT_GE(row.ts, rows[i - 1].ts);
    }
    const bool music = row.spotify_track_uri.has_value();
    EXPECT_EQ(row.master_metadata_track_name.has_value(), music);
    EXPECT_EQ(row.master_metadata_album_artist_name.has_value(), music);
    EXPECT_EQ(row.master_metadata_album_album_name.has_value(), music);
    EXPECT_EQ(row.episode_name.has_value(), !music);
    EXPECT_EQ(row.episode_show_name.has_value(), !music);
    EXPECT_EQ(row.spotify_episode_uri.has_value(), !music);
  }
}

TEST(History, SessionsCoverEveryRowInOrder) {
  const History& history = default_year();
  std::size_t next_row = 0;
  for (const auto& session : history.sessions) {
    EXPECT_EQ(session.first_row, next_row);
    EXPECT_GT(session.row_count, 0u);
    EXPECT_LT(session.start_ms, session.end_ms);
    next_row += session.row_count;
  }
  EXPECT_EQ(next_row, history.rows.size());
}

// Spotify's ts is when the stream ENDED; importers compute the start as ts - ms_played.
TEST(History, TsIsWhenTheStreamEnded) {
  const History& history = default_year();
  for (const auto& session : history.sessions) {
    const StreamRow& first = history.rows[session.first_row];
    const StreamRow& last = history.rows[session.first_row + session.row_count - 1];
    ASSERT_EQ(first.ts, (session.start_ms + first.ms_played) / 1000);
    ASSERT_EQ(last.ts, session.end_ms / 1000);
  }
}

// Judged from the rows alone, as sonic's sessioniser will see them: only `ts` (the end, whole
// seconds) and ms_played.
TEST(History, SessionsAreSeparatedByMoreThanThirtyMinutesAndTracksByLess) {
  const History& history = default_year();
  std::int64_t previous_end = 0;
  for (std::size_t s = 0; s < history.sessions.size(); ++s) {
    const auto& session = history.sessions[s];
    for (std::size_t i = session.first_row; i < session.first_row + session.row_count; ++i) {
      const StreamRow& row = history.rows[i];
      if (i == session.first_row) {
        if (s > 0) {
          EXPECT_GT(start_seconds(row) - previous_end, kSessionGapSeconds) << "row " << i;
        }
      } else {
        EXPECT_LT(start_seconds(row) - previous_end, kSessionGapSeconds) << "row " << i;
      }
      previous_end = row.ts;
    }
  }
}

TEST(History, ATypicalYearHasAroundThreeSessionsADay) {
  const auto sessions = default_year().sessions.size();
  EXPECT_GT(sessions, 600u);
  EXPECT_LT(sessions, 1400u);
}

TEST(History, SkipsAreShortForwardButtonPlays) {
  int skips = 0;
  for (const StreamRow& row : default_year().rows) {
    if (!row.skipped) continue;
    ++skips;
    EXPECT_LT(row.ms_played, 30'000);
    EXPECT_EQ(row.reason_end, "fwdbtn");
  }
  const double share = skips / static_cast<double>(default_year().rows.size());
  EXPECT_GT(share, 0.04);
  EXPECT_LT(share, 0.25);
}

TEST(History, ReasonsPlatformsAndFlagsVaryLikeARealExport) {
  const std::set<std::string> known = {"trackdone", "fwdbtn",  "backbtn", "endplay", "clickrow",
                                       "playbtn",   "appload", "remote",  "logout",  "unexpected-exit-while-paused"};
  std::set<std::string> starts, ends, platforms;
  std::set<bool> shuffles;
  for (const StreamRow& row : default_year().rows) {
    starts.insert(row.reason_start);
    ends.insert(row.reason_end);
    platforms.insert(row.platform);
    shuffles.insert(row.shuffle);
    EXPECT_EQ(row.conn_country, "DE");
  }
  for (const auto& reason : starts) EXPECT_TRUE(known.count(reason)) << reason;
  for (const auto& reason : ends) EXPECT_TRUE(known.count(reason)) << reason;
  EXPECT_GE(starts.size(), 5u);
  EXPECT_GE(ends.size(), 4u);
  EXPECT_GE(platforms.size(), 2u);
  EXPECT_EQ(shuffles.size(), 2u);
}

TEST(History, HasAFewPodcastEpisodesAndAHandfulOfExactDuplicates) {
  const auto& rows = default_year().rows;
  int podcasts = 0, duplicates = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    podcasts += rows[i].is_podcast();
    if (i > 0 && rows[i] == rows[i - 1]) ++duplicates;
  }
  EXPECT_GE(podcasts, 5);
  EXPECT_LT(podcasts, static_cast<int>(rows.size()) / 100);
  EXPECT_GE(duplicates, 1);
  EXPECT_LE(duplicates, 30);
}

TEST(History, RejectsBadOptions) {
  SimulationOptions options;
  options.days = 0;
  EXPECT_THROW(simulate_listener(options), UsageError);
}

TEST(History, ASingleDayWithATinyCatalogWorks) {
  SimulationOptions options;
  options.days = 1;
  options.catalog_size = 10;
  const History history = simulate_listener(options);
  EXPECT_EQ(history.catalog.tracks.size(), 10u);
  EXPECT_LT(history.rows.size(), 200u);
}

}  // namespace
}  // namespace sonic::sim
