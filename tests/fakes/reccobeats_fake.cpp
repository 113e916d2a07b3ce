#include "fakes/reccobeats_fake.hpp"

#include <cstdio>
#include <cstdlib>
#include <span>

#include "sonic/core/random.hpp"

namespace sonic::testing {
namespace {

constexpr std::size_t kMaxIds = 40;

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

// A UUID-shaped ReccoBeats id, derived from the Spotify ID.
std::string uuid_for(const std::string& spotify_id) {
  const std::uint64_t a = fnv1a(spotify_id);
  const std::uint64_t b = fnv1a(spotify_id + "#");
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a >> 16) & 0xFFFFu, static_cast<unsigned>(a) & 0xFFFu,
                static_cast<unsigned>(b >> 52) & 0xFFFu, static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
  return text;
}

std::vector<std::string> split_ids(const RecordedRequest& request, const char* name = "ids") {
  std::vector<std::string> ids;
  for (auto [it, end] = request.query.equal_range(name); it != end; ++it) {
    std::size_t start = 0;
    const std::string& value = it->second;
    while (start <= value.size()) {
      const auto comma = std::min(value.find(',', start), value.size());
      if (comma > start) ids.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return ids;
}

}  // namespace

ReccoBeatsFake::ReccoBeatsFake() {
  server_.on("GET", "/v1/audio-features",
             [this](const RecordedRequest& request) { return faults_.shape(answer(request)); });
  server_.on("GET", "/v1/track/recommendation",
             [this](const RecordedRequest& request) { return faults_.shape(recommend(request)); });
}

void ReccoBeatsFake::add_recommendations(const std::string& seed, std::vector<Recommended> tracks) {
  std::lock_guard lock(mutex_);
  recommendations_[seed] = std::move(tracks);
}

StubReply ReccoBeatsFake::recommend(const RecordedRequest& request) {
  const auto seeds = split_ids(request, "seeds");
  const std::string size_text = request.query_value("size");
  const int size = size_text.empty() ? 0 : std::atoi(size_text.c_str());
  if (seeds.empty() || seeds.size() > 5 || size < 1 || size > 100) {
    return StubReply::json(
        {{"timestamp", "2026-05-01T12:00:00Z"}, {"status", 400}, {"error", "Bad Request"}, {"code", 4004}}, 400);
  }
  std::lock_guard lock(mutex_);
  nlohmann::json content = nlohmann::json::array();
  bool known = false;
  for (const auto& seed : seeds) {
    const auto found = recommendations_.find(seed);
    if (found == recommendations_.end()) continue;
    known = true;
    for (const auto& track : found->second) {
      if (content.size() >= static_cast<std::size_t>(size)) break;
      const std::string uuid = uuid_for(track.spotify_id + track.title);
      content.push_back({{"id", uuid},
                         {"trackTitle", track.title},
                         {"artists",
                          {{{"id", uuid_for(track.artist)},
                            {"name", track.artist},
                            {"href", "https://open.spotify.com/artist/0000000000000000000000"}}}},
                         {"durationMs", 201000},
                         {"isrc", "QZ" + uuid.substr(0, 10)},
                         {"href", track.spotify_id.empty() ? std::string("https://www.reccobeats.com/track/" + uuid)
                                                           : "https://open.spotify.com/track/" + track.spotify_id},
                         {"popularity", 42}});
    }
  }
  if (!known) {
    return StubReply::json(
        {{"timestamp", "2026-05-01T12:00:00Z"}, {"status", 404}, {"error", "Not Found"}, {"code", 4041}}, 404);
  }
  return StubReply::json({{"content", content}});
}

nlohmann::json ReccoBeatsFake::derived_features(const std::string& spotify_id) {
  SeededRandom random(fnv1a(spotify_id));
  const auto unit = [&] { return static_cast<double>(random.integer(0, 10'000)) / 10'000; };
  return {{"acousticness", unit()},
          {"danceability", unit()},
          {"energy", unit()},
          {"instrumentalness", unit()},
          {"key", random.integer(-1, 11)},
          {"liveness", unit()},
          {"loudness", -unit() * 30},
          {"mode", random.integer(0, 1)},
          {"speechiness", unit()},
          {"tempo", 60 + unit() * 140},
          {"valence", unit()}};
}

void ReccoBeatsFake::add_track(const std::string& spotify_id) { add_track(spotify_id, derived_features(spotify_id)); }

void ReccoBeatsFake::add_track(const std::string& spotify_id, const nlohmann::json& features) {
  std::lock_guard lock(mutex_);
  catalog_[spotify_id].push_back({uuid_for(spotify_id), features});
}

void ReccoBeatsFake::add_duplicate(const std::string& spotify_id, const std::string& reccobeats_id,
                                   const nlohmann::json& features) {
  std::lock_guard lock(mutex_);
  catalog_[spotify_id].push_back({reccobeats_id, features});
}

nlohmann::json ReccoBeatsFake::features_of(const std::string& spotify_id) const {
  std::lock_guard lock(mutex_);
  return catalog_.at(spotify_id).front().features;
}

void ReccoBeatsFake::shuffle_replies(std::uint64_t seed) {
  std::lock_guard lock(mutex_);
  shuffle_seed_ = seed;
}

StubReply ReccoBeatsFake::answer(const RecordedRequest& request) {
  std::vector<std::string> ids = split_ids(request);
  if (ids.empty()) {
    return StubReply::json(
        {{"timestamp", "2026-05-01T12:00:00Z"}, {"status", 400}, {"error", "Bad Request"}, {"code", 4001}}, 400);
  }
  if (ids.size() > kMaxIds) ids.resize(kMaxIds);  // what clients report the service does
  nlohmann::json content = nlohmann::json::array();
  std::lock_guard lock(mutex_);
  for (const auto& id : ids) {
    const auto known = catalog_.find(id);
    if (known == catalog_.end()) continue;  // left out, no placeholder
    for (const Record& record : known->second) {
      nlohmann::json entry = {{"id", record.reccobeats_id},
                              {"href", "https://open.spotify.com/track/" + id},
                              {"isrc", "QZ" + record.reccobeats_id.substr(0, 10)}};
      entry.update(record.features);
      content.push_back(std::move(entry));
    }
  }
  if (shuffle_seed_) {
    auto random = SeededRandom::for_stream(*shuffle_seed_, replies_);
    std::vector<nlohmann::json> records(content.begin(), content.end());
    random.shuffle(std::span(records));
    content = records;
  }
  ++replies_;
  return StubReply::json({{"content", content}});
}

std::vector<std::vector<std::string>> ReccoBeatsFake::asked_batches() const {
  std::vector<std::vector<std::string>> batches;
  for (const auto& request : server_.requests()) {
    if (request.path == "/v1/audio-features") batches.push_back(split_ids(request));
  }
  return batches;
}

std::vector<std::string> ReccoBeatsFake::asked_ids() const {
  std::vector<std::string> all;
  for (const auto& batch : asked_batches()) all.insert(all.end(), batch.begin(), batch.end());
  return all;
}

}  // namespace sonic::testing
