// The fake's playlist routes: POST /v1/me/playlists and POST /v1/playlists/{id}/items.
#include <regex>

#include "fakes/spotify_fake.hpp"

namespace sonic::testing {
namespace {

StubReply playlist_error(int status, const std::string& message) {
  return StubReply::json({{"error", {{"status", status}, {"message", message}}}}, status);
}

}  // namespace

void SpotifyFake::forbid_playlists(bool forbid) {
  locked([&] { playlists_forbidden_ = forbid; });
}

std::vector<SpotifyFake::CreatedPlaylist> SpotifyFake::playlists() const {
  return locked([&] { return playlists_; });
}

// Called with the mutex held.
std::optional<StubReply> SpotifyFake::reject_playlist_write(const RecordedRequest& request) const {
  if (auto rejected = reject_bearer(request)) return rejected;
  const std::string token = request.header("Authorization").substr(7);
  const std::string scope = " " + access_tokens_.at(token) + " ";
  if (scope.find(" playlist-modify-private ") == std::string::npos &&
      scope.find(" playlist-modify-public ") == std::string::npos) {
    return playlist_error(403, "Insufficient client scope");
  }
  if (playlists_forbidden_) return playlist_error(403, "Forbidden");
  if (request.header("Content-Type").rfind("application/json", 0) != 0) {
    return playlist_error(400, "Content-Type must be application/json");
  }
  return std::nullopt;
}

StubReply SpotifyFake::create_playlist(const RecordedRequest& request) {
  std::string id;
  nlohmann::json body;
  {
    std::lock_guard lock(mutex_);
    if (auto rejected = reject_playlist_write(request)) return *rejected;
    body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_object()) return playlist_error(400, "Error parsing json");
    if (!body.contains("name") || !body["name"].is_string() || body["name"].get<std::string>().empty()) {
      return playlist_error(400, "Missing required field: name");
    }
    // Built by appending: g++ 12 at -O3 misreads "P" + to_string(n) (a false -Wrestrict).
    id = std::to_string(++serial_);
    id.insert(id.begin(), 'P');
    id.resize(22, 'p');
    playlists_.push_back({id, body, {}, 0});
  }
  route("POST", "/v1/playlists/" + id + "/items", kPlaylistItemsPath,
        [this, id](const RecordedRequest& r) { return add_playlist_items(id, r); });
  return StubReply::json({{"id", id},
                          {"name", body["name"]},
                          {"description", body.value("description", "")},
                          {"public", body.value("public", true)},
                          {"collaborative", false},
                          {"type", "playlist"},
                          {"uri", "spotify:playlist:" + id},
                          {"href", server_.url("/v1/playlists/" + id)},
                          {"external_urls", {{"spotify", "https://open.spotify.com/playlist/" + id}}},
                          {"owner", {{"id", "fake-user"}, {"type", "user"}}},
                          {"snapshot_id", "c25hcHNob3QtMQ"},
                          {"items", {{"href", server_.url("/v1/playlists/" + id + "/items")}, {"total", 0}}}},
                         201);
}

StubReply SpotifyFake::add_playlist_items(const std::string& id, const RecordedRequest& request) {
  std::lock_guard lock(mutex_);
  if (auto rejected = reject_playlist_write(request)) return *rejected;
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("uris") || !body["uris"].is_array()) {
    return playlist_error(400, "Error parsing json");
  }
  if (body["uris"].empty()) return playlist_error(400, "No uris provided");
  if (body["uris"].size() > 100) return playlist_error(400, "You can add a maximum of 100 tracks per request.");
  static const std::regex kTrackUri("spotify:track:[0-9A-Za-z]{22}");
  std::vector<std::string> uris;
  for (const auto& uri : body["uris"]) {
    if (!uri.is_string() || !std::regex_match(uri.get<std::string>(), kTrackUri)) {
      return playlist_error(400, "Invalid track uri: " + uri.dump());
    }
    uris.push_back(uri.get<std::string>());
  }
  for (auto& playlist : playlists_) {
    if (playlist.id != id) continue;
    playlist.uris.insert(playlist.uris.end(), uris.begin(), uris.end());
    ++playlist.item_requests;
    std::string snapshot = "c25hcHNob3Qt";
    snapshot += std::to_string(playlist.item_requests);
    return StubReply::json({{"snapshot_id", snapshot}}, 201);
  }
  return playlist_error(404, "Not found");
}

}  // namespace sonic::testing
