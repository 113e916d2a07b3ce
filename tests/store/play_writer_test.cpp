#include "sonic/store/play_writer.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "sonic/core/utc_time.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

using sources::PlayRecord;
using sources::PlaySource;

const std::int64_t kNoon = *parse_iso8601_utc("2023-06-01T12:00:00Z");

PlayRecord extended(const std::string& id, const std::string& artist, const std::string& title, std::int64_t end_ms,
                    std::int64_t ms_played = 200'000) {
  PlayRecord play;
  play.source = PlaySource::extended;
  play.track_id = id;
  play.artists = {{"", artist}};
  play.track_name = title;
  play.end_ms = end_ms;
  play.ms_played = ms_played;
  return play;
}

PlayRecord basic(const std::string& artist, const std::string& title, std::int64_t end_ms,
                 std::int64_t ms_played = 200'000) {
  PlayRecord play = extended("", artist, title, end_ms, ms_played);
  play.source = PlaySource::basic;
  return play;
}

PlayRecord api(const std::string& id, const std::string& artist, const std::string& title, std::int64_t played_at,
               std::int64_t duration = 200'000) {
  PlayRecord play = extended(id, artist, title, played_at + duration, duration);
  play.source = PlaySource::api;
  play.duration_ms = duration;
  return play;
}

enum class WriteOutcome { imported, duplicate, replaced };

// Writes one play and says what became of it.
WriteOutcome write_one(PlayWriter& writer, const PlayRecord& play) {
  writer.write(play);
  const WriteCounts counts = writer.take_counts();
  if (counts.replaced) return WriteOutcome::replaced;
  return counts.imported ? WriteOutcome::imported : WriteOutcome::duplicate;
}

class PlayWriterTest : public ::testing::Test {
 protected:
  PlayWriterTest() : db_(Database::in_memory()) { migrate(db_); }
  std::int64_t count(const char* sql) { return db_.scalar(sql); }
  // As the import and the ingest write: in a transaction, which the kept spans join.
  WriteOutcome write_committed(PlayWriter& writer, const PlayRecord& play) {
    Transaction transaction(db_);
    const WriteOutcome outcome = write_one(writer, play);
    transaction.commit();
    return outcome;
  }
  Database db_;
};

TEST_F(PlayWriterTest, ExactDuplicateWithinASourceIsDropped) {
  PlayWriter writer(db_, 0);
  const auto play = extended("0aaaaaaaaaaaaaaaaaaaaa", "Aurora Fields", "Morning Light", kNoon);
  EXPECT_EQ(write_one(writer, play), WriteOutcome::imported);
  EXPECT_EQ(write_one(writer, play), WriteOutcome::duplicate);
  // Same track, same end, other length: a different stream (Spotify writes such rows).
  EXPECT_EQ(write_one(writer, extended("0aaaaaaaaaaaaaaaaaaaaa", "Aurora Fields", "Morning Light", kNoon, 5'000)),
            WriteOutcome::imported);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), 1);
  EXPECT_EQ(count("SELECT start_ms FROM plays WHERE ms_played = 200000"), kNoon - 200'000);
}

TEST_F(PlayWriterTest, BasicPlayWithinNinetySecondsOfAnExtendedPlayIsTheSameListen) {
  PlayWriter writer(db_, 0);
  write_one(writer, extended("0aaaaaaaaaaaaaaaaaaaaa", "Beyoncé", "Halo", kNoon + 20'000));
  // The account-data export truncates to the minute and writes names differently.
  EXPECT_EQ(write_one(writer, basic("beyonce", "HALO", kNoon)), WriteOutcome::duplicate);
  EXPECT_EQ(write_one(writer, basic("Beyoncé", "Halo", kNoon + 20'000 + 91'000)), WriteOutcome::imported);
  EXPECT_EQ(write_one(writer, basic("Beyoncé", "Halo", kNoon + 20'000 - 91'000)), WriteOutcome::imported);
  EXPECT_EQ(count("SELECT count(*) FROM plays WHERE source = 'basic'"), 2);
  // The basic plays were attached to the track that has the ID.
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), 1);
}

TEST_F(PlayWriterTest, ExtendedPlayReplacesAPoorerCopyAndLinksTheTrackId) {
  PlayWriter writer(db_, 0);
  EXPECT_EQ(write_one(writer, basic("Aurora Fields", "Morning Light", kNoon)), WriteOutcome::imported);
  EXPECT_EQ(count("SELECT count(*) FROM tracks WHERE spotify_id IS NULL"), 1);
  EXPECT_EQ(write_one(writer, extended("0aaaaaaaaaaaaaaaaaaaaa", "Aurora Fields", "Morning Light", kNoon + 45'000)),
            WriteOutcome::replaced);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM plays WHERE source = 'extended'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM tracks WHERE spotify_id = '0aaaaaaaaaaaaaaaaaaaaa'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), 1);
}

TEST_F(PlayWriterTest, ApiPlayMatchesWhetherPlayedAtIsTheStartOrTheEnd) {
  PlayWriter writer(db_, 0);
  const std::string id = "0ggggggggggggggggggggg";
  write_one(writer, extended(id, "First Singer", "Two Voices", kNoon, 240'000));
  // played_at as the start: played_at + duration is the end.
  EXPECT_EQ(write_one(writer, api(id, "First Singer", "Two Voices", kNoon - 240'000 + 3'000, 240'000)),
            WriteOutcome::duplicate);
  // played_at as the end (Spotify does this sometimes).
  EXPECT_EQ(write_one(writer, api(id, "First Singer", "Two Voices", kNoon + 2'000, 240'000)), WriteOutcome::duplicate);
  // An hour later: another listen.
  EXPECT_EQ(write_one(writer, api(id, "First Singer", "Two Voices", kNoon + 3'600'000, 240'000)),
            WriteOutcome::imported);
}

TEST_F(PlayWriterTest, ApiPlayIsReplacedByTheExtendedExportLater) {
  PlayWriter writer(db_, 0);
  const std::string id = "0ggggggggggggggggggggg";
  PlayRecord from_api = api(id, "First Singer", "Two Voices", kNoon - 240'000, 240'000);
  from_api.artists.push_back({"2iiiiiiiiiiiiiiiiiiiii", "Second Singer"});
  write_one(writer, from_api);
  EXPECT_EQ(count("SELECT count(*) FROM track_artists"), 2);
  EXPECT_EQ(write_one(writer, extended(id, "First Singer", "Two Voices", kNoon + 1'000, 230'000)),
            WriteOutcome::replaced);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 1);
  EXPECT_EQ(count("SELECT ms_played FROM plays"), 230'000);
}

TEST_F(PlayWriterTest, OtherTracksAtTheSameTimeAreNotMatched) {
  PlayWriter writer(db_, 0);
  write_one(writer, extended("0aaaaaaaaaaaaaaaaaaaaa", "Aurora Fields", "Morning Light", kNoon));
  EXPECT_EQ(write_one(writer, basic("Aurora Fields", "Evening Light", kNoon)), WriteOutcome::imported);
}

// Each hourly ingest creates a new writer: it must learn where other sources have plays from
// the kept spans, not from a scan of every play.
TEST_F(PlayWriterTest, ANewWriterMatchesAcrossSourcesThroughTheKeptSpans) {
  const std::string id = "0ggggggggggggggggggggg";
  {
    PlayWriter first_run(db_, 0);
    write_committed(first_run, extended(id, "First Singer", "Two Voices", kNoon, 240'000));
    write_committed(first_run, extended(id, "First Singer", "Two Voices", kNoon + 86'400'000, 240'000));
  }
  EXPECT_EQ(count("SELECT from_end_ms FROM play_source_spans WHERE source = 'extended'"), kNoon);
  EXPECT_EQ(count("SELECT to_end_ms FROM play_source_spans WHERE source = 'extended'"), kNoon + 86'400'000);
  EXPECT_EQ(count("SELECT count(*) FROM play_source_spans"), 1);

  PlayWriter next_run(db_, 0);
  EXPECT_EQ(write_committed(next_run, api(id, "First Singer", "Two Voices", kNoon + 86'400'000 - 240'000, 240'000)),
            WriteOutcome::duplicate);
  EXPECT_EQ(count("SELECT count(*) FROM play_source_spans"), 1);  // the api play was a duplicate
}

TEST_F(PlayWriterTest, SpansOfARolledBackBatchAreKeptAgainWithTheNextOne) {
  const std::string id = "0ggggggggggggggggggggg";
  PlayWriter writer(db_, 0);
  {
    Transaction rolled_back(db_);
    write_one(writer, extended(id, "First Singer", "Two Voices", kNoon, 240'000));
  }
  writer.forget_cached_ids();
  EXPECT_EQ(count("SELECT count(*) FROM play_source_spans"), 0);
  write_committed(writer, extended(id, "First Singer", "Two Voices", kNoon + 3'600'000, 240'000));
  // The span still covers the rolled-back play's time: wider is safe (a search that finds
  // nothing), narrower would miss a match.
  EXPECT_EQ(count("SELECT from_end_ms FROM play_source_spans WHERE source = 'extended'"), kNoon);
}

TEST_F(PlayWriterTest, PlaysWrittenWithoutAWriterAreMeasuredOnce) {
  const std::string id = "0ggggggggggggggggggggg";
  {
    PlayWriter writer(db_, 0);
    write_committed(writer, extended(id, "First Singer", "Two Voices", kNoon, 240'000));
  }
  db_.exec("DELETE FROM play_source_spans");
  PlayWriter writer(db_, 0);
  EXPECT_EQ(write_committed(writer, api(id, "First Singer", "Two Voices", kNoon - 240'000, 240'000)),
            WriteOutcome::duplicate);
  EXPECT_EQ(count("SELECT to_end_ms FROM play_source_spans WHERE source = 'extended'"), kNoon);
}

TEST_F(PlayWriterTest, EpisodesAreStoredApartFromTracks) {
  PlayWriter writer(db_, 0);
  PlayRecord episode;
  episode.source = PlaySource::extended;
  episode.kind = sources::ItemKind::podcast;
  episode.episode_uri = "spotify:episode:5ccccccccccccccccccccc";
  episode.episode_name = "Episode 12";
  episode.show_name = "The Music Show";
  episode.end_ms = kNoon;
  episode.ms_played = 1'500'000;
  EXPECT_EQ(write_one(writer, episode), WriteOutcome::imported);
  EXPECT_EQ(write_one(writer, episode), WriteOutcome::duplicate);
  EXPECT_EQ(count("SELECT count(*) FROM episodes"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), 0);
  // Episodes and short plays do not make sessions.
  EXPECT_TRUE(writer.take_touched_range().empty());
  write_one(writer, extended("0aaaaaaaaaaaaaaaaaaaaa", "A", "B", kNoon, 10'000));
  EXPECT_TRUE(writer.take_touched_range().empty());
  write_one(writer, extended("0aaaaaaaaaaaaaaaaaaaaa", "A", "B", kNoon, 100'000));
  const TouchedRange range = writer.take_touched_range();
  EXPECT_EQ(range.from_ms, kNoon - 100'000);
  EXPECT_EQ(range.to_ms, kNoon);
}

// More rows than one INSERT statement holds (32), with duplicates inside the first statement: the
// fates of the rows that did go in (short, episode, the span of music) are told row by row, so
// a writer that took the statement's first rows for the inserted ones would miscount.
TEST_F(PlayWriterTest, DuplicatesInsideAManyRowStatementLeaveTheOtherRowsCountedExactly) {
  constexpr std::int64_t kStep = 600'000;
  const std::string id = "0aaaaaaaaaaaaaaaaaaaaa";
  PlayWriter writer(db_, 0);
  Transaction transaction(db_);
  const PlayRecord earlier = extended(id, "Aurora Fields", "Morning Light", kNoon - 10 * kStep, 10'000);
  ASSERT_EQ(write_one(writer, earlier), WriteOutcome::imported);
  writer.take_touched_range();

  std::vector<PlayRecord> plays;
  for (int i = 0; i < 40; ++i) {
    // Every fifth play is short (10 s); the others last 200 s.
    plays.push_back(extended(id, "Aurora Fields", "Morning Light", kNoon + i * kStep, i % 5 == 0 ? 10'000 : 200'000));
  }
  plays[21].kind = sources::ItemKind::podcast;
  plays[21].episode_uri = "spotify:episode:5ccccccccccccccccccccc";
  plays[21].episode_name = "Episode 12";
  plays[7] = plays[2];    // a duplicate of a row of the same statement
  plays[12] = earlier;    // of a row stored before (short)
  plays[35] = plays[36];  // of a row after it: row 35 goes in, row 36 is the duplicate
  for (const auto& play : plays) writer.write(play);
  const WriteCounts counts = writer.take_counts();
  EXPECT_EQ(counts.imported, 37);
  EXPECT_EQ(counts.duplicates, 3);
  // Rows 0, 5, 10, 15, 20, 25 and 30; row 35 now lasts 200 s.
  EXPECT_EQ(counts.short_plays, 7);
  EXPECT_EQ(counts.episodes, 1);
  const TouchedRange range = writer.take_touched_range();
  EXPECT_EQ(range.from_ms, kNoon + kStep - 200'000);  // row 1, the first music listen
  EXPECT_EQ(range.to_ms, kNoon + 39 * kStep);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 38);
  EXPECT_EQ(count("SELECT count(*) FROM plays WHERE is_short = 1"), 8);
}

// The listens kept for a bulk load's sessions are exactly the music listens that went in, in
// the order they went in (no duplicate, short play or episode); a replaced play or a rollback
// makes the writer give them up rather than hand over a list the store no longer matches.
TEST_F(PlayWriterTest, KeptListensAreTheListensStoredUntilAPlayIsReplaced) {
  const std::string id = "0aaaaaaaaaaaaaaaaaaaaa";
  PlayWriter writer(db_, 0);
  Transaction transaction(db_);
  EXPECT_FALSE(writer.take_kept_listens());  // not asked to keep any
  writer.keep_listens();
  PlayRecord episode = extended("", "", "", kNoon + 100'000, 300'000);
  episode.kind = sources::ItemKind::podcast;
  episode.episode_uri = "spotify:episode:5ccccccccccccccccccccc";
  for (const auto& play : {extended(id, "A", "B", kNoon, 200'000), extended(id, "A", "B", kNoon, 200'000),
                           extended(id, "A", "B", kNoon + 50'000, 10'000), episode,
                           extended("1bbbbbbbbbbbbbbbbbbbbb", "C", "D", kNoon - 600'000, 40'000)}) {
    writer.write(play);
  }
  const auto kept = writer.take_kept_listens();
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[0].start_ms, kNoon - 200'000);
  EXPECT_EQ((*kept)[0].end_ms, kNoon);
  EXPECT_EQ((*kept)[0].ms_played, 200'000);
  EXPECT_EQ((*kept)[1].start_ms, kNoon - 640'000);
  EXPECT_FALSE(writer.take_kept_listens());  // handed over once

  writer.keep_listens();
  writer.write(basic("E", "F", kNoon + 3'600'000));
  writer.write(extended("2ccccccccccccccccccccc", "E", "F", kNoon + 3'630'000));  // replaces the basic play
  EXPECT_EQ(writer.take_counts().replaced, 1);
  EXPECT_FALSE(writer.take_kept_listens());

  writer.keep_listens();
  writer.write(extended(id, "A", "B", kNoon + 7'200'000));
  writer.forget_cached_ids();  // as after a rollback
  EXPECT_FALSE(writer.take_kept_listens());
}

}  // namespace
}  // namespace sonic::store
