#include "sonic/taste/profile_summary.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "sonic/core/error.hpp"

namespace sonic::taste {
namespace {

constexpr std::size_t kArtists = 200;
constexpr std::size_t kGenres = 100;
constexpr std::size_t kTracks = 50;
constexpr std::size_t kArtistGenres = 3;

std::vector<NamedShare> heaviest(const std::unordered_map<std::int64_t, double>& weights, double total,
                                 std::size_t limit) {
  std::vector<std::pair<std::int64_t, double>> entries(weights.begin(), weights.end());
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (entries.size() > limit) entries.resize(limit);
  std::vector<NamedShare> shares;
  for (const auto& [id, weight] : entries)
    shares.push_back({std::to_string(id), "", total > 0 ? weight / total : 0.0, {}});
  return shares;
}

[[noreturn]] void malformed(const std::string& source, const std::string& place, const std::string& what) {
  throw InputError(source + ": " + place + ": " + what);
}

const nlohmann::json& member(const nlohmann::json& object, const char* key, const std::string& source,
                             const std::string& place) {
  if (!object.is_object() || !object.contains(key)) malformed(source, place, std::string("missing \"") + key + "\"");
  return object.at(key);
}

double number(const nlohmann::json& value, const std::string& source, const std::string& place) {
  if (!value.is_number()) malformed(source, place, "expected a number");
  const double x = value.get<double>();
  if (!(x >= 0.0 && x <= 1.0 + 1e-9)) malformed(source, place, "expected a share between 0 and 1");
  return x;
}

std::string text(const nlohmann::json& value, const std::string& source, const std::string& place) {
  if (!value.is_string()) malformed(source, place, "expected a string");
  return value.get<std::string>();
}

std::vector<NamedShare> read_shares(const nlohmann::json& document, const char* key, const std::string& source) {
  const std::string place = std::string("/") + key;
  const auto& list = member(document, key, source, "/");
  if (!list.is_array()) malformed(source, place, "expected an array");
  std::vector<NamedShare> shares;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = place + "/" + std::to_string(i);
    NamedShare share{.name = text(member(list[i], "name", source, at), source, at + "/name"),
                     .key = text(member(list[i], "key", source, at), source, at + "/key"),
                     .share = number(member(list[i], "share", source, at), source, at + "/share")};
    if (list[i].contains("genres")) {
      const auto& genres = list[i].at("genres");
      if (!genres.is_array()) malformed(source, at + "/genres", "expected an array");
      for (std::size_t g = 0; g < genres.size(); ++g) {
        share.genres.push_back(text(genres[g], source, at + "/genres/" + std::to_string(g)));
      }
    }
    shares.push_back(std::move(share));
  }
  return shares;
}

nlohmann::json shares_json(const std::vector<NamedShare>& shares) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& share : shares) {
    nlohmann::json entry = {{"name", share.name}, {"key", share.key}, {"share", share.share}};
    if (!share.genres.empty()) entry["genres"] = share.genres;
    list.push_back(std::move(entry));
  }
  return list;
}

}  // namespace

std::string artist_key(const std::string& name) {
  std::string key;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isspace(byte)) {
      if (!key.empty() && key.back() != ' ') key.push_back(' ');
    } else {
      key.push_back(static_cast<char>(std::tolower(byte)));
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

ProfileSummary summarise_profile(const ListeningData& data, const TasteProfile& profile) {
  ProfileSummary summary{.as_of_ms = profile.as_of_ms, .decay = profile.decay, .listens = profile.listens};
  summary.genre_coverage = profile.listens > 0
                               ? static_cast<double>(profile.listens_with_genre) / static_cast<double>(profile.listens)
                               : 0.0;
  std::unordered_map<std::int64_t, const records::TasteTrack*> artist_track;
  std::unordered_map<std::int64_t, std::map<std::string, double>> artist_genres;
  for (const auto& [track_id, weight] : profile.track_weights) {
    const auto& track = data.tracks.at(track_id);
    auto& known = artist_track[track.artist_id];
    if (known == nullptr || track.id < known->id) known = &track;
    for (const auto& genre : data.genres_of(track_id))
      artist_genres[track.artist_id][genre.key] += weight * genre.share;
  }
  for (auto share : heaviest(profile.artist_weights, profile.total_weight, kArtists)) {
    const auto id = std::stoll(share.name);
    share.name = artist_track.at(id)->artist;
    share.key = artist_key(share.name);
    for (const auto& genre : top_weights(artist_genres[id], kArtistGenres)) share.genres.push_back(genre.key);
    summary.artists.push_back(std::move(share));
  }
  for (const auto& genre : top_weights(profile.genre_weights, kGenres)) {
    summary.genres.push_back({data.genre_name(genre.key), genre.key, genre.share, {}});
  }
  for (const auto& mood : top_weights(profile.cluster_weights, profile.cluster_weights.size())) {
    summary.moods.push_back({mood.key, mood.key, mood.share, {}});
  }
  for (std::size_t h = 0; h < 24; ++h) {
    summary.hours[h] = profile.total_weight > 0 ? profile.hour_weights[h] / profile.total_weight : 0.0;
  }
  for (auto share : heaviest(profile.track_weights, profile.total_weight, kTracks)) {
    const auto& track = data.tracks.at(std::stoll(share.name));
    share.name = track.artist + " - " + track.name;
    share.key = artist_key(track.artist) + "\x1f" + artist_key(track.name);
    summary.top_tracks.push_back(std::move(share));
  }
  return summary;
}

nlohmann::json to_json(const ProfileSummary& summary) {
  return {{"format", kProfileFormat},
          {"version", kProfileVersion},
          {"as_of_ms", summary.as_of_ms},
          {"decay",
           {{"kind", decay_kind_name(summary.decay.kind)},
            {"half_life_days", summary.decay.half_life_days},
            {"power_d", summary.decay.power_d}}},
          {"listens", summary.listens},
          {"genre_coverage", summary.genre_coverage},
          {"artists", shares_json(summary.artists)},
          {"genres", shares_json(summary.genres)},
          {"moods", shares_json(summary.moods)},
          {"hours", summary.hours},
          {"top_tracks", shares_json(summary.top_tracks)}};
}

ProfileSummary profile_from_json(const nlohmann::json& document, const std::string& source) {
  if (!document.is_object()) malformed(source, "/", "expected a JSON object");
  if (text(member(document, "format", source, "/"), source, "/format") != kProfileFormat) {
    malformed(source, "/format", std::string("not a sonic taste profile (expected \"") + kProfileFormat + "\")");
  }
  const auto& version = member(document, "version", source, "/");
  if (!version.is_number_integer()) malformed(source, "/version", "expected an integer");
  if (version.get<int>() > kProfileVersion) {
    malformed(source, "/version",
              "version " + std::to_string(version.get<int>()) + " is newer than this sonic reads (" +
                  std::to_string(kProfileVersion) + "): update sonic");
  }
  ProfileSummary summary;
  const auto& as_of = member(document, "as_of_ms", source, "/");
  if (!as_of.is_number_integer()) malformed(source, "/as_of_ms", "expected an integer");
  summary.as_of_ms = as_of.get<std::int64_t>();
  const auto& listens = member(document, "listens", source, "/");
  if (!listens.is_number_integer()) malformed(source, "/listens", "expected an integer");
  summary.listens = listens.get<std::int64_t>();
  summary.genre_coverage = number(member(document, "genre_coverage", source, "/"), source, "/genre_coverage");
  summary.artists = read_shares(document, "artists", source);
  summary.genres = read_shares(document, "genres", source);
  summary.moods = read_shares(document, "moods", source);
  summary.top_tracks = read_shares(document, "top_tracks", source);
  const auto& hours = member(document, "hours", source, "/");
  if (!hours.is_array() || hours.size() != 24) malformed(source, "/hours", "expected 24 shares");
  for (std::size_t h = 0; h < 24; ++h) summary.hours[h] = number(hours[h], source, "/hours/" + std::to_string(h));
  return summary;
}

ProfileSummary read_profile_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(path.string() + ": cannot be read");
  std::stringstream content;
  content << file.rdbuf();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(content.str());
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(path.string() + ": not JSON (at byte " + std::to_string(error.byte) + ")");
  }
  return profile_from_json(document, path.string());
}

}  // namespace sonic::taste
