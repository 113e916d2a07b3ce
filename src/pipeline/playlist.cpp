#include "sonic/pipeline/playlist.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sonic/core/error.hpp"
#include "sonic/core/utf8.hpp"
#include "sonic/pipeline/playlist_discovery.hpp"
#include "sonic/playlist/listening_habits.hpp"
#include "sonic/report/text_cell.hpp"

namespace sonic::pipeline {
namespace {

double log_share(double value, double max) { return max > 0 ? std::log1p(value) / std::log1p(max) : 0; }

std::string two_decimals(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

struct CalendarDate {
  int year = 0, month = 0, day = 0;
};

CalendarDate parse_date(const std::string& date) {
  CalendarDate parsed;
  char rest = 0;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &parsed.year, &parsed.month, &parsed.day, &rest) != 3 ||
      parsed.month < 1 || parsed.month > 12 || parsed.day < 1 || parsed.day > 31 || parsed.year < 1970) {
    throw UsageError("--before " + date + ": expected a date as YYYY-MM-DD");
  }
  return parsed;
}

std::int64_t midnight_of(const TimeZone& zone, const CalendarDate& date) {
  return zone.utc_ms(date.year, date.month, date.day, 0);
}

// At most `max_bytes` of `text`, cut before a UTF-8 sequence rather than inside one, "…" marking the cut.
std::string cut_utf8(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return utf8_prefix(text, max_bytes) + "…";
}

// The model's name when it gave one, else the prompt itself (cut to a title's length) or the segment.
std::string playlist_title(const PlaylistRequest& request, const playlist::Constraints& constraints) {
  if (constraints.name && !constraints.name->empty()) return *constraints.name;
  if (request.prompt) {
    constexpr std::size_t kTitleBytes = 80;
    return "sonic: " + cut_utf8(*request.prompt, kTitleBytes);
  }
  return "sonic: your " + playlist::DaySegment{constraints.time_of_day, constraints.day_type}.describe();
}

}  // namespace

report::PlaylistDocument playlist_document(const PlaylistResult& result) {
  report::PlaylistDocument document{.title = result.title};
  if (result.constraints.description) document.annotation = *result.constraints.description;
  for (const auto& chosen : result.selection.tracks) {
    const auto& track = chosen.candidate.track;
    document.entries.push_back({.title = track.name,
                                .artist = track.artist,
                                .album = track.album,
                                .duration_ms = track.duration_ms,
                                .spotify_id = track.spotify_id,
                                .annotation = chosen.why});
  }
  return document;
}

void publish_to_spotify(sources::spotify::SpotifyConnection& spotify, PlaylistResult& result) {
  PlaylistResult::SpotifyPlaylist published;
  std::vector<std::string> uris;
  for (const auto& chosen : result.selection.tracks) {
    const auto& id = chosen.candidate.track.spotify_id;
    if (id) {
      uris.push_back("spotify:track:" + *id);
    } else {
      ++published.without_id;
    }
  }
  if (uris.empty()) {
    result.selection.notes.push_back("no playlist was created on Spotify: no chosen track has a Spotify ID");
    return;
  }
  // Spotify takes a description of up to 300 characters, on one line.
  constexpr std::size_t kDescriptionBytes = 290;
  const std::string description =
      result.constraints.description ? *result.constraints.description : "made by sonic from your listening";
  const auto created =
      spotify.create_playlist(result.title, cut_utf8(report::terminal_safe(description), kDescriptionBytes), uris);
  published.id = created.id;
  published.url = created.url;
  published.added = created.items_added;
  result.spotify = published;
}

PlaylistResult explain_playlist(const PlaylistRequest& request, store::Database* cache) {
  if (!request.prompt && !request.for_segment) {
    throw UsageError("say what the playlist is for: sonic playlist \"calm morning music\", or --for morning");
  }
  if (request.before_date) parse_date(*request.before_date);  // refused before any store is opened
  if (request.out) report::playlist_format_of(*request.out);
  PlaylistResult result;
  if (request.prompt) {
    auto parsed = playlist::parse_prompt(*request.prompt);
    result.constraints = std::move(parsed.constraints);
    result.parse = std::move(parsed.notes);
    if (request.model) {
      result.model = read_prompt_with_model(*request.prompt, result.constraints, *request.model, cache);
    }
  } else {
    result.constraints.size.songs = playlist::default_lexicon().default_size_songs;
  }
  if (request.for_segment) {
    // The named segment wins over times the prompt names: --for is the more deliberate of the two.
    const auto segment = playlist::habit_segment_named(*request.for_segment);
    result.constraints.time_of_day = segment.time_of_day;
    result.constraints.day_type = segment.day_type;
    if (!request.prompt) result.constraints.source = "habits";
  }
  result.explain_only = true;
  result.title = playlist_title(request, result.constraints);
  return result;
}

PlaylistLibrary read_playlist_library(store::Database& db, std::int64_t before_ms) {
  return {before_ms, store::library_tracks(db, before_ms), playlist::read_listen_starts(db, before_ms)};
}

PlaylistResult make_playlist(store::Database& db, const TimeZone& zone, const PlaylistRequest& request,
                             playlist::DiscoverySource* discovery) {
  // A bad prompt fails before the store is read (and before a model is asked).
  PlaylistRequest parser_only = request;
  parser_only.model.reset();
  explain_playlist(parser_only);
  return make_playlist(db, zone, request, read_playlist_library(db, playlist_before_ms(zone, request)), discovery);
}

std::int64_t playlist_before_ms(const TimeZone& zone, const PlaylistRequest& request) {
  return request.before_date ? midnight_of(zone, parse_date(*request.before_date))
                             : std::numeric_limits<std::int64_t>::max();
}

PlaylistResult make_playlist(store::Database& db, const TimeZone& zone, const PlaylistRequest& request,
                             const PlaylistLibrary& library, playlist::DiscoverySource* discovery) {
  PlaylistResult result = explain_playlist(request, &db);
  result.explain_only = false;
  const std::int64_t before_ms = library.before_ms;
  const playlist::DaySegment segment{result.constraints.time_of_day, result.constraints.day_type};
  result.habits_window = segment.describe();
  const auto habits = playlist::tally_listening_habits(library.listens, zone, segment);
  const auto time_affinity = playlist::segment_affinity(library.tracks, habits);
  const double max_time_affinity =
      time_affinity.empty() ? 0 : *std::max_element(time_affinity.begin(), time_affinity.end());
  std::vector<playlist::Candidate> candidates;
  for (std::size_t i = 0; i < library.tracks.size(); ++i) {
    auto track = library.tracks[i];
    const auto found = habits.by_track.find(track.track_id);
    const playlist::TrackHabits plays = found != habits.by_track.end() ? found->second : playlist::TrackHabits{};
    playlist::Candidate candidate{.track = std::move(track),
                                  .affinity = log_share(plays.decayed_plays, habits.max_decayed_plays),
                                  .time_fit = log_share(time_affinity[i], max_time_affinity),
                                  .plays = plays.plays,
                                  .segment_plays = plays.segment_plays};
    candidates.push_back(std::move(candidate));
  }
  // The discovery share comes from taste's own-history pools unless the caller brings another source.
  std::optional<TastePoolDiscovery> pools;
  if (discovery == nullptr && result.constraints.discovery_share > 0)
    discovery = &pools.emplace(db, before_ms, candidates);
  result.selection = playlist::select_tracks(candidates, result.constraints, discovery);
  if (request.out) {
    report::write_playlist_file(*request.out, playlist_document(result), report::playlist_format_of(*request.out));
    result.playlist_file = request.out;
  }
  return result;
}

nlohmann::json to_json(const PlaylistResult& result) {
  nlohmann::json json = {{"constraints", playlist::to_json(result.constraints)},
                         {"parse", playlist::to_json(result.parse)},
                         {"model", result.model ? to_json(*result.model) : nlohmann::json(nullptr)}};
  if (result.explain_only) return json;
  nlohmann::json tracks = nlohmann::json::array();
  int position = 0;
  for (const auto& chosen : result.selection.tracks) {
    const auto& track = chosen.candidate.track;
    nlohmann::json features = nlohmann::json::object();
    const auto values = playlist::feature_values(track);
    for (int i = 0; i < 6; ++i) {
      features[playlist::kPlaylistFeatures[i]] = values[i] ? nlohmann::json(*values[i]) : nlohmann::json(nullptr);
    }
    tracks.push_back(
        {{"position", ++position},
         // A never-heard catalog track has no history id (its negative one is selection's own).
         {"track_id", chosen.candidate.never_heard ? nlohmann::json(nullptr) : nlohmann::json(track.track_id)},
         {"track", track.name},
         {"artist", track.artist},
         {"spotify_id", track.spotify_id ? nlohmann::json(*track.spotify_id) : nlohmann::json(nullptr)},
         {"duration_ms", track.duration_ms ? nlohmann::json(*track.duration_ms) : nlohmann::json(nullptr)},
         {"features", features},
         {"mood", track.mood ? nlohmann::json(*track.mood) : nlohmann::json(nullptr)},
         {"cluster", track.cluster_label ? nlohmann::json(*track.cluster_label) : nlohmann::json(nullptr)},
         {"via_mood", chosen.via_mood},
         {"from_discovery", chosen.candidate.from_discovery},
         {"new_to_you", chosen.candidate.never_heard},
         {"plays", chosen.candidate.plays},
         {"plays_in_window", chosen.candidate.segment_plays},
         {"score", std::round(chosen.score * 1000) / 1000},
         {"why", chosen.why}});
  }
  const auto& selection = result.selection;
  json["tracks"] = tracks;
  json["duration_ms"] = selection.duration_ms;
  json["library_tracks"] = selection.candidates;
  json["fitting_tracks"] = selection.fitting;
  json["ran_dry"] = selection.ran_dry ? nlohmann::json(*selection.ran_dry) : nlohmann::json(nullptr);
  json["notes"] = selection.notes;
  json["habits_window"] = result.habits_window;
  json["title"] = result.title;
  json["playlist_file"] =
      result.playlist_file ? nlohmann::json(result.playlist_file->string()) : nlohmann::json(nullptr);
  json["spotify"] = nullptr;
  if (result.spotify) {
    json["spotify"] = {{"id", result.spotify->id},
                       {"url", result.spotify->url},
                       {"added", result.spotify->added},
                       {"without_spotify_id", result.spotify->without_id}};
  }
  return json;
}

std::string to_text(const PlaylistResult& result) {
  using report::cell;
  std::string text;
  const auto& parse = result.parse;
  auto list = [](const std::vector<std::string>& items) {
    std::string joined;
    for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + report::terminal_safe(item);
    return joined;
  };
  if (!parse.matched.empty()) text += "understood: " + list(parse.matched) + "\n";
  if (!parse.corrected.empty()) text += "read as: " + list(parse.corrected) + "\n";
  if (!parse.unknown.empty()) text += "not understood (ignored): " + list(parse.unknown) + "\n";
  for (const auto& conflict : parse.conflicts) text += "conflict: " + report::terminal_safe(conflict) + "\n";
  if (result.model && result.model->used) {
    text += "read by " + report::terminal_safe(result.model->model) +
            (result.model->cached ? " (from the store)" : "") +
            (result.model->adjusted.empty() ? "" : "; adjusted: " + list(result.model->adjusted)) + "\n";
  }
  if (result.explain_only) return text + playlist::to_json(result.constraints).dump(2) + "\n";
  const auto& constraints = result.constraints;
  std::string asked;
  for (const auto& [feature, range] : constraints.ranges) {
    asked += (asked.empty() ? "" : ", ") + feature + " " + two_decimals(range.low) + "-" + two_decimals(range.high);
  }
  if (constraints.mood) asked += (asked.empty() ? "" : ", ") + std::string("mood ") + *constraints.mood;
  if (constraints.time_of_day || constraints.day_type) asked += (asked.empty() ? "" : ", ") + result.habits_window;
  text += "asked: " + (asked.empty() ? std::string("your most played tracks") : asked) + "; " +
          playlist::ordering_name(constraints.ordering) + "\n\n";
  text += cell("#", 3, true) + "  " + cell("Track", 34) + "  " + cell("Artist", 22) + "  Why\n";
  int position = 0;
  for (const auto& chosen : result.selection.tracks) {
    text += cell(std::to_string(++position), 3, true) + "  " + cell(chosen.candidate.track.name, 34) + "  " +
            cell(chosen.candidate.track.artist, 22) + "  " + report::terminal_safe(chosen.why) + "\n";
  }
  const auto minutes = result.selection.duration_ms / 60'000;
  text += "\n" + std::to_string(result.selection.tracks.size()) + " tracks, about " + std::to_string(minutes) +
          " minutes\n";
  for (const auto& note : result.selection.notes) text += note + "\n";
  if (result.playlist_file) text += "written to " + report::terminal_safe(result.playlist_file->string()) + "\n";
  if (result.spotify) {
    text += "created on Spotify with " + std::to_string(result.spotify->added) + " tracks: " +
            report::terminal_safe(result.spotify->url.empty() ? "spotify:playlist:" + result.spotify->id
                                                              : result.spotify->url) +
            "\n";
    if (result.spotify->without_id > 0) {
      text += std::to_string(result.spotify->without_id) + " chosen tracks have no Spotify ID and were left out\n";
    }
  }
  return text;
}

}  // namespace sonic::pipeline
