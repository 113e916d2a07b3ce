#include "lastfm_reply.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "sonic/core/error.hpp"

namespace sonic::sources {
namespace {

using nlohmann::json;

std::string tag_name(std::string_view raw) {
  const auto first = raw.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  raw = raw.substr(first, raw.find_last_not_of(" \t\r\n") - first + 1);
  std::string name(raw);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

// Last.fm's JSON is converted from XML, so a number may arrive as "58" instead of 58.
std::optional<int> whole_number(const json& value) {
  if (value.is_number()) {
    const double number = value.get<double>();
    if (number != std::floor(number) || std::fabs(number) > 1e9) return std::nullopt;
    return static_cast<int>(number);
  }
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  int parsed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return parsed;
}

std::optional<int> tag_count(const json& value) {
  const auto count = whole_number(value);
  if (!count || *count < 0 || *count > 100) return std::nullopt;
  return count;
}

TopTag read_tag(const json& tag, std::size_t index, const std::string& where) {
  const std::string place = where + ": toptags.tag[" + std::to_string(index) + "]";
  if (!tag.is_object()) throw InputError(place + " should be an object, found " + tag.type_name());
  const auto name = tag.find("name");
  if (name == tag.end() || !name->is_string()) throw InputError(place + " has no 'name' text");
  const auto count = tag.find("count");
  const std::optional<int> weight = count == tag.end() ? std::nullopt : tag_count(*count);
  if (!weight) {
    throw InputError(place + ".count should be a whole number from 0 to 100, found " +
                     (count == tag.end() ? std::string("nothing") : count->dump()));
  }
  return {tag_name(name->get<std::string>()), *weight};
}

std::vector<TopTag> ranked(const std::map<std::string, int>& best_count) {
  std::vector<TopTag> tags;
  for (const auto& [name, count] : best_count) tags.push_back({name, count});
  std::stable_sort(tags.begin(), tags.end(), [](const TopTag& a, const TopTag& b) { return a.count > b.count; });
  return tags;
}

// Calls `visit(item, index)` for each item of `container[list_key]`: JSON converted from XML gives
// a lone item as an object, and an empty list as [] or no key at all.
template <typename Visit>
void for_each_item(const json& container, const char* container_key, const char* list_key, const std::string& where,
                   Visit visit) {
  const auto list = container.find(list_key);
  if (list == container.end() || list->is_null()) return;
  if (list->is_object()) {
    visit(*list, 0);
  } else if (list->is_array()) {
    for (std::size_t i = 0; i < list->size(); ++i) visit((*list)[i], i);
  } else {
    throw InputError(where + ": " + container_key + "." + list_key + " should be a list, found " + list->type_name());
  }
}

std::string item_name(const json& item, const std::string& place) {
  if (!item.is_object()) throw InputError(place + " should be an object, found " + item.type_name());
  const auto name = item.find("name");
  if (name == item.end() || !name->is_string()) throw InputError(place + " has no 'name' text");
  const auto& text = name->get_ref<const std::string&>();
  const auto first = text.find_first_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// `match` as 0.87 or "0.87" (artist.getSimilar sends strings), within 0..1.
double item_match(const json& item, const std::string& place) {
  const auto match = item.find("match");
  std::optional<double> value;
  if (match != item.end() && match->is_number()) value = match->get<double>();
  if (match != item.end() && match->is_string()) {
    const auto& text = match->get_ref<const std::string&>();
    double parsed = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error == std::errc() && end == text.data() + text.size()) value = parsed;
  }
  if (!value || !std::isfinite(*value) || *value < 0.0 || *value > 1.0) {
    throw InputError(place + ".match should be a number from 0 to 1, found " +
                     (match == item.end() ? std::string("nothing") : match->dump()));
  }
  return *value;
}

template <typename Key>
void keep_best(std::map<Key, double>& best, const Key& key, double match) {
  auto [slot, inserted] = best.try_emplace(key, match);
  if (!inserted) slot->second = std::max(slot->second, match);
}

}  // namespace

std::optional<LastfmFailure> read_failure(const json& reply, const std::string& where) {
  if (!reply.is_object()) throw InputError(where + ": the reply is not a JSON object");
  const auto error = reply.find("error");
  if (error == reply.end()) return std::nullopt;
  const auto code = whole_number(*error);
  if (!code) throw InputError(where + ": 'error' should be a number, found " + error->dump());
  const auto message = reply.find("message");
  return LastfmFailure{
      *code, message != reply.end() && message->is_string() ? message->get<std::string>() : std::string("no message")};
}

std::vector<TopTag> read_top_tags_reply(const json& reply, const std::string& where) {
  const auto toptags = reply.find("toptags");
  if (toptags == reply.end() || !toptags->is_object()) {
    throw InputError(where + ": the reply has neither 'toptags' nor 'error'");
  }
  std::map<std::string, int> best_count;
  const auto note = [&](const TopTag& tag) {
    if (tag.name.empty()) return;
    auto [slot, inserted] = best_count.try_emplace(tag.name, tag.count);
    if (!inserted) slot->second = std::max(slot->second, tag.count);
  };
  for_each_item(*toptags, "toptags", "tag", where,
                [&](const json& tag, std::size_t i) { note(read_tag(tag, i, where)); });
  return ranked(best_count);
}

std::vector<SimilarArtist> read_similar_artists_reply(const json& reply, const std::string& where) {
  const auto similar = reply.find("similarartists");
  if (similar == reply.end() || !similar->is_object()) {
    throw InputError(where + ": the reply has neither 'similarartists' nor 'error'");
  }
  std::map<std::string, double> best_match;
  for_each_item(*similar, "similarartists", "artist", where, [&](const json& item, std::size_t i) {
    const std::string place = where + ": similarartists.artist[" + std::to_string(i) + "]";
    const std::string name = item_name(item, place);
    const double match = item_match(item, place);
    if (!name.empty()) keep_best(best_match, name, match);
  });
  std::vector<SimilarArtist> artists;
  for (const auto& [name, match] : best_match) artists.push_back({name, match});
  std::stable_sort(artists.begin(), artists.end(), [](const auto& a, const auto& b) { return a.match > b.match; });
  return artists;
}

std::vector<SimilarTrack> read_similar_tracks_reply(const json& reply, const std::string& where) {
  const auto similar = reply.find("similartracks");
  if (similar == reply.end() || !similar->is_object()) {
    throw InputError(where + ": the reply has neither 'similartracks' nor 'error'");
  }
  std::map<std::pair<std::string, std::string>, double> best_match;
  for_each_item(*similar, "similartracks", "track", where, [&](const json& item, std::size_t i) {
    const std::string place = where + ": similartracks.track[" + std::to_string(i) + "]";
    const std::string name = item_name(item, place);
    const auto artist = item.find("artist");
    if (artist == item.end() || !artist->is_object()) throw InputError(place + " has no 'artist' object");
    const std::string artist_name = item_name(*artist, place + ".artist");
    const double match = item_match(item, place);
    if (!name.empty() && !artist_name.empty()) keep_best(best_match, std::pair(artist_name, name), match);
  });
  std::vector<SimilarTrack> tracks;
  for (const auto& [key, match] : best_match) tracks.push_back({key.first, key.second, match});
  std::stable_sort(tracks.begin(), tracks.end(), [](const auto& a, const auto& b) { return a.match > b.match; });
  return tracks;
}

}  // namespace sonic::sources
