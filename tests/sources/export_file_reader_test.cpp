#include "sonic/sources/export_file_reader.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::sources {
namespace {

struct ReadResult {
  ExportLayout layout = ExportLayout::unknown;
  std::vector<PlayRecord> records;
  std::vector<std::string> skips;  // one entry per row: "" or the reason
};

ReadResult read_all(const std::filesystem::path& path, const std::string& name = "") {
  auto source = open_file_source(path);
  ExportFileReader reader(*source, name.empty() ? path.string() : name);
  ReadResult result;
  PlayRecord record;
  std::string skip;
  while (reader.next(record, skip)) {
    result.records.push_back(record);
    result.skips.push_back(skip);
  }
  result.layout = reader.layout();
  return result;
}

ReadResult read_text(const std::string& text) {
  testing::TempDir dir;
  return read_all(testing::write_file(dir / "file.json", text), "file.json");
}

std::string error_of(const std::filesystem::path& path) {
  try {
    read_all(path);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

std::int64_t utc(const char* iso) { return *parse_iso8601_utc(iso); }

TEST(ExportFileReader, ExtendedCurrentLayout) {
  const auto result = read_all(testing::test_data("import/Streaming_History_Audio_2023-2024_0.json"));
  ASSERT_EQ(result.layout, ExportLayout::extended);
  ASSERT_EQ(result.records.size(), 6u);
  const PlayRecord& first = result.records[0];
  EXPECT_EQ(first.source, PlaySource::extended);
  EXPECT_EQ(first.kind, ItemKind::track);
  EXPECT_EQ(first.end_ms, utc("2023-06-01T08:03:20Z"));
  EXPECT_EQ(first.ms_played, 200000);
  EXPECT_EQ(first.track_id, "0aaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(first.track_name, "Morning Light");
  EXPECT_EQ(first.primary_artist(), "Aurora Fields");
  EXPECT_EQ(first.album_name, "Dawn");
  EXPECT_EQ(first.platform, "android");
  EXPECT_EQ(first.reason_start, "clickrow");
  EXPECT_EQ(first.reason_end, "trackdone");
  EXPECT_EQ(first.shuffle, false);
  // offline_timestamp in seconds in one row and milliseconds in the next: both become ms.
  EXPECT_EQ(first.offline_ms, 1685606400000);
  EXPECT_EQ(result.records[1].offline_ms, 1685606412000);
  EXPECT_EQ(result.records[1].skipped, true);
  EXPECT_EQ(result.records[1].track_name, "Café “Noir” & Co");
}

// Keys are found by a hash of their length and two bytes: keys that land in the slot of a known
// key ("Ts" and "tS" beside "ts", "ip_addr" beside "reason_end", "trackname" beside "trackName")
// are still other keys, skipped unread, whatever their values hold.
TEST(ExportFileReader, KeysSharingAKnownKeysSlotAreStillUnknown) {
  const auto result =
      read_text(R"([{"Ts": {"x": 1}, "tS": [1], "ts": "2023-06-01T08:03:20Z", "ip_addr": 7, "ms_played": 200000,)"
                R"("trackname": false, "master_metadata_track_name": "Morning Light",)"
                R"("spotify_track_uri": "spotify:track:0aaaaaaaaaaaaaaaaaaaaa", "reason_end": "trackdone"}])");
  ASSERT_EQ(result.layout, ExportLayout::extended);
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].end_ms, utc("2023-06-01T08:03:20Z"));
  EXPECT_EQ(result.records[0].track_name, "Morning Light");
  EXPECT_EQ(result.records[0].reason_end, "trackdone");
  EXPECT_EQ(result.skips[0], "");
}

TEST(ExportFileReader, PodcastAudiobookAndEmptyRows) {
  const auto result = read_all(testing::test_data("import/Streaming_History_Audio_2023-2024_0.json"));
  const PlayRecord& podcast = result.records[2];
  EXPECT_EQ(podcast.kind, ItemKind::podcast);
  EXPECT_EQ(podcast.episode_uri, "spotify:episode:5ccccccccccccccccccccc");
  EXPECT_EQ(podcast.episode_name, "Episode 12: Tempo");
  EXPECT_EQ(podcast.show_name, "The Music Show");
  EXPECT_FALSE(podcast.skipped.has_value());  // null stays unknown, not false
  const PlayRecord& chapter = result.records[3];
  EXPECT_EQ(chapter.kind, ItemKind::audiobook);
  EXPECT_EQ(chapter.episode_uri, "spotify:episode:7eeeeeeeeeeeeeeeeeeeee");
  EXPECT_EQ(chapter.episode_name, "Chapter 1");
  EXPECT_EQ(chapter.show_name, "A Long Book");
  // A row with no track, episode or audiobook is skipped with a reason, not a failure.
  EXPECT_EQ(result.skips[4], "no_track_or_episode");
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u}) EXPECT_EQ(result.skips[i], "") << i;
}

TEST(ExportFileReader, ExtendedLegacyLayoutWithDecryptedKeys) {
  const auto result = read_all(testing::test_data("import/endsong_0.json"));
  ASSERT_EQ(result.layout, ExportLayout::extended);
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].track_id, "1fffffffffffffffffffff");
  EXPECT_FALSE(result.records[0].shuffle.has_value());
  EXPECT_FALSE(result.records[0].offline_ms.has_value());  // 0 means none
}

TEST(ExportFileReader, AccountDataMusicAndPodcast) {
  const auto music = read_all(testing::test_data("import/StreamingHistory0.json"));
  ASSERT_EQ(music.layout, ExportLayout::basic_music);
  ASSERT_EQ(music.records.size(), 2u);
  EXPECT_EQ(music.records[0].source, PlaySource::basic);
  EXPECT_EQ(music.records[0].end_ms, utc("2023-06-01T08:03:00Z"));  // UTC, minute precision
  EXPECT_EQ(music.records[0].track_id, "");
  EXPECT_EQ(music.records[1].track_name, "Café \"Noir\" & co");

  EXPECT_EQ(read_all(testing::test_data("import/StreamingHistory_music_0.json")).layout, ExportLayout::basic_music);
  const auto podcast = read_all(testing::test_data("import/StreamingHistory_podcast_0.json"));
  ASSERT_EQ(podcast.layout, ExportLayout::basic_podcast);
  EXPECT_EQ(podcast.records[0].kind, ItemKind::podcast);
  EXPECT_EQ(podcast.records[0].show_name, "The Music Show");
  EXPECT_EQ(podcast.records[0].episode_name, "Episode 13: Key");
}

TEST(ExportFileReader, RecentlyPlayedResponse) {
  const auto result = read_all(testing::test_data("import/recently_played.json"));
  ASSERT_EQ(result.layout, ExportLayout::api_recently_played);
  ASSERT_EQ(result.records.size(), 2u);
  const PlayRecord& duet = result.records[0];
  EXPECT_EQ(duet.source, PlaySource::api);
  EXPECT_EQ(duet.track_id, "0ggggggggggggggggggggg");
  EXPECT_EQ(duet.track_name, "Two Voices");
  EXPECT_EQ(duet.album_name, "Duets");  // not the album's own "artists" or "name" of images
  ASSERT_EQ(duet.artists.size(), 2u);
  EXPECT_EQ(duet.artists[1].spotify_id, "2iiiiiiiiiiiiiiiiiiiii");
  EXPECT_EQ(duet.artists[1].name, "Second Singer");
  // played_at keeps its milliseconds; the play is taken to run for the track's duration.
  EXPECT_EQ(duet.end_ms, utc("2023-06-01T09:00:00.123Z") + 240000);
  EXPECT_EQ(duet.ms_played, 240000);
}

TEST(ExportFileReader, LayoutComesFromKeysNotTheFileName) {
  testing::TempDir dir;
  const auto misnamed = testing::write_file(dir / "StreamingHistory0.json",
                                            testing::read_file(testing::test_data("import/endsong_0.json")));
  EXPECT_EQ(read_all(misnamed).layout, ExportLayout::extended);
}

TEST(ExportFileReader, EmptyArrayHasNoRows) {
  const auto result = read_text("[]");
  EXPECT_TRUE(result.records.empty());
  EXPECT_EQ(result.layout, ExportLayout::unknown);
}

TEST(ExportFileReader, TruncatedFileNamesFileAndByteOffset) {
  const auto path = testing::test_data("import/bad/truncated.json");
  const std::string message = error_of(path);
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("byte " + std::to_string(std::filesystem::file_size(path))), std::string::npos) << message;
}

TEST(ExportFileReader, WrongTypeNamesRowAndKey) {
  const std::string message = error_of(testing::test_data("import/bad/wrong_types.json"));
  EXPECT_NE(message.find("row 2"), std::string::npos) << message;
  EXPECT_NE(message.find("'ms_played' should be a whole number, found a string"), std::string::npos) << message;
  EXPECT_NE(message.find("byte "), std::string::npos) << message;
}

TEST(ExportFileReader, BadTimestampAndMissingKeyNameTheRow) {
  const std::string time = error_of(testing::test_data("import/bad/bad_timestamp.json"));
  EXPECT_NE(time.find("row 2: 'endTime' is not a 'YYYY-MM-DD HH:MM' time: 'yesterday at noon'"), std::string::npos)
      << time;
  const std::string missing = error_of(testing::test_data("import/bad/missing_key.json"));
  EXPECT_NE(missing.find("row 2: missing 'ts'"), std::string::npos) << missing;
}

TEST(ExportFileReader, JsonThatIsNoExportIsRecognised) {
  EXPECT_THROW(read_all(testing::test_data("import/bad/Userdata.json")), NotListeningHistory);
  try {
    read_all(testing::test_data("import/bad/SearchQueries.json"));
    FAIL();
  } catch (const NotListeningHistory& error) {
    EXPECT_NE(std::string(error.what()).find("searchQuery"), std::string::npos) << error.what();
  }
  EXPECT_THROW(read_text("42"), NotListeningHistory);
  EXPECT_THROW(read_text("[1, 2]"), InputError);
}

TEST(ExportFileReader, RealExtendedExportReadsEveryRow) {
  SONIC_SHARED_DATA_OR_SKIP(file, "histories/extended/anton/Streaming_History_Audio_2023-2024_2.json");
  const auto result = read_all(file);
  EXPECT_EQ(result.layout, ExportLayout::extended);
  EXPECT_GT(result.records.size(), 5000u);
  for (const auto& record : result.records) {
    EXPECT_GT(record.end_ms, utc("2013-01-01T00:00:00Z"));
    EXPECT_GE(record.ms_played, 0);
  }
}

// Found by the fuzz target export_file (ASan: a read after free): the message named the key
// through a view of the reader's text, which reading the value had replaced. One byte per read
// puts every token in the reader's scratch text.
TEST(ExportFileReader, AWrongTypeNamesItsKeyWhenTokensArriveInPieces) {
  class OneByteSource final : public ByteSource {
   public:
    explicit OneByteSource(std::string text) : text_(std::move(text)) {}
    std::size_t read(char* buffer, std::size_t capacity) override {
      if (at_ == text_.size() || capacity == 0) return 0;
      buffer[0] = text_[at_++];
      return 1;
    }

   private:
    std::string text_;
    std::size_t at_ = 0;
  };
  OneByteSource source(R"([{"ts":"2024-01-01T00:00:00Z","ms_played":"a long string value"}])");
  ExportFileReader reader(source, "h.json");
  PlayRecord record;
  std::string skip;
  try {
    reader.next(record, skip);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("row 1: 'ms_played' should be a whole number, found a string"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace sonic::sources
