#pragma once
// Reads one Last.fm getTopTags reply (track or artist). Private to sources/.
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "sonic/sources/top_tag.hpp"

namespace sonic::sources {

// The error object Last.fm sends instead of data, often with HTTP 200.
struct LastfmFailure {
  int code = 0;
  std::string message;
};

// The tags (names trimmed and lower-cased, repeats merged at their highest count, sorted by
// count then name) or the error the reply carries. Takes a lone tag given as an object rather
// than an array, and counts given as strings. `where` names the request in InputError messages.
std::variant<std::vector<TopTag>, LastfmFailure> read_top_tags_reply(const nlohmann::json& reply,
                                                                     const std::string& where);

}  // namespace sonic::sources
