#include "sonic/sources/spotify/web_api_client.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"
#include "sonic/sources/spotify_track_id.hpp"

namespace sonic::sources::spotify {
namespace {

constexpr int kUnauthorized = 401;
constexpr int kForbidden = 403;
constexpr int kNotFound = 404;
constexpr int kNoContent = 204;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw InputError(where + " answered with " + what);
}

// A cursor is a string of milliseconds ("1575405194517"); a number is accepted too.
std::optional<std::int64_t> read_cursor(const std::string& where, const nlohmann::json& cursors, const char* name) {
  if (!cursors.is_object()) return std::nullopt;
  const auto found = cursors.find(name);
  if (found == cursors.end() || found->is_null()) return std::nullopt;
  if (found->is_number_integer()) return found->get<std::int64_t>();
  if (found->is_string()) {
    const auto& text = found->get_ref<const std::string&>();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
  }
  fail(where, std::string("a cursor '") + name + "' that is not a time in milliseconds");
}

std::string join_ids(std::span<const std::string> ids) {
  std::string joined;
  for (const auto& id : ids) {
    if (!joined.empty()) joined += ',';
    joined += id;
  }
  return joined;
}

// Spotify's own words from an error body, {"error":{"status":403,"message":"…"}}; "" if none.
std::string api_error_message(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return "";
  const auto error = json.find("error");
  if (error == json.end() || !error->is_object()) return "";
  const auto message = error->find("message");
  return message != error->end() && message->is_string() ? message->get<std::string>() : "";
}

[[noreturn]] void throw_forbidden(const net::HttpRequest& request, const net::HttpResponse& response) {
  const std::string message = api_error_message(response.body);
  if (message.find("scope") != std::string::npos) {
    throw Error(ExitCode::login_needed, request.describe() + " answered 403 (" + request.mask(message) +
                                            "): the Spotify login does not allow creating playlists; run "
                                            "`sonic auth spotify` to log in again and allow it");
  }
  throw Error(ExitCode::login_needed,
              request.describe() + " answered 403 Forbidden" +
                  (message.empty() ? std::string() : " (" + request.mask(message) + ")") +
                  ": a Spotify app in development mode works only for the accounts added under User Management "
                  "in its dashboard (at most 5), and some routes are closed to it; add this account there or use "
                  "`sonic playlist --out FILE` instead");
}

}  // namespace

RecentlyPlayedPage read_recently_played_page(const nlohmann::json& json, std::string body, const std::string& where) {
  if (!json.is_object()) fail(where, "JSON that is not an object");
  const auto items = json.find("items");
  if (items == json.end() || !items->is_array()) fail(where, "no 'items' array");
  RecentlyPlayedPage page;
  page.play_count = items->size();
  if (const auto cursors = json.find("cursors"); cursors != json.end()) {
    page.newest_played_ms = read_cursor(where, *cursors, "after");
    page.oldest_played_ms = read_cursor(where, *cursors, "before");
  }
  const auto next = json.find("next");
  page.has_next = next != json.end() && next->is_string() && !next->get_ref<const std::string&>().empty();
  page.body = std::move(body);
  return page;
}

WebApiClient::WebApiClient(std::string api_url, AccessTokens& tokens, net::HttpClient& http)
    : api_url_(std::move(api_url)), tokens_(&tokens), http_(&http) {}

net::HttpResponse WebApiClient::send(net::HttpRequest request) {
  request.header("Accept", "application/json").accept_status(kUnauthorized);
  auto attempt = request;
  auto response = http_->send(attempt.bearer_token(tokens_->current()));
  if (response.status != kUnauthorized) return response;
  // The token expired early or was revoked: one new token, one more try.
  spdlog::debug("{} answered 401; renewing the access token", request.describe());
  attempt = request;
  response = http_->send(attempt.bearer_token(tokens_->renew()));
  if (response.status != kUnauthorized) return response;
  throw Error(ExitCode::login_needed, request.describe() + " refused a freshly issued access token (HTTP 401: " +
                                          net::body_excerpt(attempt.mask(response.body)) +
                                          "): run `sonic auth spotify` to log in again");
}

RecentlyPlayedPage WebApiClient::recently_played(std::optional<std::int64_t> after_ms) {
  auto request = net::HttpRequest::get(api_url_ + "/v1/me/player/recently-played")
                     .query("limit", std::to_string(kRecentlyPlayedLimit));
  if (after_ms) request.query("after", std::to_string(*after_ms));
  const auto response = send(request);
  RecentlyPlayedPage page;
  if (response.status == kNoContent || response.body.empty()) {
    page.body = R"({"items":[]})";
    return page;
  }
  return read_recently_played_page(net::parse_json_body(request, response), response.body, request.describe());
}

std::vector<std::optional<TrackMetadata>> WebApiClient::tracks(std::span<const std::string> ids) {
  std::vector<std::optional<TrackMetadata>> found(ids.size());
  std::vector<std::string> wanted;
  std::vector<std::size_t> slots;  // where each wanted ID's answer goes
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (is_spotify_id(ids[i])) {
      wanted.push_back(ids[i]);
      slots.push_back(i);
    }
  }
  std::vector<std::optional<TrackMetadata>> answers(wanted.size());
  for (std::size_t start = 0; start < wanted.size(); start += kTracksPerRequest) {
    const std::size_t count = std::min(kTracksPerRequest, wanted.size() - start);
    const std::span<const std::string> chunk(wanted.data() + start, count);
    const std::span<std::optional<TrackMetadata>> out(answers.data() + start, count);
    if (!batch_forbidden_ && fetch_batch(chunk, out)) continue;
    for (std::size_t i = 0; i < count; ++i) out[i] = fetch_one(chunk[i]);
  }
  for (std::size_t i = 0; i < slots.size(); ++i) found[slots[i]] = std::move(answers[i]);
  return found;
}

bool WebApiClient::fetch_batch(std::span<const std::string> ids, std::span<std::optional<TrackMetadata>> out) {
  const auto request =
      net::HttpRequest::get(api_url_ + "/v1/tracks").query("ids", join_ids(ids)).accept_status(kForbidden);
  const auto response = send(request);
  if (response.status == kForbidden) {
    batch_forbidden_ = true;
    spdlog::info(
        "{} answered 403 (a development-mode app may not use it): looking tracks up one "
        "at a time from now on",
        request.describe());
    return false;
  }
  const auto json = net::parse_json_body(request, response);
  const auto tracks = json.is_object() ? json.find("tracks") : json.end();
  if (tracks == json.end() || !tracks->is_array() || tracks->size() != ids.size()) {
    fail(request.describe(), "no 'tracks' array of one entry per requested ID");
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto& track = (*tracks)[i];
    if (!track.is_null()) {
      out[i] = parse_track(track, request.describe() + " track " + std::to_string(i + 1));
    }
  }
  return true;
}

net::HttpResponse WebApiClient::send_playlist_write(net::HttpRequest request) {
  request.accept_status(kForbidden);
  const auto response = send(request);
  if (response.status == kForbidden) throw_forbidden(request, response);
  return response;
}

CreatedPlaylist WebApiClient::create_playlist(const std::string& name, const std::string& description,
                                              std::span<const std::string> track_uris) {
  auto create = net::HttpRequest::post(api_url_ + "/v1/me/playlists");
  create.json_body(nlohmann::json{{"name", name}, {"description", description}, {"public", false}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace));
  const auto created = net::parse_json_body(create, send_playlist_write(create));
  const auto id = created.is_object() ? created.find("id") : created.end();
  if (id == created.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
    fail(create.describe(), "no playlist 'id'");
  }
  CreatedPlaylist playlist{.id = id->get<std::string>(), .url = "", .items_added = 0};
  if (const auto urls = created.find("external_urls"); urls != created.end() && urls->is_object()) {
    if (const auto url = urls->find("spotify"); url != urls->end() && url->is_string()) playlist.url = *url;
  }
  for (std::size_t start = 0; start < track_uris.size(); start += kPlaylistItemsPerRequest) {
    const std::size_t count = std::min(kPlaylistItemsPerRequest, track_uris.size() - start);
    auto add = net::HttpRequest::post(api_url_ + "/v1/playlists/" + playlist.id + "/items");
    add.json_body(nlohmann::json{
        {"uris", std::vector<std::string>(track_uris.begin() + static_cast<std::ptrdiff_t>(start),
                                          track_uris.begin() + static_cast<std::ptrdiff_t>(start + count))}}
                      .dump());
    try {
      send_playlist_write(add);
    } catch (const Error& error) {
      throw Error(error.code(), std::string(error.what()) + " (the playlist " + playlist.id + " was created with " +
                                    std::to_string(playlist.items_added) + " of " + std::to_string(track_uris.size()) +
                                    " tracks)");
    }
    playlist.items_added += count;
  }
  return playlist;
}

std::optional<TrackMetadata> WebApiClient::fetch_one(const std::string& id) {
  const auto request = net::HttpRequest::get(api_url_ + "/v1/tracks/" + id).accept_status(kNotFound);
  const auto response = send(request);
  if (response.status == kNotFound) return std::nullopt;
  return parse_track(net::parse_json_body(request, response), request.describe());
}

}  // namespace sonic::sources::spotify
