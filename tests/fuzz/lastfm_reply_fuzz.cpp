// A Last.fm reply: the error object it may send instead of data, getTopTags (track or artist)
// and getSimilar (artist or track). Tags come back trimmed, lower-cased and without repeats;
// similar items without repeats and with a match in 0..1.
#include <set>
#include <string>

#include "fuzz_input.hpp"
#include "sources/lastfm_reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto json = sonic::fuzz::json_of(sonic::fuzz::text_of(data, size));
  if (!json) return 0;
  sonic::fuzz::expect_input_error_only([&] {
    if (sonic::sources::read_failure(*json, "track.getTopTags")) return;
    std::set<std::string> names;
    for (const auto& tag : sonic::sources::read_top_tags_reply(*json, "track.getTopTags")) {
      sonic::fuzz::require(names.insert(tag.name).second, "a tag came back twice");
    }
  });
  sonic::fuzz::expect_input_error_only([&] {
    std::set<std::string> names;
    for (const auto& artist : sonic::sources::read_similar_artists_reply(*json, "artist.getSimilar")) {
      sonic::fuzz::require(names.insert(artist.name).second, "a similar artist came back twice");
      sonic::fuzz::require(artist.match >= 0 && artist.match <= 1, "a match outside 0..1");
    }
  });
  sonic::fuzz::expect_input_error_only([&] {
    for (const auto& track : sonic::sources::read_similar_tracks_reply(*json, "track.getSimilar")) {
      sonic::fuzz::require(track.match >= 0 && track.match <= 1, "a match outside 0..1");
    }
  });
  return 0;
}
