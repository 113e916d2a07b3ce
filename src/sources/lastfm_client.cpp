#include "sonic/sources/lastfm_client.hpp"

#include <spdlog/spdlog.h>

#include "lastfm_reply.hpp"
#include "sonic/core/version.hpp"
#include "sonic/net/http_errors.hpp"

namespace sonic::sources {
namespace {

// Last.fm gives no window for error 29; a few minutes is a polite pause before the next run.
constexpr std::chrono::minutes kRateLimitPause{5};

bool is_temporary(int code) { return code == 8 || code == 11 || code == 16 || code == 29; }
bool is_key_problem(int code) { return code == 4 || code == 10 || code == 26; }

const std::string& user_agent() {
  static const std::string agent =
      std::string("sonic/") + kVersion + " (listening-mood insight; tags for a personal history)";
  return agent;
}

}  // namespace

net::HttpSettings lastfm_http_settings(std::chrono::milliseconds min_interval) {
  net::HttpSettings settings;
  settings.min_interval = min_interval;
  settings.total_timeout = std::chrono::seconds(30);
  return settings;
}

LastfmClient::LastfmClient(std::string base_url, std::string api_key, net::HttpSettings settings, net::Clock& clock)
    : base_url_(std::move(base_url)),
      api_key_(std::move(api_key)),
      clock_(&clock),
      http_(std::move(settings), clock),
      backoff_(http_.settings().retry) {}

template <typename Reader>
auto LastfmClient::read_reply(net::HttpRequest request, Reader reader)
    -> std::optional<std::invoke_result_t<Reader, const nlohmann::json&, const std::string&>> {
  request.query("autocorrect", "1");
  const std::string what = "Last.fm " + request.describe();
  auto body = fetch(request, what);
  if (!body) return std::nullopt;
  return reader(*body, what);
}

TopTags LastfmClient::track_top_tags(const std::string& artist, const std::string& track) {
  return read_reply(request_for("track.getTopTags").query("artist", artist).query("track", track), read_top_tags_reply);
}

TopTags LastfmClient::artist_top_tags(const std::string& artist) {
  return read_reply(request_for("artist.getTopTags").query("artist", artist), read_top_tags_reply);
}

SimilarArtists LastfmClient::similar_artists(const std::string& artist, int limit) {
  return read_reply(request_for("artist.getSimilar").query("artist", artist).query("limit", std::to_string(limit)),
                    read_similar_artists_reply);
}

SimilarTracks LastfmClient::similar_tracks(const std::string& artist, const std::string& track, int limit) {
  return read_reply(request_for("track.getSimilar")
                        .query("artist", artist)
                        .query("track", track)
                        .query("limit", std::to_string(limit)),
                    read_similar_tracks_reply);
}

net::HttpRequest LastfmClient::request_for(const char* method) const {
  auto request = net::HttpRequest::get(base_url_ + "/2.0/");
  request.query("method", method)
      .secret_query("api_key", api_key_)
      .query("format", "json")
      .header("Accept", "application/json")
      .header("User-Agent", user_agent());
  // Last.fm wraps its error object in a 4xx now and then; read it like the 200 ones.
  for (const int status : {400, 403, 404}) request.accept_status(status);
  return request;
}

std::optional<nlohmann::json> LastfmClient::fetch(const net::HttpRequest& request, const std::string& what) {
  const int max_retries = http_.settings().retry.max_retries;
  for (int retry = 0;; ++retry) {
    const net::HttpResponse response = http_.send(request);
    auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (!response.ok() && !(body.is_object() && body.contains("error"))) {
      throw net::HttpStatusError(what, response.status, request.mask(response.body));
    }
    if (body.is_discarded()) body = net::parse_json_body(request, response);  // throws InputError
    const auto failure_or_none = read_failure(body, what);
    if (!failure_or_none) return body;

    const auto& failure = *failure_or_none;
    if (failure.code == 6) return std::nullopt;  // no such track or artist
    const std::string said =
        "error " + std::to_string(failure.code) + ": " + net::body_excerpt(request.mask(failure.message));
    if (is_key_problem(failure.code)) {
      throw LastfmError(
          ExitCode::usage, failure.code,
          "Last.fm rejected the API key (" + said + "); check LASTFM_API_KEY (https://www.last.fm/api/accounts)");
    }
    if (!is_temporary(failure.code)) {
      throw LastfmError(ExitCode::unexpected, failure.code, what + " failed: " + said);
    }
    if (retry < max_retries) {
      const auto wait = backoff_.delay(retry);
      spdlog::info("{}: {}; retry {} of {} in {}", what, said, retry + 1, max_retries, net::describe_duration(wait));
      clock_->sleep(wait);
      continue;
    }
    if (failure.code == 29) {
      throw net::RateLimitedError(what + " (" + said + ")", response.status, kRateLimitPause, clock_->now_utc_ms());
    }
    throw LastfmError(
        ExitCode::network, failure.code,
        what + " kept failing (" + said + ") after " + std::to_string(retry + 1) + " attempts; try again later");
  }
}

}  // namespace sonic::sources
