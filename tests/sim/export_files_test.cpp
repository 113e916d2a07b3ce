#include "sonic/sim/export_files.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>

#include "sim_fixtures.hpp"

namespace sonic::sim {
namespace {

using nlohmann::ordered_json;

// Strictly "YYYY-MM-DDTHH:MM:SSZ", read with the C library, not with the simulator's code.
std::optional<std::int64_t> parse_spotify_ts(const std::string& text) {
  const std::string shape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != shape.size()) return std::nullopt;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    if (shape[i] == 'd' ? !digit : text[i] != shape[i]) return std::nullopt;
  }
  std::tm parts{};
  parts.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  parts.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  parts.tm_mday = std::stoi(text.substr(8, 2));
  parts.tm_hour = std::stoi(text.substr(11, 2));
  parts.tm_min = std::stoi(text.substr(14, 2));
  parts.tm_sec = std::stoi(text.substr(17, 2));
  const std::tm asked = parts;
  const std::time_t seconds = timegm(&parts);
  // timegm normalises 2025-02-30 into March: a real date survives unchanged.
  if (parts.tm_mday != asked.tm_mday || parts.tm_mon != asked.tm_mon || parts.tm_hour != asked.tm_hour ||
      parts.tm_min != asked.tm_min || parts.tm_sec != asked.tm_sec) {
    return std::nullopt;
  }
  return seconds;
}

// RFC 5737: the only addresses a fake export may contain.
bool is_documentation_address(const std::string& address) {
  for (const char* prefix : {"192.0.2.", "198.51.100.", "203.0.113."}) {
    if (address.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

void expect_string_or_null(const ordered_json& value, bool expect_string, const std::string& key) {
  EXPECT_TRUE(expect_string ? value.is_string() : value.is_null()) << key << " = " << value;
}

// Checks one parsed row against the rules of §5b and against the row it was made from.
void expect_valid_row(const ordered_json& json, const StreamRow& row) {
  ASSERT_TRUE(json.is_object());
  ASSERT_EQ(json.size(), 23u);
  std::size_t position = 0;
  const auto keys = extended_history_keys();
  for (const auto& item : json.items()) EXPECT_EQ(item.key(), keys[position++]);

  ASSERT_TRUE(json["ts"].is_string());
  EXPECT_EQ(parse_spotify_ts(json["ts"].get<std::string>()), row.ts) << json["ts"];
  EXPECT_TRUE(json["platform"].is_string());
  ASSERT_TRUE(json["ms_played"].is_number_integer());
  EXPECT_GT(json["ms_played"].get<std::int64_t>(), 0);
  EXPECT_EQ(json["ms_played"].get<std::int64_t>(), row.ms_played);
  EXPECT_TRUE(json["conn_country"].is_string());
  ASSERT_TRUE(json["ip_addr"].is_string());
  EXPECT_TRUE(is_documentation_address(json["ip_addr"].get<std::string>())) << json["ip_addr"];
  const bool music = !json["spotify_track_uri"].is_null();
  for (const char* key : {"master_metadata_track_name", "master_metadata_album_artist_name",
                          "master_metadata_album_album_name", "spotify_track_uri"}) {
    expect_string_or_null(json[key], music, key);
  }
  for (const char* key : {"episode_name", "episode_show_name", "spotify_episode_uri"}) {
    expect_string_or_null(json[key], !music, key);
  }
  for (const char* key : {"audiobook_title", "audiobook_uri", "audiobook_chapter_uri", "audiobook_chapter_title"}) {
    EXPECT_TRUE(json[key].is_null()) << key;
  }
  if (music) {
    EXPECT_EQ(json["spotify_track_uri"].get<std::string>().rfind("spotify:track:", 0), 0u);
    EXPECT_EQ(json["master_metadata_track_name"], *row.master_metadata_track_name);
  } else {
    EXPECT_EQ(json["spotify_episode_uri"].get<std::string>().rfind("spotify:episode:", 0), 0u);
  }
  EXPECT_TRUE(json["reason_start"].is_string());
  EXPECT_TRUE(json["reason_end"].is_string());
  for (const char* key : {"shuffle", "skipped", "offline", "incognito_mode"}) {
    EXPECT_TRUE(json[key].is_boolean()) << key;
  }
  EXPECT_EQ(json["skipped"].get<bool>(), row.skipped);
  EXPECT_TRUE(json["offline_timestamp"].is_number_integer() || json["offline_timestamp"].is_null());
}

TEST(ExportFiles, EveryRowHasAllTwentyThreeKeysInOrderWithValidTypes) {
  const History& history = testing::default_year();
  const auto files = render_extended_export(history);
  ASSERT_EQ(files.size(), 1u);
  const auto parsed = ordered_json::parse(files[0].json);
  ASSERT_TRUE(parsed.is_array());
  ASSERT_EQ(parsed.size(), history.rows.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i));
    expect_valid_row(parsed[i], history.rows[i]);
    if (::testing::Test::HasFailure()) break;  // one broken row says enough
  }
}

TEST(ExportFiles, NamedAsSpotifyNamesThem) {
  const auto files = render_extended_export(testing::default_year());
  EXPECT_EQ(files[0].name, "Spotify Extended Streaming History/Streaming_History_Audio_2025_0.json");
}

TEST(ExportFiles, FormattedAsSpotifyFormatsThem) {
  StreamRow row;
  row.ts = 1735689600;
  row.platform = "ios";
  row.ms_played = 1234;
  row.master_metadata_track_name = "夜の雨 <script>alert(1)</script> \"q\" \\ &";
  const std::string json = render_stream_rows(std::span<const StreamRow>(&row, 1));
  EXPECT_EQ(json.rfind("[\n  {\n    \"ts\": \"2025-01-01T00:00:00Z\",\n    \"platform\": \"ios\",\n", 0), 0u);
  EXPECT_NE(json.find("\"master_metadata_track_name\": "
                      "\"夜の雨 <script>alert(1)</script> \\\"q\\\" \\\\ &\",\n"),
            std::string::npos)
      << "UTF-8 is written as is, only quotes and backslashes escaped";
  EXPECT_EQ(json.substr(json.size() - 6), "\n  }\n]");  // no newline at the end, like Spotify
}

TEST(ExportFiles, SplitsLongHistoriesIntoNumberedFiles) {
  const History& history = testing::default_year();
  const auto files = render_extended_export(history, 5000);
  const std::size_t expected_files = (history.rows.size() + 4999) / 5000;
  ASSERT_EQ(files.size(), expected_files);
  std::size_t row = 0;
  for (std::size_t n = 0; n < files.size(); ++n) {
    EXPECT_EQ(files[n].name,
              std::string(kExtendedHistoryFolder) + "Streaming_History_Audio_2025_" + std::to_string(n) + ".json");
    const auto parsed = ordered_json::parse(files[n].json);
    EXPECT_LE(parsed.size(), 5000u);
    for (const auto& json : parsed) {
      EXPECT_EQ(parse_spotify_ts(json["ts"].get<std::string>()), history.rows[row++].ts);
    }
  }
  EXPECT_EQ(row, history.rows.size());
}

TEST(ExportFiles, AFileSpanningTwoYearsNamesBoth) {
  History history;
  StreamRow row;
  row.ms_played = 1000;
  row.ts = 1735689590;  // 2024-12-31T23:59:50Z
  history.rows.push_back(row);
  row.ts = 1735689610;  // 2025-01-01T00:00:10Z
  history.rows.push_back(row);
  const auto files = render_extended_export(history);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "Spotify Extended Streaming History/Streaming_History_Audio_2024-2025_0.json");
}

TEST(ExportFiles, AnEmptyHistoryStillGivesOneFile) {
  History history;
  history.options.start_date = {2031, 5, 1};
  const auto files = render_extended_export(history);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "Spotify Extended Streaming History/Streaming_History_Audio_2031_0.json");
  EXPECT_EQ(files[0].json, "[]");
}

}  // namespace
}  // namespace sonic::sim
