// How `sonic stats` looks: JSON with stable keys, and a plain table that fits 80 columns.
#include "sonic/report/history_stats_format.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "genre_text.hpp"
#include "report_format.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/report/text_cell.hpp"

namespace sonic::report {
namespace {

using detail::fixed;

constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string date_of(std::int64_t ms) { return format_iso8601_utc(ms).substr(0, 10); }

nlohmann::json ranked_json(const std::vector<RankedItem>& items, bool with_artist) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : items) {
    nlohmann::json entry = {{"name", item.name}, {"listens", item.listens}, {"hours", item.hours}};
    if (with_artist) entry["artist"] = item.detail;
    list.push_back(entry);
  }
  return list;
}

// A bar of up to `width` eighth-block steps, for the hour and weekday histograms.
std::string bar(std::int64_t value, std::int64_t max, int width) {
  if (max <= 0) return "";
  const auto eighths = static_cast<int>(static_cast<double>(value) * width * 8 / static_cast<double>(max) + 0.5);
  static const char* kPartial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  std::string out;
  for (int i = 0; i < eighths / 8; ++i) out += "█";
  out += kPartial[eighths % 8];
  return out;
}

}  // namespace

nlohmann::json to_json(const HistoryStats& stats) {
  nlohmann::json years = nlohmann::json::array();
  for (const auto& year : stats.years) {
    years.push_back({{"year", year.year},
                     {"listens", year.listens},
                     {"hours", year.hours},
                     {"distinct_tracks", year.distinct_tracks},
                     {"top_artist", year.top_artist}});
  }
  const auto percent = [](std::int64_t part, std::int64_t whole) {
    return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
  };
  return {
      {"time_zone", stats.time_zone},
      {"plays", stats.plays},
      {"listens", stats.listens},
      {"short_plays", stats.short_plays},
      {"episode_plays", stats.episode_plays},
      {"hours", stats.hours},
      {"tracks", stats.tracks},
      {"artists", stats.artists},
      {"plays_by_source", stats.plays_by_source},
      {"sessions",
       {{"count", stats.sessions},
        {"mean_minutes", stats.mean_session_minutes},
        {"mean_tracks", stats.mean_tracks_per_session}}},
      {"first", stats.first_ms ? nlohmann::json(format_iso8601_utc(stats.first_ms)) : nlohmann::json()},
      {"last", stats.last_ms ? nlohmann::json(format_iso8601_utc(stats.last_ms)) : nlohmann::json()},
      {"top_artists", ranked_json(stats.top_artists, false)},
      {"top_tracks", ranked_json(stats.top_tracks, true)},
      {"years", years},
      {"listens_by_hour", stats.listens_by_hour},
      {"listens_by_weekday", stats.listens_by_weekday},
      {"audio_features",
       {{"tracks", stats.features.tracks},
        {"tracks_with_features", stats.features.tracks_with_features},
        {"tracks_percent", percent(stats.features.tracks_with_features, stats.features.tracks)},
        {"listens_with_features", stats.features.listens_with_features},
        {"listens_percent", percent(stats.features.listens_with_features, stats.listens)},
        {"tracks_by_source", stats.features.tracks_by_source}}},
      {"genres", taste::to_json(stats.genres)},
  };
}

std::string to_text(const HistoryStats& stats) {
  std::ostringstream out;
  if (stats.plays == 0) {
    out << "The store is empty. Import your Spotify data first: sonic import my_spotify_data.zip\n";
    return out.str();
  }
  out << "Listening history (" << terminal_safe(stats.time_zone) << ")\n";
  out << "  " << stats.listens << " listens, " << fixed(stats.hours, 1) << " hours, " << stats.tracks << " tracks by "
      << stats.artists << " artists\n";
  if (stats.first_ms) out << "  from " << date_of(stats.first_ms) << " to " << date_of(stats.last_ms) << "\n";
  out << "  " << stats.short_plays << " plays under 30 s and " << stats.episode_plays
      << " podcast/audiobook plays are kept but not counted\n";
  out << "  " << stats.sessions << " sessions, " << fixed(stats.mean_session_minutes, 1) << " min and "
      << fixed(stats.mean_tracks_per_session, 1) << " tracks on average\n\n";

  out << "Top artists                                        listens    hours\n";
  for (const auto& artist : stats.top_artists) {
    out << "  " << cell(artist.name, 48) << " " << cell(std::to_string(artist.listens), 8, true) << " "
        << cell(fixed(artist.hours, 1), 8, true) << "\n";
  }
  out << "\nTop tracks                                         listens    hours\n";
  for (const auto& track : stats.top_tracks) {
    out << "  " << cell(track.name + " — " + track.detail, 48) << " " << cell(std::to_string(track.listens), 8, true)
        << " " << cell(fixed(track.hours, 1), 8, true) << "\n";
  }
  out << "\nYear     listens    hours   tracks  top artist\n";
  for (const auto& year : stats.years) {
    out << "  " << year.year << " " << cell(std::to_string(year.listens), 9, true) << " "
        << cell(fixed(year.hours, 1), 8, true) << " " << cell(std::to_string(year.distinct_tracks), 8, true) << "  "
        << cell(year.top_artist, 36) << "\n";
  }

  const auto max_hour = *std::max_element(stats.listens_by_hour.begin(), stats.listens_by_hour.end());
  out << "\nListens by local hour\n";
  for (std::size_t hour = 0; hour < 24; ++hour) {
    char label[8];
    std::snprintf(label, sizeof label, "  %02zu ", hour);
    out << label << cell(std::to_string(stats.listens_by_hour[hour]), 7, true) << " "
        << bar(stats.listens_by_hour[hour], max_hour, 60) << "\n";
  }
  const auto max_day = *std::max_element(stats.listens_by_weekday.begin(), stats.listens_by_weekday.end());
  out << "\nListens by weekday\n";
  for (std::size_t day = 0; day < 7; ++day) {
    out << "  " << kWeekdays[day] << " " << cell(std::to_string(stats.listens_by_weekday[day]), 7, true) << " "
        << bar(stats.listens_by_weekday[day], max_day, 60) << "\n";
  }

  const FeatureCoverage& features = stats.features;
  out << "\nAudio features: " << features.tracks_with_features << " of " << features.tracks << " tracks, "
      << features.listens_with_features << " of " << stats.listens << " listens";
  if (!features.tracks_by_source.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [source, count] : features.tracks_by_source) {
      out << (first ? "" : ", ") << terminal_safe(source) << ": " << count;
      first = false;
    }
    out << ")";
  }
  out << "\n";

  out << "\nGenres by listening time\n";
  for (const auto& line : detail::genre_lines(taste::to_json(stats.genres))) out << "  " << line << "\n";
  return out.str();
}

}  // namespace sonic::report
