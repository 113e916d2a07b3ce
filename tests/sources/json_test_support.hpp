#pragma once
// Shared by the JSON reader tests: sources that cut the input at awkward places, and a flat log
// of the tokens a reader produces, so two reads of the same input can be compared whole.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <memory>
#include <string>
#include <vector>

#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/json_reader.hpp"

namespace sonic::sources::testing {

// Hands out the text in chunks of random size between 1 and max_chunk, from a fixed seed.
// max_chunk = 1 gives one byte at a time.
class ChunkedSource final : public ByteSource {
 public:
  ChunkedSource(std::string text, std::size_t max_chunk, std::uint64_t seed = 1)
      : inner_(string_source(std::move(text))), max_chunk_(max_chunk), random_(seed) {}

  std::size_t read(char* buffer, std::size_t capacity) override {
    const auto chunk = static_cast<std::size_t>(random_.integer(1, static_cast<std::int64_t>(max_chunk_)));
    return inner_->read(buffer, std::min(capacity, chunk));
  }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::size_t max_chunk_;
  SeededRandom random_;
};

struct Token {
  JsonToken token;
  std::string text;
  std::uint64_t offset;
  int depth;
  bool operator==(const Token&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const Token& t) {
  return out << json_token_name(t.token) << " \"" << t.text << "\" @" << t.offset << " depth " << t.depth;
}

// Every token up to and including end_of_input.
inline std::vector<Token> read_all(JsonReader& reader) {
  std::vector<Token> tokens;
  for (;;) {
    const JsonToken t = reader.next();
    tokens.push_back({t, std::string(reader.text()), reader.offset(), reader.depth()});
    if (t == JsonToken::end_of_input) return tokens;
  }
}

inline std::vector<Token> read_all(ByteSource& source, std::size_t buffer_size = JsonReader::default_buffer_size) {
  JsonReader reader(source, "test.json", buffer_size);
  return read_all(reader);
}

inline std::vector<Token> read_all(const std::string& json) {
  auto source = string_source(json);
  return read_all(*source);
}

// The InputError message reading the whole text produces, or "no error".
inline std::string error_of(ByteSource& source, std::size_t buffer_size = JsonReader::default_buffer_size) {
  try {
    read_all(source, buffer_size);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

inline std::string error_of(const std::string& json) {
  auto source = string_source(json);
  return error_of(*source);
}

}  // namespace sonic::sources::testing
