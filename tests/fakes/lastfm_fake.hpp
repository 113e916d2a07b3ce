#pragma once
// Last.fm on a loopback port, speaking GET /2.0/?method=track.getTopTags|artist.getTopTags&…&
// format=json as the real service does (docs: external-services.md §4): errors inside HTTP 200
// ({"error":6,"message":…,"links":[]}), error 10 for a wrong api_key, top tags as
// {"toptags":{"tag":[{"count":100,"name":…,"url":…}],"@attr":{…}}}; artist.getSimilar and
// track.getSimilar as {"similarartists":{"artist":[{"name":…,"match":"0.87",…}],"@attr":{…}}} and
// {"similartracks":{"track":[{"name":…,"match":0.87,"artist":{"name":…},…}],"@attr":{…}}} (the
// real service sends artist matches as strings and track matches as numbers).
//
//   LastfmFake lastfm;  // expects LastfmFake::kApiKey
//   lastfm.add_track("AC/DC", "Hells Bells", {{"hard rock", 100}, {"rock", 58}});
//   lastfm.inject_error(29, 2);  // the next two replies: rate limit exceeded, in HTTP 200
//   lastfm.lone_tag_as_object(true);
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fakes/fault_script.hpp"
#include "fakes/stub_server.hpp"

namespace sonic::testing {

class LastfmFake {
 public:
  static constexpr const char* kApiKey = "fake-lastfm-key-3f9a0c21";
  using Tags = std::vector<std::pair<std::string, int>>;

  explicit LastfmFake(std::string api_key = kApiKey);

  std::string base_url() const { return server_.url(); }  // LASTFM_URL

  void add_track(const std::string& artist, const std::string& track, Tags tags);
  void add_artist(const std::string& artist, Tags tags);
  struct Similar {
    std::string artist;
    std::string track;  // empty for artist.getSimilar
    double match = 0.0;
  };
  void add_similar_artists(const std::string& artist, std::vector<Similar> similar);
  void add_similar_tracks(const std::string& artist, const std::string& track, std::vector<Similar> similar);
  // What artist.getSimilar answers for an artist not added (default: error 6), for runs whose
  // seeds come from a real history.
  void similar_to_any_artist(std::vector<Similar> similar);

  // Switches for Last.fm's quirks.
  void lone_tag_as_object(bool on);        // one tag comes as an object, not a one-item array
  void counts_as_strings(bool on);         // "count":"58"
  void unknown_track_as_no_tags(bool on);  // an unknown track gives 200 with "tag":[]
  void matches_swapped(bool on);           // artist matches as numbers, track matches as strings
  void lone_similar_as_object(bool on);    // one similar item comes as an object

  // The next `times` replies are this error inside HTTP 200 (6, 8, 10, 11, 16, 26, 29, …).
  void inject_error(int code, int times = 1);
  FaultScript& faults() { return faults_; }

  std::vector<RecordedRequest> requests() const { return server_.requests(); }
  std::size_t request_count() const { return server_.request_count(); }
  // "track:<artist>|<title>" or "artist:<artist>" for each getTopTags call, "similar-track:…" or
  // "similar-artist:…" for each getSimilar call, in order.
  std::vector<std::string> asked() const;

 private:
  StubReply answer(const RecordedRequest& request);
  StubReply tags_reply(const Tags& tags, nlohmann::json attributes) const;
  StubReply similar_reply(const std::vector<Similar>& similar, bool tracks, nlohmann::json attributes) const;

  StubServer server_;
  FaultScript faults_;
  std::string api_key_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Tags> tracks_;
  std::map<std::string, Tags> artists_;
  std::map<std::string, std::vector<Similar>> similar_artists_;
  std::map<std::pair<std::string, std::string>, std::vector<Similar>> similar_tracks_;
  std::optional<std::vector<Similar>> similar_to_any_artist_;
  bool matches_swapped_ = false;
  bool lone_similar_as_object_ = false;
  std::vector<int> pending_errors_;
  bool lone_tag_as_object_ = false;
  bool counts_as_strings_ = false;
  bool unknown_track_as_no_tags_ = false;
};

}  // namespace sonic::testing
