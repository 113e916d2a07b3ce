// The buffer refills wherever the source stops, so every token must survive being cut at every
// byte: read the same document in one piece, a byte at a time and in random chunks, through
// buffers smaller than its tokens, and expect the same tokens, texts, offsets and depths.
#include <gtest/gtest.h>

#include "sources/json_test_support.hpp"

namespace sonic::sources {
namespace {

using testing::ChunkedSource;
using testing::read_all;

// Every kind of token, escapes, multi-byte UTF-8 and surrogate pairs, strings and numbers
// longer than the smallest buffer, and runs of whitespace.
std::string awkward_document() {
  std::string json = "\xEF\xBB\xBF  [\n";
  for (int row = 0; row < 40; ++row) {
    json += "  {\n    \"ts\": \"2020-04-11T00:27:53Z\",\r\n\t\"ms_played\": " + std::to_string(row * 7919) + ",\n";
    json += "    \"name\": \"caf\xC3\xA9 \\\"live\\\" \\u00e9\\uD83D\\uDE00 \xF0\x9F\x8E\xB5 \xE2\x82\xAC\",\n";
    json += "    \"n\": [-0.5e-3, 1E+2, 0, -12, 9223372036854775807, true, false, null, {}, []],\n";
    json += "    \"long\": \"" + std::string(static_cast<std::size_t>(100 + row * 13), 'x') + "\\n\",\n";
    json += "    \"plain\": \"" + std::string(static_cast<std::size_t>(70 + row), 'y') + "\",\n";
    json += "    \"big\": 1" + std::string(static_cast<std::size_t>(80 + row), '0') + ".25\n  }";
    json += row + 1 < 40 ? ",\n" : "\n";
  }
  return json + "]\n";
}

TEST(JsonReaderBoundaries, OneByteAtATimeGivesTheSameTokens) {
  const std::string json = awkward_document();
  const auto expected = read_all(json);
  ASSERT_GT(expected.size(), 40u * 25u);
  ChunkedSource one_byte(json, 1);
  EXPECT_EQ(read_all(one_byte), expected);
}

TEST(JsonReaderBoundaries, RandomChunksGiveTheSameTokens) {
  const std::string json = awkward_document();
  const auto expected = read_all(json);
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    ChunkedSource chunks(json, 97, seed);
    EXPECT_EQ(read_all(chunks), expected) << "seed " << seed;
  }
}

TEST(JsonReaderBoundaries, BuffersSmallerThanTokensGiveTheSameTokens) {
  const std::string json = awkward_document();
  const auto expected = read_all(json);
  for (std::size_t buffer : {64, 65, 100, 257}) {
    for (std::uint32_t seed = 1; seed <= 5; ++seed) {
      ChunkedSource chunks(json, 300, seed);
      EXPECT_EQ(read_all(chunks, buffer), expected) << "buffer " << buffer << " seed " << seed;
    }
  }
}

// The cut can land between any two bytes of a short document: try them all.
TEST(JsonReaderBoundaries, EveryCutPointOfASmallDocument) {
  const std::string json = R"({"k\u00e9y": ["a\"b", "\uD834\uDD1E", -1.5e+10, true, null, "caf)"
                           "\xC3\xA9"
                           R"("]})";
  const auto expected = read_all(json);
  for (std::size_t cut = 1; cut < json.size(); ++cut) {
    ChunkedSource cut_once(json, cut);  // seeded chunks up to `cut` bytes
    EXPECT_EQ(read_all(cut_once, 64), expected) << "chunks up to " << cut;
  }
}

TEST(JsonReaderBoundaries, ErrorsKeepTheirOffsetAcrossRefills) {
  std::string json = "[\"" + std::string(500, 'a') + "\", 1, \"b\tc\"]";
  const std::string expected = "test.json: byte 510: control character 0x09 in a string (it must be escaped)";
  EXPECT_EQ(testing::error_of(json), expected);
  for (std::uint32_t seed = 1; seed <= 5; ++seed) {
    ChunkedSource chunks(json, 50, seed);
    EXPECT_EQ(testing::error_of(chunks, 64), expected);
  }
}

TEST(JsonReaderBoundaries, LongStringIsReturnedWhole) {
  const std::string text(100000, 'z');
  ChunkedSource chunks("\"" + text + "\"", 4096);
  const auto tokens = read_all(chunks, 1024);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, text);
}

// A token is gathered whole, so its length is bounded: else one line of gigabytes is held in
// memory. The bound itself still reads, escaped or not; a byte more is refused at the token.
TEST(JsonReaderBoundaries, AStringOrNumberLongerThanTheBoundIsRefusedAtItsStart) {
  const std::size_t bound = JsonReader::max_token_bytes;
  const std::string longest(bound, 'z');
  for (const std::string& json : {"[\"" + longest + "\"]", "[\"\\n" + longest.substr(1) + "\"]"}) {
    ChunkedSource chunks(json, 70000);
    const auto tokens = read_all(chunks, 65536);
    ASSERT_EQ(tokens.size(), 4u);
    EXPECT_EQ(tokens[1].text.size(), bound);
  }
  const std::string too_long = " [\"" + std::string(bound + 1, 'z') + "\"]";
  EXPECT_EQ(testing::error_of(too_long),
            "test.json: byte 2: a string longer than 1 MiB (no Spotify file holds one: is this the right file?)");
  const std::string escaped = " {\"" + std::string(bound, 'z') + "\\t\": 1}";
  EXPECT_EQ(testing::error_of(escaped),
            "test.json: byte 2: a string longer than 1 MiB (no Spotify file holds one: is this the right file?)");
  const std::string digits = "[1, -" + std::string(bound + 1, '7') + "]";
  EXPECT_EQ(testing::error_of(digits),
            "test.json: byte 4: a number longer than 1 MiB (no Spotify file holds one: is this the right file?)");
}

}  // namespace
}  // namespace sonic::sources
