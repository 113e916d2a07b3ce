#pragma once
// The two Web API calls sonic needs: the last plays, and track metadata. Every call carries
// the run's access token; a 401 renews it and tries once more. 429s, 5xx and transport faults
// are the HTTP layer's (retries, Retry-After up to its cap, then typed errors).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sonic/net/http_client.hpp"
#include "sonic/sources/spotify/access_tokens.hpp"
#include "sonic/sources/spotify/track_metadata.hpp"

namespace sonic::sources::spotify {

struct RecentlyPlayedPage {
  // The reply as received, for an ExportFileReader over string_source(body). A 204 (private
  // session) comes back as {"items":[]}.
  std::string body;
  std::size_t play_count = 0;
  std::optional<std::int64_t> newest_played_ms;  // cursors.after: the next call's `after`
  std::optional<std::int64_t> oldest_played_ms;  // cursors.before
  bool has_next = false;                         // `next` is not null
};

struct CreatedPlaylist {
  std::string id;
  std::string url;  // external_urls.spotify: where the person opens it
  std::size_t items_added = 0;
};

// Reads a recently-played reply's envelope (`json` parsed from `body`, which the page keeps):
// the `items` count, the cursors (milliseconds as a string or number), whether `next` is set.
// A reply that is not an object, has no `items` array or a cursor that is no time is an
// InputError "<where> answered with …". Pure: tested and fuzzed without a server.
RecentlyPlayedPage read_recently_played_page(const nlohmann::json& json, std::string body, const std::string& where);

class WebApiClient {
 public:
  static constexpr std::size_t kRecentlyPlayedLimit = 50;  // the most Spotify gives
  static constexpr std::size_t kTracksPerRequest = 50;
  static constexpr std::size_t kPlaylistItemsPerRequest = 100;  // the most POST .../items takes

  // `api_url` is the service's base, e.g. https://api.spotify.com. `tokens` and `http` must
  // outlive this object.
  WebApiClient(std::string api_url, AccessTokens& tokens, net::HttpClient& http);

  // GET /v1/me/player/recently-played?limit=50[&after=<ms>]: plays whose `played_at` is after
  // `after_ms` (exclusive, in milliseconds exactly: pass a stored played_at or a page's
  // newest_played_ms, not an end time), newest first. Without `after_ms`, the last 50.
  RecentlyPlayedPage recently_played(std::optional<std::int64_t> after_ms);

  // Metadata of each ID, in order; nullopt where Spotify does not know it or the ID is not a
  // Spotify ID. Asks GET /v1/tracks?ids= 50 at a time; once that answers 403 (development
  // mode apps), GET /v1/tracks/{id} one by one for the rest of this client's life.
  std::vector<std::optional<TrackMetadata>> tracks(std::span<const std::string> ids);

  bool batch_tracks_forbidden() const { return batch_forbidden_; }

  // POST /v1/me/playlists {"name","description","public":false}, then POST
  // /v1/playlists/{id}/items {"uris":[…]} 100 URIs at a time, in order. A 403 is an Error: with
  // Spotify's "Insufficient client scope", login_needed and the command to run; otherwise the
  // development-mode explanation (the account is not on the app's user list, or the route is
  // closed to development-mode apps). If adding items fails, the created playlist is named in
  // the error so the person can find or delete it.
  CreatedPlaylist create_playlist(const std::string& name, const std::string& description,
                                  std::span<const std::string> track_uris);

 private:
  net::HttpResponse send(net::HttpRequest request);
  // false when the batch route is forbidden (the slots are left for the single route)
  bool fetch_batch(std::span<const std::string> ids, std::span<std::optional<TrackMetadata>> out);
  std::optional<TrackMetadata> fetch_one(const std::string& id);
  net::HttpResponse send_playlist_write(net::HttpRequest request);

  std::string api_url_;
  AccessTokens* tokens_;
  net::HttpClient* http_;
  bool batch_forbidden_ = false;
};

}  // namespace sonic::sources::spotify
