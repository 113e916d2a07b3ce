// The streaming JSON pull reader: every token of the input, read twice — through the default
// buffer in one piece, and through the smallest buffer fed a few bytes at a time — and the two
// reads must agree token for token, text for text, and on the error (message included). So a
// token split across refills reads as it does whole.
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "sonic/sources/json_reader.hpp"

namespace {

using sonic::sources::JsonReader;
using sonic::sources::JsonToken;

// Every token as "<kind>:<text>", then the error's message (or "end").
std::vector<std::string> read_all(sonic::sources::ByteSource& source, std::size_t buffer_size) {
  std::vector<std::string> tokens;
  try {
    JsonReader reader(source, "fuzz.json", buffer_size);
    for (JsonToken token = reader.next(); token != JsonToken::end_of_input; token = reader.next()) {
      std::string seen = std::string(sonic::sources::json_token_name(token)) + ":" + std::string(reader.text());
      if (token == JsonToken::number) {
        // Both typed reads: each either gives a value or an InputError naming the place.
        sonic::fuzz::expect_input_error_only([&] { seen.append("|").append(std::to_string(reader.integer())); });
        sonic::fuzz::expect_input_error_only([&] { seen.append("|").append(std::to_string(reader.number())); });
      }
      tokens.push_back(std::move(seen));
    }
    tokens.emplace_back("end");
  } catch (const sonic::InputError& error) {
    tokens.emplace_back(std::string("error: ") + error.what());
  }
  return tokens;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = sonic::fuzz::text_of(data, size);
  sonic::fuzz::PieceSource whole(text, text.size());
  sonic::fuzz::PieceSource pieces(text, 1 + size % 7);
  sonic::fuzz::require(read_all(whole, JsonReader::default_buffer_size) == read_all(pieces, 64),
                       "the JSON reader reads differently through a small buffer in pieces");
  return 0;
}
