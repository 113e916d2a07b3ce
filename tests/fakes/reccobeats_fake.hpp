#pragma once
// ReccoBeats on a loopback port, speaking GET /v1/audio-features?ids=… as the real service does
// (docs: external-services.md §2): records in `content` carry ReccoBeats' own UUID as `id` and
// the Spotify ID only at the end of `href`; tracks it does not know are left out, without
// placeholders; more than 40 IDs are silently cut to 40. GET /v1/track/recommendation?size=&seeds=
// answers {"content":[{"id":…,"trackTitle":…,"artists":[{"id":…,"name":…,"href":…}],"href":…}]}
// with the tracks given for any of its seeds (a seed it does not know: 404), cut to `size`.
//
//   ReccoBeatsFake reccobeats;
//   reccobeats.add_track("0aaaaaaaaaaaaaaaaaaaaa");  // features derived from the ID
//   reccobeats.faults().add(Fault::rate_limited);
//   ... point the client at reccobeats.base_url() ...
//   EXPECT_EQ(reccobeats.asked_batches().size(), 2u);
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fakes/fault_script.hpp"
#include "fakes/stub_server.hpp"

namespace sonic::testing {

class ReccoBeatsFake {
 public:
  ReccoBeatsFake();

  std::string base_url() const { return server_.url(); }  // RECCOBEATS_URL

  // A known track. Without features, they are derived from the ID (the same every time).
  void add_track(const std::string& spotify_id);
  void add_track(const std::string& spotify_id, const nlohmann::json& features);
  // A second record for a known track (an ISRC matching two recordings).
  void add_duplicate(const std::string& spotify_id, const std::string& reccobeats_id, const nlohmann::json& features);
  // The features the fake serves for a known track (its first record).
  nlohmann::json features_of(const std::string& spotify_id) const;
  static nlohmann::json derived_features(const std::string& spotify_id);

  // Replies list their records in an order drawn from this seed instead of the order asked.
  void shuffle_replies(std::uint64_t seed);

  struct Recommended {
    std::string spotify_id;  // empty: a record whose href names no Spotify track
    std::string title;
    std::string artist;
  };
  // What /v1/track/recommendation answers when `seed` is among the seeds.
  void add_recommendations(const std::string& seed, std::vector<Recommended> tracks);

  FaultScript& faults() { return faults_; }

  // The IDs of each audio-features call, in the order they came.
  std::vector<std::vector<std::string>> asked_batches() const;
  std::vector<std::string> asked_ids() const;  // all of them, flattened
  std::vector<RecordedRequest> requests() const { return server_.requests(); }
  std::size_t request_count() const { return server_.request_count(); }

 private:
  struct Record {
    std::string reccobeats_id;
    nlohmann::json features;
  };
  StubReply answer(const RecordedRequest& request);
  StubReply recommend(const RecordedRequest& request);

  StubServer server_;
  FaultScript faults_;
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<Record>> catalog_;
  std::map<std::string, std::vector<Recommended>> recommendations_;
  std::optional<std::uint64_t> shuffle_seed_;
  std::uint64_t replies_ = 0;
};

}  // namespace sonic::testing
