#pragma once
// `sonic playlist`: a prompt (or a named segment of the day, `--for`) -> constraints -> tracks of
// the person's library. Deterministic: the same store and prompt give the same playlist.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sonic/core/time_zone.hpp"
#include "sonic/pipeline/playlist_model.hpp"
#include "sonic/playlist/listening_habits.hpp"
#include "sonic/playlist/prompt_parser.hpp"
#include "sonic/playlist/selection.hpp"
#include "sonic/report/playlist_file.hpp"
#include "sonic/sources/spotify/spotify_connection.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/playlist_queries.hpp"

namespace sonic::pipeline {

struct PlaylistRequest {
  std::optional<std::string> prompt;
  std::optional<std::string> for_segment;    // --for: morning, weekend-night, …
  std::optional<std::string> before_date;    // YYYY-MM-DD: use only listens starting before its local midnight
  std::optional<std::filesystem::path> out;  // --out: .m3u8, .xspf or .jspf, written atomically
  std::optional<ConstraintModel> model;      // a language model reads the prompt (OPENAI_*, not --offline)
};

struct PlaylistResult {
  playlist::Constraints constraints;
  playlist::ParseNotes parse;
  bool explain_only = false;  // --explain: the constraints, nothing selected
  playlist::Selection selection;
  std::string habits_window;          // "weekend nights": where the time-of-day weight came from
  std::string title;                  // the playlist's name: the model's, or the prompt / --for segment
  std::optional<ModelReading> model;  // what the language model did, when one was asked
  std::optional<std::filesystem::path> playlist_file;  // written by --out
  struct SpotifyPlaylist {
    std::string id;
    std::string url;
    std::size_t added = 0;
    std::size_t without_id = 0;  // chosen tracks left out: no Spotify ID (basic exports carry none)
  };
  std::optional<SpotifyPlaylist> spotify;  // created by --spotify
};

// --spotify: the chosen tracks (those with a Spotify ID, in order) as a new private playlist in
// the logged-in account, named by the result's title. Nothing is created for an empty list.
void publish_to_spotify(sources::spotify::SpotifyConnection& spotify, PlaylistResult& result);

// The chosen tracks as a playlist file's entries (title, artist, album, duration, Spotify ID, why).
report::PlaylistDocument playlist_document(const PlaylistResult& result);

// The prompt's constraints alone: what --explain prints. UsageError for a bad prompt or --for
// name, or for neither. With a request.model the model reads the prompt (its reply cached in
// `cache` unless that is null); without, the parser alone.
PlaylistResult explain_playlist(const PlaylistRequest& request, store::Database* cache = nullptr);

// `discovery` is the seam for the taste module's pools; null fills the discovery share from the
// library and says so.
PlaylistResult make_playlist(store::Database& db, const TimeZone& zone, const PlaylistRequest& request,
                             playlist::DiscoverySource* discovery = nullptr);

// The request's cut-off: the local midnight starting its --before date, or no cut-off (int64 max).
std::int64_t playlist_before_ms(const TimeZone& zone, const PlaylistRequest& request);

// What a playlist is chosen from, read once for several playlists of one cut-off (the report's
// four day playlists, sonic serve's answers until the store changes): the library and the
// listens behind the habits.
struct PlaylistLibrary {
  std::int64_t before_ms = 0;
  std::vector<store::LibraryTrack> tracks;
  playlist::ListenStarts listens;
};
PlaylistLibrary read_playlist_library(store::Database& db, std::int64_t before_ms);
// make_playlist over a library already read: its cut-off stands in for the request's --before.
PlaylistResult make_playlist(store::Database& db, const TimeZone& zone, const PlaylistRequest& request,
                             const PlaylistLibrary& library, playlist::DiscoverySource* discovery = nullptr);

nlohmann::json to_json(const PlaylistResult& result);
std::string to_text(const PlaylistResult& result);

}  // namespace sonic::pipeline
