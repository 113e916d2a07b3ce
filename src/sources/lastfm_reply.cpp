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

}  // namespace

std::variant<std::vector<TopTag>, LastfmFailure> read_top_tags_reply(const json& reply, const std::string& where) {
  if (!reply.is_object()) throw InputError(where + ": the reply is not a JSON object");
  if (const auto error = reply.find("error"); error != reply.end()) {
    const auto code = whole_number(*error);
    if (!code) throw InputError(where + ": 'error' should be a number, found " + error->dump());
    const auto message = reply.find("message");
    return LastfmFailure{*code, message != reply.end() && message->is_string() ? message->get<std::string>()
                                                                               : std::string("no message")};
  }
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
  // Untagged items come as "tag":[] or with no "tag" at all; a lone tag as an object.
  const auto list = toptags->find("tag");
  if (list == toptags->end() || list->is_null()) return ranked(best_count);
  if (list->is_object()) {
    note(read_tag(*list, 0, where));
  } else if (list->is_array()) {
    for (std::size_t i = 0; i < list->size(); ++i) note(read_tag((*list)[i], i, where));
  } else {
    throw InputError(where + ": toptags.tag should be a list, found " + list->type_name());
  }
  return ranked(best_count);
}

}  // namespace sonic::sources
