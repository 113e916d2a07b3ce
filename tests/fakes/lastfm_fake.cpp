#include "fakes/lastfm_fake.hpp"

#include <algorithm>
#include <cstdio>

namespace sonic::testing {
namespace {

// Last.fm's own wording for the codes the fake sends.
std::string message_for(int code) {
  switch (code) {
    case 6:
      return "Track not found";
    case 8:
      return "Operation failed - Most likely the backend service failed. Please try again.";
    case 10:
      return "Invalid API key - You must be granted a valid key by last.fm";
    case 11:
      return "Service Offline - This service is temporarily offline. Try again later.";
    case 16:
      return "There was a temporary error processing your request. Please try again";
    case 26:
      return "Suspended API key - Access for your account has been suspended";
    case 29:
      return "Rate Limit Exceded - Your IP has made too many requests in a short period";
    default:
      return "Error " + std::to_string(code);
  }
}

StubReply error_reply(int code, std::string message = "") {
  return StubReply::json({{"error", code},
                          {"message", message.empty() ? message_for(code) : message},
                          {"links", nlohmann::json::array()}});
}

std::string tag_url(std::string name) {
  std::replace(name.begin(), name.end(), ' ', '+');
  return "https://www.last.fm/tag/" + name;
}

}  // namespace

LastfmFake::LastfmFake(std::string api_key) : api_key_(std::move(api_key)) {
  server_.on("GET", "/2.0/", [this](const RecordedRequest& request) { return faults_.shape(answer(request)); });
}

void LastfmFake::add_track(const std::string& artist, const std::string& track, Tags tags) {
  std::lock_guard lock(mutex_);
  tracks_[{artist, track}] = std::move(tags);
}

void LastfmFake::add_artist(const std::string& artist, Tags tags) {
  std::lock_guard lock(mutex_);
  artists_[artist] = std::move(tags);
}

void LastfmFake::add_similar_artists(const std::string& artist, std::vector<Similar> similar) {
  std::lock_guard lock(mutex_);
  similar_artists_[artist] = std::move(similar);
}

void LastfmFake::add_similar_tracks(const std::string& artist, const std::string& track, std::vector<Similar> similar) {
  std::lock_guard lock(mutex_);
  similar_tracks_[{artist, track}] = std::move(similar);
}

void LastfmFake::similar_to_any_artist(std::vector<Similar> similar) {
  std::lock_guard lock(mutex_);
  similar_to_any_artist_ = std::move(similar);
}

void LastfmFake::matches_swapped(bool on) {
  std::lock_guard lock(mutex_);
  matches_swapped_ = on;
}

void LastfmFake::lone_similar_as_object(bool on) {
  std::lock_guard lock(mutex_);
  lone_similar_as_object_ = on;
}

StubReply LastfmFake::similar_reply(const std::vector<Similar>& similar, bool tracks, nlohmann::json attributes) const {
  const bool as_string = tracks == matches_swapped_;  // the real service: strings for artists
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : similar) {
    char match[32];
    std::snprintf(match, sizeof match, "%g", item.match);
    const nlohmann::json match_value = as_string ? nlohmann::json(match) : nlohmann::json(item.match);
    const nlohmann::json artist = {{"name", item.artist}, {"mbid", ""}, {"url", "https://www.last.fm/music/x"}};
    if (tracks) {
      list.push_back({{"name", item.track},
                      {"playcount", 1234},
                      {"match", match_value},
                      {"url", "https://www.last.fm/music/x/_/y"},
                      {"streamable", {{"#text", "0"}, {"fulltrack", "0"}}},
                      {"duration", 215},
                      {"artist", artist}});
    } else {
      list.push_back({{"name", item.artist},
                      {"mbid", ""},
                      {"match", match_value},
                      {"url", "https://www.last.fm/music/x"},
                      {"streamable", "0"}});
    }
  }
  const nlohmann::json items = lone_similar_as_object_ && list.size() == 1 ? list.front() : list;
  const char* outer = tracks ? "similartracks" : "similarartists";
  return StubReply::json({{outer, {{tracks ? "track" : "artist", items}, {"@attr", std::move(attributes)}}}});
}

void LastfmFake::lone_tag_as_object(bool on) {
  std::lock_guard lock(mutex_);
  lone_tag_as_object_ = on;
}

void LastfmFake::counts_as_strings(bool on) {
  std::lock_guard lock(mutex_);
  counts_as_strings_ = on;
}

void LastfmFake::unknown_track_as_no_tags(bool on) {
  std::lock_guard lock(mutex_);
  unknown_track_as_no_tags_ = on;
}

void LastfmFake::inject_error(int code, int times) {
  std::lock_guard lock(mutex_);
  pending_errors_.insert(pending_errors_.end(), static_cast<std::size_t>(times), code);
}

StubReply LastfmFake::tags_reply(const Tags& tags, nlohmann::json attributes) const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, count] : tags) {
    list.push_back({{"count", counts_as_strings_ ? nlohmann::json(std::to_string(count)) : nlohmann::json(count)},
                    {"name", name},
                    {"url", tag_url(name)}});
  }
  // JSON converted from XML: one element is not wrapped in an array.
  const nlohmann::json tag = lone_tag_as_object_ && list.size() == 1 ? list.front() : list;
  return StubReply::json({{"toptags", {{"tag", tag}, {"@attr", std::move(attributes)}}}});
}

StubReply LastfmFake::answer(const RecordedRequest& request) {
  std::lock_guard lock(mutex_);
  if (!pending_errors_.empty()) {
    const int code = pending_errors_.front();
    pending_errors_.erase(pending_errors_.begin());
    return error_reply(code);
  }
  if (request.query_value("format") != "json") return StubReply::text("<lfm status=\"failed\"/>");
  if (request.query_value("api_key") != api_key_) return error_reply(10);
  const std::string method = request.query_value("method");
  const std::string artist = request.query_value("artist");
  if (method == "track.getTopTags") {
    const std::string track = request.query_value("track");
    const auto found = tracks_.find({artist, track});
    if (found != tracks_.end()) return tags_reply(found->second, {{"artist", artist}, {"track", track}});
    if (unknown_track_as_no_tags_) return tags_reply({}, {{"artist", artist}, {"track", track}});
    return error_reply(6, "Track not found");
  }
  if (method == "artist.getTopTags") {
    const auto found = artists_.find(artist);
    if (found != artists_.end()) return tags_reply(found->second, {{"artist", artist}});
    return error_reply(6, "The artist you supplied could not be found");
  }
  if (method == "artist.getSimilar") {
    const auto found = similar_artists_.find(artist);
    if (found != similar_artists_.end()) return similar_reply(found->second, false, {{"artist", artist}});
    if (similar_to_any_artist_) return similar_reply(*similar_to_any_artist_, false, {{"artist", artist}});
    return error_reply(6, "The artist you supplied could not be found");
  }
  if (method == "track.getSimilar") {
    const std::string track = request.query_value("track");
    const auto found = similar_tracks_.find({artist, track});
    if (found != similar_tracks_.end()) return similar_reply(found->second, true, {{"artist", artist}});
    return error_reply(6, "Track not found");
  }
  return error_reply(3, "Invalid Method - No method with that name in this package");
}

std::vector<std::string> LastfmFake::asked() const {
  std::vector<std::string> calls;
  for (const auto& request : server_.requests()) {
    const std::string method = request.query_value("method");
    if (method == "track.getTopTags") {
      calls.push_back("track:" + request.query_value("artist") + "|" + request.query_value("track"));
    } else if (method == "artist.getTopTags") {
      calls.push_back("artist:" + request.query_value("artist"));
    } else if (method == "track.getSimilar") {
      calls.push_back("similar-track:" + request.query_value("artist") + "|" + request.query_value("track"));
    } else if (method == "artist.getSimilar") {
      calls.push_back("similar-artist:" + request.query_value("artist"));
    }
  }
  return calls;
}

}  // namespace sonic::testing
