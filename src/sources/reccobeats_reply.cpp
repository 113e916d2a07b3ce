#include "reccobeats_reply.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <set>
#include <utility>

#include "sonic/core/error.hpp"
#include "sonic/sources/reccobeats_client.hpp"
#include "sonic/sources/spotify_track_id.hpp"

namespace sonic::sources {
namespace {

using nlohmann::json;

class RecordReader {
 public:
  RecordReader(const json& record, std::size_t index, const std::string& where)
      : record_(record), index_(index), where_(where) {}

  std::optional<double> number(const char* name) const {
    const json* value = field(name);
    if (!value) return std::nullopt;
    if (!value->is_number()) fail(name, "should be a number, found " + std::string(value->type_name()));
    return value->get<double>();
  }

  // A whole number in [low, high]; `absent` (ReccoBeats' -1 for "no key detected") reads as none.
  std::optional<int> whole(const char* name, int low, int high, std::optional<int> absent) const {
    const std::optional<double> value = number(name);
    if (!value) return std::nullopt;
    if (*value != std::floor(*value) || *value < low || *value > high) {
      fail(name, "should be a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", found " +
                     json(*value).dump());
    }
    const int whole_value = static_cast<int>(*value);
    if (absent && whole_value == *absent) return std::nullopt;
    return whole_value;
  }

  std::string text(const char* name) const {
    const json* value = field(name);
    return value && value->is_string() ? value->get<std::string>() : std::string();
  }

 private:
  const json* field(const char* name) const {
    const auto found = record_.find(name);
    return found == record_.end() || found->is_null() ? nullptr : &*found;
  }

  [[noreturn]] void fail(const char* name, const std::string& problem) const {
    throw InputError(where_ + ": content[" + std::to_string(index_) + "]." + name + " " + problem);
  }

  const json& record_;
  std::size_t index_;
  const std::string& where_;
};

AudioFeatures read_features(const RecordReader& record) {
  AudioFeatures features;
  const auto whole = [](std::optional<int> value) -> std::optional<double> {
    if (!value) return std::nullopt;
    return static_cast<double>(*value);
  };
  for (const AudioFeatureSpec& spec : kAudioFeatures) {
    if (spec.feature == AudioFeature::key) {
      features[spec.feature] = whole(record.whole("key", -1, 11, -1));  // -1: not detected
    } else if (spec.feature == AudioFeature::mode) {
      features[spec.feature] = whole(record.whole("mode", 0, 1, std::nullopt));
    } else {
      features[spec.feature] = record.number(std::string(spec.name).c_str());
    }
  }
  return features;
}

struct Candidate {
  std::string reccobeats_id;
  AudioFeatures features;
};

// More fields first, then the smaller ReccoBeats id: a total order, whatever the reply's order.
bool better(const Candidate& a, const Candidate& b) {
  const int a_fields = a.features.present_count();
  const int b_fields = b.features.present_count();
  if (a_fields != b_fields) return a_fields > b_fields;
  return a.reccobeats_id < b.reccobeats_id;
}

}  // namespace

std::string_view spotify_id_of_href(std::string_view href) {
  href = href.substr(0, href.find_first_of("?#"));
  while (!href.empty() && href.back() == '/') href.remove_suffix(1);
  const auto cut = href.find_last_of("/:");
  return cut == std::string_view::npos ? std::string_view() : href.substr(cut + 1);
}

std::map<std::string, AudioFeatures> read_audio_features_reply(const json& reply, const std::set<std::string>& asked,
                                                               const std::string& where) {
  const auto content = reply.is_object() ? reply.find("content") : reply.end();
  if (!reply.is_object() || content == reply.end() || !content->is_array()) {
    throw InputError(where + ": the reply has no 'content' list");
  }
  std::map<std::string, Candidate> chosen;
  for (std::size_t i = 0; i < content->size(); ++i) {
    const json& record = (*content)[i];
    if (!record.is_object()) {
      throw InputError(where + ": content[" + std::to_string(i) + "] should be an object, found " + record.type_name());
    }
    const RecordReader reader(record, i, where);
    const std::string href = reader.text("href");
    const std::string spotify_id(spotify_id_of_href(href));
    if (!asked.contains(spotify_id)) {
      spdlog::debug("{}: content[{}] names no track that was asked (href '{}'); ignored", where, i, href);
      continue;
    }
    Candidate candidate{reader.text("id"), read_features(reader)};
    if (candidate.features.present_count() == 0) continue;  // says nothing: the track is unknown
    const auto [slot, inserted] = chosen.try_emplace(spotify_id, candidate);
    if (!inserted && better(candidate, slot->second)) slot->second = std::move(candidate);
  }
  std::map<std::string, AudioFeatures> found;
  for (auto& [spotify_id, candidate] : chosen) found.emplace(spotify_id, std::move(candidate.features));
  return found;
}

std::vector<RecommendedTrack> read_recommendation_reply(const json& reply, const std::string& where) {
  const auto content = reply.is_object() ? reply.find("content") : reply.end();
  if (!reply.is_object() || content == reply.end() || !content->is_array()) {
    throw InputError(where + ": the reply has no 'content' list");
  }
  std::vector<RecommendedTrack> tracks;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < content->size(); ++i) {
    const json& record = (*content)[i];
    const std::string place = where + ": content[" + std::to_string(i) + "]";
    if (!record.is_object()) throw InputError(place + " should be an object, found " + record.type_name());
    const auto title = record.find("trackTitle");
    if (title == record.end() || !title->is_string()) throw InputError(place + " has no 'trackTitle' text");
    const auto artists = record.find("artists");
    if (artists == record.end() || !artists->is_array()) throw InputError(place + " has no 'artists' list");
    std::string artist;
    if (!artists->empty()) {
      const json& first = artists->front();
      if (!first.is_object() || !first.contains("name") || !first["name"].is_string()) {
        throw InputError(place + ".artists[0] has no 'name' text");
      }
      artist = first["name"].get<std::string>();
    }
    const RecordReader reader(record, i, where);
    std::string spotify_id(spotify_id_of_href(reader.text("href")));
    if (!is_spotify_id(spotify_id)) spotify_id.clear();
    const std::string name = title->get<std::string>();
    if (name.empty() || artist.empty()) continue;  // nothing to show or look up
    // One recording may come twice (two ReccoBeats records for one Spotify track).
    if (!seen.insert(spotify_id.empty() ? artist + "\x1f" + name : spotify_id).second) continue;
    tracks.push_back({std::move(spotify_id), name, std::move(artist)});
  }
  return tracks;
}

}  // namespace sonic::sources
