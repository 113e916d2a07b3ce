#include "sonic/sources/json_reader.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "sources/json_test_support.hpp"

namespace sonic::sources {
namespace {

using testing::read_all;
using testing::Token;
using T = JsonToken;

TEST(JsonReader, ReadsEveryTokenTypeWithOffsetsAndDepth) {
  const std::string json = R"({"a": [1, -2.5e3, "x", true, false, null, {}, []]})";
  const std::vector<Token> expected = {
      {T::begin_object, "", 0, 1},  {T::key, "a", 1, 1},          {T::begin_array, "", 6, 2},
      {T::number, "1", 7, 2},       {T::number, "-2.5e3", 10, 2}, {T::string, "x", 18, 2},
      {T::boolean, "", 23, 2},      {T::boolean, "", 29, 2},      {T::null, "", 36, 2},
      {T::begin_object, "", 42, 3}, {T::end_object, "", 43, 2},   {T::begin_array, "", 46, 3},
      {T::end_array, "", 47, 2},    {T::end_array, "", 48, 1},    {T::end_object, "", 49, 0},
      {T::end_of_input, "", 50, 0},
  };
  EXPECT_EQ(read_all(json), expected);
}

TEST(JsonReader, BooleansAndTheEndRepeats) {
  auto source = string_source(" [true,false] \n");
  JsonReader reader(*source, "test.json");
  ASSERT_EQ(reader.next(), T::begin_array);
  ASSERT_EQ(reader.next(), T::boolean);
  EXPECT_TRUE(reader.boolean());
  ASSERT_EQ(reader.next(), T::boolean);
  EXPECT_FALSE(reader.boolean());
  ASSERT_EQ(reader.next(), T::end_array);
  EXPECT_EQ(reader.next(), T::end_of_input);
  EXPECT_EQ(reader.offset(), 15u);
  EXPECT_EQ(reader.next(), T::end_of_input);
}

TEST(JsonReader, ScalarAtTopLevel) {
  EXPECT_EQ(read_all("  \"solo\"  "), (std::vector<Token>{{T::string, "solo", 2, 0}, {T::end_of_input, "", 10, 0}}));
  EXPECT_EQ(read_all("42"), (std::vector<Token>{{T::number, "42", 0, 0}, {T::end_of_input, "", 2, 0}}));
}

TEST(JsonReader, UnescapesEveryEscape) {
  const auto tokens = read_all(R"(["\"\\\/\b\f\n\r\t", "a\u0041\u00e9\u20AC\uD83D\uDE00z", "\u0000"])");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[1].text, "\"\\/\b\f\n\r\t");
  EXPECT_EQ(tokens[2].text, "aA\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z");
  EXPECT_EQ(tokens[3].text, std::string(1, '\0'));
  EXPECT_EQ(tokens[3].offset, 57u);
}

TEST(JsonReader, KeysAreUnescapedToo) {
  const auto tokens = read_all(R"({"a\nb": 1})");
  EXPECT_EQ(tokens[1], (Token{T::key, "a\nb", 1, 1}));
}

TEST(JsonReader, PassesValidUtf8Through) {
  const std::string text = "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80 \xE4\xB8\xAD\xE6\x96\x87";
  const auto tokens = read_all("\"" + text + "\"");
  EXPECT_EQ(tokens[0].text, text);
}

TEST(JsonReader, EmptyStringsAndContainers) {
  const auto tokens = read_all(R"({"":""," ":[[],{}]})");
  EXPECT_EQ(tokens[1], (Token{T::key, "", 1, 1}));
  EXPECT_EQ(tokens[2], (Token{T::string, "", 4, 1}));
  EXPECT_EQ(tokens[3], (Token{T::key, " ", 7, 1}));
}

// Reads a document holding one number and hands the reader to `check`.
template <typename Check>
void with_number(const std::string& json, Check check) {
  auto source = string_source(json);
  JsonReader reader(*source, "n.json");
  ASSERT_EQ(reader.next(), T::number) << json;
  check(reader);
}

TEST(JsonReader, IntegersIncludingInt64Limits) {
  with_number("0", [](JsonReader& r) { EXPECT_EQ(r.integer(), 0); });
  with_number("-0", [](JsonReader& r) { EXPECT_EQ(r.integer(), 0); });
  with_number("174674", [](JsonReader& r) {
    EXPECT_TRUE(r.number_is_integer());
    EXPECT_EQ(r.integer(), 174674);
    EXPECT_EQ(r.number(), 174674.0);
  });
  with_number("-42", [](JsonReader& r) { EXPECT_EQ(r.integer(), -42); });
  with_number("9223372036854775807",
              [](JsonReader& r) { EXPECT_EQ(r.integer(), std::numeric_limits<std::int64_t>::max()); });
  with_number("-9223372036854775808",
              [](JsonReader& r) { EXPECT_EQ(r.integer(), std::numeric_limits<std::int64_t>::min()); });
}

TEST(JsonReader, IntegerOverflowIsAnInputError) {
  with_number("9223372036854775808", [](JsonReader& r) {
    EXPECT_TRUE(r.number_is_integer());
    EXPECT_THROW(r.integer(), InputError);
    EXPECT_EQ(r.number(), 9223372036854775808.0);
  });
  with_number("-9223372036854775809", [](JsonReader& r) { EXPECT_THROW(r.integer(), InputError); });
  with_number("99999999999999999999999", [](JsonReader& r) { EXPECT_THROW(r.integer(), InputError); });
}

TEST(JsonReader, FractionsAndExponents) {
  with_number("-2.5", [](JsonReader& r) {
    EXPECT_FALSE(r.number_is_integer());
    EXPECT_EQ(r.number(), -2.5);
    EXPECT_EQ(r.text(), "-2.5");
  });
  with_number("1.5e3", [](JsonReader& r) { EXPECT_EQ(r.number(), 1500.0); });
  with_number("1E+2", [](JsonReader& r) { EXPECT_EQ(r.number(), 100.0); });
  with_number("-2E-2", [](JsonReader& r) { EXPECT_EQ(r.number(), -0.02); });
  with_number("0.1", [](JsonReader& r) { EXPECT_EQ(r.number(), 0.1); });
  with_number("1e-400", [](JsonReader& r) { EXPECT_EQ(r.number(), 0.0); });
  with_number("1e400", [](JsonReader& r) { EXPECT_THROW(r.number(), InputError); });
}

TEST(JsonReader, IntegerOfAFractionIsAnInputErrorAtTheToken) {
  auto source = string_source("[1, 2.5]");
  JsonReader reader(*source, "n.json");
  reader.next();
  reader.next();
  reader.next();
  try {
    reader.integer();
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "n.json: byte 4: expected an integer, found 2.5");
  }
}

TEST(JsonReader, TypedAccessorsRejectOtherTokens) {
  auto source = string_source(R"(["7", null])");
  JsonReader reader(*source, "typed.json");
  reader.next();
  reader.next();
  try {
    reader.integer();
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "typed.json: byte 1: expected a number, found a string");
  }
  reader.next();
  EXPECT_THROW(reader.boolean(), InputError);
  EXPECT_THROW(reader.number(), InputError);
}

TEST(JsonReader, FailNamesTheFileAndTheCurrentToken) {
  auto source = string_source(R"({"ms_played": "soon"})");
  JsonReader reader(*source, "Streaming_History_Audio_0.json");
  reader.next();
  reader.next();
  reader.next();
  try {
    reader.fail("ms_played is not a number");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "Streaming_History_Audio_0.json: byte 14: ms_played is not a number");
    EXPECT_EQ(error.code(), ExitCode::bad_input);
  }
}

TEST(JsonReader, DepthFollowsNesting) {
  const auto tokens = read_all(R"([[[]],{"a":{"b":[]}}])");
  std::vector<int> depths;
  for (const auto& t : tokens) depths.push_back(t.depth);
  EXPECT_EQ(depths, (std::vector<int>{1, 2, 3, 2, 1, 2, 2, 3, 3, 4, 3, 2, 1, 0, 0}));
}

TEST(JsonReader, SkipValueAfterAKeySkipsWholeNestedValues) {
  auto source =
      string_source(R"({"a": {"x": [1, {"y": "\u00e9"}], "z": "s"}, "b": 3, "c": "skip", "d": [[]], "e": null})");
  JsonReader reader(*source, "test.json");
  ASSERT_EQ(reader.next(), T::begin_object);
  ASSERT_EQ(reader.next(), T::key);
  reader.skip_value();
  EXPECT_EQ(reader.depth(), 1);
  ASSERT_EQ(reader.next(), T::key);
  EXPECT_EQ(reader.text(), "b");
  ASSERT_EQ(reader.next(), T::number);
  EXPECT_EQ(reader.integer(), 3);
  ASSERT_EQ(reader.next(), T::key);
  reader.skip_value();  // a string
  ASSERT_EQ(reader.next(), T::key);
  reader.skip_value();  // nested empty arrays
  ASSERT_EQ(reader.next(), T::key);
  EXPECT_EQ(reader.text(), "e");
  reader.skip_value();  // null
  EXPECT_EQ(reader.next(), T::end_object);
  EXPECT_EQ(reader.next(), T::end_of_input);
}

TEST(JsonReader, SkipValueInsideArraysAndAtTheStart) {
  auto source = string_source("[[1, [2]], 3, {\"k\": [4]}, 5]");
  JsonReader reader(*source, "test.json");
  ASSERT_EQ(reader.next(), T::begin_array);
  reader.skip_value();  // right after '['
  ASSERT_EQ(reader.next(), T::number);
  EXPECT_EQ(reader.integer(), 3);
  reader.skip_value();  // after a value, before ','
  ASSERT_EQ(reader.next(), T::number);
  EXPECT_EQ(reader.integer(), 5);

  auto whole = string_source("{\"a\": [1, 2, {\"b\": {}}]}");
  JsonReader top(*whole, "test.json");
  top.skip_value();
  EXPECT_EQ(top.depth(), 0);
  EXPECT_EQ(top.next(), T::end_of_input);
}

TEST(JsonReader, SkipValueWhereNoValueCanStartIsAProgrammingError) {
  auto source = string_source(R"({"a": 1})");
  JsonReader reader(*source, "test.json");
  reader.next();
  EXPECT_THROW(reader.skip_value(), std::logic_error);  // a key comes next, not a value

  auto empty = string_source("[]");
  JsonReader in_array(*empty, "test.json");
  in_array.next();
  EXPECT_THROW(in_array.skip_value(), std::logic_error);
}

TEST(JsonReader, SkipValueStillValidates) {
  auto source = string_source(R"({"a": [1, 2}, "b": 1})");
  JsonReader reader(*source, "bad.json");
  reader.next();
  reader.next();
  try {
    reader.skip_value();
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "bad.json: byte 11: expected ',' or ']', found '}'");
  }
}

TEST(JsonReader, AcceptsAndSkipsAUtf8ByteOrderMark) {
  EXPECT_EQ(
      read_all("\xEF\xBB\xBF[1]"),
      (std::vector<Token>{
          {T::begin_array, "", 3, 1}, {T::number, "1", 4, 1}, {T::end_array, "", 5, 0}, {T::end_of_input, "", 6, 0}}));
}

}  // namespace
}  // namespace sonic::sources
