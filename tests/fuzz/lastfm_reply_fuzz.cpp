// A Last.fm getTopTags reply (track or artist), or the error object it sends instead: tags come
// back trimmed, lower-cased, without repeats, sorted by count.
#include <set>
#include <string>
#include <variant>

#include "fuzz_input.hpp"
#include "sources/lastfm_reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto json = sonic::fuzz::json_of(sonic::fuzz::text_of(data, size));
  if (!json) return 0;
  sonic::fuzz::expect_input_error_only([&] {
    const auto reply = sonic::sources::read_top_tags_reply(*json, "track.getTopTags");
    if (const auto* tags = std::get_if<std::vector<sonic::sources::TopTag>>(&reply)) {
      std::set<std::string> names;
      for (const auto& tag : *tags) {
        sonic::fuzz::require(names.insert(tag.name).second, "a tag came back twice");
      }
    }
  });
  return 0;
}
