#pragma once
// Last.fm's top tags of tracks and artists:
//
//   sources::LastfmClient lastfm(endpoints.lastfm, api_key);
//   const auto tags = lastfm.track_top_tags("AC/DC", "Hells Bells");  // nullopt: not on Last.fm
//   const auto like = lastfm.similar_artists("Radiohead", 20);        // the "beyond your library" pool
//
// GET /2.0/?method=track.getTopTags&artist=…&track=…&autocorrect=1&api_key=…&format=json, the
// key a secret query field (masked in every log line and error). Last.fm reports errors inside
// HTTP 200 ({"error":6,"message":…}), which this client turns into outcomes and typed errors:
//   6 (not found)                 the item is unknown: nullopt
//   8, 11, 16, 29 (try again)     retried with backoff; still failing, 29 is a RateLimitedError
//                                 and the others a LastfmError with exit 6 (service down)
//   4, 10, 26 (bad or suspended key)  LastfmError with exit 2 telling to check LASTFM_API_KEY
//   anything else                 LastfmError with exit 1
// An HTTP 429 or 5xx is the HTTP layer's to retry, as for any service.
#include <chrono>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "sonic/core/error.hpp"
#include "sonic/net/http_client.hpp"
#include "sonic/sources/top_tag.hpp"

namespace sonic::sources {

// Last.fm publishes no limit but warns that several calls a second can get a key suspended.
inline constexpr std::chrono::milliseconds kLastfmDefaultInterval{250};  // 4 requests/s

net::HttpSettings lastfm_http_settings(std::chrono::milliseconds min_interval = kLastfmDefaultInterval);

// An error Last.fm reported in its reply.
class LastfmError : public Error {
 public:
  LastfmError(ExitCode exit, int lastfm_code, const std::string& message)
      : Error(exit, message), lastfm_code_(lastfm_code) {}
  int lastfm_code() const { return lastfm_code_; }
  bool key_rejected() const { return code() == ExitCode::usage; }

 private:
  int lastfm_code_;
};

// Highest count first, then by name; nullopt when Last.fm does not know the item. Known but
// untagged is an empty list.
using TopTags = std::optional<std::vector<TopTag>>;

// One item of artist.getSimilar / track.getSimilar: `match` is Last.fm's similarity, 0..1 (sent
// as a string by artist.getSimilar and as a number by track.getSimilar).
struct SimilarArtist {
  std::string name;
  double match = 0.0;
  bool operator==(const SimilarArtist&) const = default;
};
struct SimilarTrack {
  std::string artist;
  std::string name;
  double match = 0.0;
  bool operator==(const SimilarTrack&) const = default;
};
// Highest match first (then by name); nullopt when Last.fm does not know the seed.
using SimilarArtists = std::optional<std::vector<SimilarArtist>>;
using SimilarTracks = std::optional<std::vector<SimilarTrack>>;

class LastfmClient {
 public:
  // `base_url` without /2.0, e.g. "https://ws.audioscrobbler.com" (ServiceEndpoints::lastfm).
  LastfmClient(std::string base_url, std::string api_key, net::HttpSettings settings = lastfm_http_settings(),
               net::Clock& clock = net::system_clock());

  // With autocorrect=1, so Last.fm's canonical spelling of a misspelt name is used.
  TopTags track_top_tags(const std::string& artist, const std::string& track);
  TopTags artist_top_tags(const std::string& artist);

  // artist.getSimilar / track.getSimilar with autocorrect=1, at most `limit` items.
  SimilarArtists similar_artists(const std::string& artist, int limit);
  SimilarTracks similar_tracks(const std::string& artist, const std::string& track, int limit);

 private:
  net::HttpRequest request_for(const char* method) const;
  // The reply's JSON, nullopt for error 6 (not found); every other Last.fm error retried or
  // thrown as the header comment says.
  std::optional<nlohmann::json> fetch(const net::HttpRequest& request, const std::string& what);
  // fetch() with autocorrect=1, the reply read by `reader(json, where)`.
  template <typename Reader>
  auto read_reply(net::HttpRequest request, Reader reader)
      -> std::optional<std::invoke_result_t<Reader, const nlohmann::json&, const std::string&>>;

  std::string base_url_;
  std::string api_key_;
  net::Clock* clock_;
  net::HttpClient http_;
  net::Backoff backoff_;
};

}  // namespace sonic::sources
