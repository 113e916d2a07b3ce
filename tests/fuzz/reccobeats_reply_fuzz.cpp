// A ReccoBeats /v1/audio-features reply: only asked IDs come back, each with values in range.
#include <set>
#include <string>

#include "fuzz_input.hpp"
#include "sources/reccobeats_reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = sonic::fuzz::text_of(data, size);
  const auto json = sonic::fuzz::json_of(text);
  if (!json) return 0;
  // The IDs of the seed replies, and one more.
  static const std::set<std::string> asked = {"4uLU6hMCjMI75M1A2tKUQC", "7ouMYWpwJ422jRcDASZB7P",
                                              "0VjIjW4GlUZAMYd2vXMi3b", "3n3Ppam7vgaVa1iaRUc9Lp"};
  sonic::fuzz::expect_input_error_only([&] {
    for (const auto& [id, features] :
         sonic::sources::read_audio_features_reply(*json, asked, "POST /v1/audio-features")) {
      sonic::fuzz::require(asked.contains(id), "a reply kept an ID that was not asked for");
    }
  });
  sonic::sources::spotify_id_of_href(text);
  return 0;
}
