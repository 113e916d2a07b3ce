#include "session_builder.hpp"

#include "play_outcome.hpp"
#include "sonic/sim/civil_time.hpp"

namespace sonic::sim {
namespace {

constexpr double kFollowSessionMood = 0.75;  // otherwise the hour's own mood picks the track
constexpr double kAlbumContinues = 0.5;      // with shuffle off, the album plays on
constexpr double kPauseChance = 0.04;        // a pause between streams, always under 30 minutes
constexpr std::int64_t kLongestPauseMinutes = 15;
constexpr double kDuplicateChance = 0.0007;  // an exact duplicate row, as real exports have
constexpr double kIncognitoChance = 0.01;

// RFC 5737 documentation addresses: home broadband, the office, and a mobile network whose
// last octet changes from session to session.
constexpr const char* kHomeAddress = "192.0.2.1";
constexpr const char* kWorkAddress = "203.0.113.10";

}  // namespace

SessionBuilder::SessionBuilder(const Catalog& catalog, const SimulationOptions& options, SeededRandom& random)
    : catalog_(catalog), options_(options), random_(random), picker_(catalog) {
  phone_platform_ = random_.chance(0.5) ? "android" : "ios";
  desktop_platform_ = random_.chance(0.8) ? "windows" : "linux";
}

int SessionBuilder::local_hour(std::int64_t utc_ms) const {
  const std::int64_t local_seconds = floor_div(utc_ms, 1000) + options_.utc_offset_minutes * 60;
  return static_cast<int>(floor_div(local_seconds, 3600) - floor_div(local_seconds, 86400) * 24);
}

SessionBuilder::Setting SessionBuilder::choose_setting(const RoutineSlot& slot, std::int64_t start_ms) {
  Setting setting{};
  setting.mood = kAllMoods[random_.weighted_index(mood_weights_at(local_hour(start_ms)))];
  switch (slot.place) {
    case Place::on_the_move:
      setting.platform = phone_platform_;
      setting.ip_addr = "198.51.100." + std::to_string(random_.integer(2, 254));
      break;
    case Place::work:
      setting.platform = desktop_platform_;
      setting.ip_addr = kWorkAddress;
      break;
    case Place::home:
      setting.platform = random_.chance(0.5) ? phone_platform_ : desktop_platform_;
      setting.ip_addr = kHomeAddress;
      break;
  }
  setting.shuffle = random_.chance(slot.shuffle_chance);
  setting.offline = random_.chance(slot.offline_chance);
  setting.incognito = random_.chance(kIncognitoChance);
  return setting;
}

StreamRow SessionBuilder::row_for(const Setting& setting, std::int64_t start_ms, std::int64_t ms_played) const {
  StreamRow row;
  row.ts = floor_div(start_ms + ms_played, 1000);  // Spotify logs the END of the stream
  row.platform = setting.platform;
  row.ms_played = ms_played;
  row.conn_country = options_.conn_country;
  row.ip_addr = setting.ip_addr;
  row.shuffle = setting.shuffle;
  row.offline = setting.offline;
  // Recent exports set this on most rows, online or not: the stream's start in seconds.
  row.offline_timestamp = floor_div(start_ms, 1000);
  row.incognito_mode = setting.incognito;
  return row;
}

StreamRow SessionBuilder::podcast_row(const Setting& setting, std::int64_t start_ms, std::string reason_start) {
  // The listener follows the shows episode by episode, round-robin over the catalog.
  const PodcastEpisode& episode = catalog_.episodes[episodes_heard_++ % catalog_.episodes.size()];
  const bool finished = random_.chance(0.4);
  const std::int64_t ms_played = finished ? episode.duration_ms : random_.integer(5 * 60'000, episode.duration_ms);
  StreamRow row = row_for(setting, start_ms, ms_played);
  row.episode_name = episode.name;
  row.episode_show_name = episode.show_name;
  row.spotify_episode_uri = episode.uri();
  row.reason_start = std::move(reason_start);
  row.reason_end = finished ? "trackdone" : "endplay";
  row.shuffle = false;
  return row;
}

std::size_t SessionBuilder::next_track(const Setting& setting, std::int64_t at_ms,
                                       std::optional<std::size_t> previous) {
  if (previous && !setting.shuffle && random_.chance(kAlbumContinues)) {
    if (auto next = picker_.next_on_album(*previous)) return *next;
  }
  const LatentMood mood = random_.chance(kFollowSessionMood)
                              ? setting.mood
                              : kAllMoods[random_.weighted_index(mood_weights_at(local_hour(at_ms)))];
  return picker_.pick(mood, previous, random_);
}

void SessionBuilder::append(StreamRow row, std::vector<StreamRow>& rows) {
  const bool duplicate = random_.chance(kDuplicateChance);
  rows.push_back(std::move(row));
  if (duplicate) rows.push_back(rows.back());
}

SimulatedSession SessionBuilder::build(const RoutineSlot& slot, std::int64_t start_ms, bool weekend,
                                       std::vector<StreamRow>& rows) {
  const Setting setting = choose_setting(slot, start_ms);
  SimulatedSession session{start_ms, start_ms, rows.size(), 0, slot.name, setting.mood, weekend};

  std::int64_t clock_ms = start_ms;
  std::string reason_start = opening_reason(random_);
  if (!catalog_.episodes.empty() && random_.chance(slot.podcast_chance)) {
    StreamRow row = podcast_row(setting, clock_ms, reason_start);
    clock_ms += row.ms_played;
    session.end_ms = clock_ms;
    reason_start = following_reason(row.reason_end);
    append(std::move(row), rows);
  }

  const auto track_count = random_.integer(slot.min_tracks, slot.max_tracks);
  std::optional<std::size_t> previous;
  for (std::int64_t i = 0; i < track_count; ++i) {
    // After a back-button press the previous track plays again.
    const std::size_t index =
        (reason_start == "backbtn" && previous) ? *previous : next_track(setting, clock_ms, previous);
    const CatalogTrack& track = catalog_.tracks[index];
    const PlayOutcome outcome =
        decide_outcome({track.duration_ms, i + 1 == track_count, track.mood != setting.mood, setting.shuffle}, random_);

    StreamRow row = row_for(setting, clock_ms, outcome.ms_played);
    row.master_metadata_track_name = track.title;
    row.master_metadata_album_artist_name = track.artist;
    row.master_metadata_album_album_name = track.album;
    row.spotify_track_uri = track.uri();
    row.reason_start = reason_start;
    row.reason_end = outcome.reason_end;
    row.skipped = outcome.skipped;
    append(std::move(row), rows);

    clock_ms += outcome.ms_played;
    session.end_ms = clock_ms;
    // The next stream starts a moment later, or after a pause that never reaches 30 minutes.
    clock_ms +=
        random_.chance(kPauseChance) ? random_.integer(1, kLongestPauseMinutes) * 60'000 : random_.integer(0, 400);
    reason_start = following_reason(outcome.reason_end);
    previous = index;
  }
  session.row_count = rows.size() - session.first_row;
  return session;
}

}  // namespace sonic::sim
