// A friend's taste profile file (`sonic profile import`, `sonic compare`): every key and type
// checked, an InputError naming the place otherwise.
#include "fuzz_input.hpp"
#include "sonic/taste/profile_summary.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto json = sonic::fuzz::json_of(sonic::fuzz::text_of(data, size));
  if (!json) return 0;
  sonic::fuzz::expect_input_error_only([&] { sonic::taste::profile_from_json(*json, "friend.json"); });
  return 0;
}
