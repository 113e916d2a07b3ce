// Every kind of malformed input, with the exact message and byte offset it must produce, read
// both in one piece and one byte at a time (so the offset does not depend on where reads end).
#include <gtest/gtest.h>

#include "sources/json_test_support.hpp"

namespace sonic::sources {
namespace {

struct BadInput {
  const char* name;
  std::string json;
  std::string message;  // after "test.json: "
};

void PrintTo(const BadInput& input, std::ostream* out) { *out << input.name; }

class JsonReaderErrors : public ::testing::TestWithParam<BadInput> {};

TEST_P(JsonReaderErrors, ReportsTheFileTheByteAndWhatIsWrong) {
  const BadInput& input = GetParam();
  const std::string expected = "test.json: " + input.message;
  EXPECT_EQ(testing::error_of(input.json), expected);
  testing::ChunkedSource one_byte(input.json, 1);
  EXPECT_EQ(testing::error_of(one_byte, 64), expected) << "read one byte at a time";
}

const BadInput bad_inputs[] = {
    // Structure
    {"Empty", "", "byte 0: unexpected end of input, expected a value"},
    {"OnlyWhitespace", " \n\t\r ", "byte 5: unexpected end of input, expected a value"},
    {"TruncatedArray", "[1, 2", "byte 5: unexpected end of input, expected ',' or ']'"},
    {"TruncatedAfterComma", "[1, ", "byte 4: unexpected end of input, expected a value"},
    {"TruncatedObject", R"({"a": 1)", "byte 7: unexpected end of input, expected ',' or '}'"},
    {"TruncatedAfterKey", R"({"a")", "byte 4: unexpected end of input, expected ':' after a key"},
    {"TruncatedAfterColon", R"({"a":)", "byte 5: unexpected end of input, expected a value"},
    {"MissingComma", "[1 2]", "byte 3: expected ',' or ']', found '2'"},
    {"MissingCommaInObject", R"({"a": 1 "b": 2})", "byte 8: expected ',' or '}', found '\"'"},
    {"MissingColon", R"({"a" 1})", "byte 5: expected ':' after a key, found '1'"},
    {"TrailingCommaInObject", R"({"a": 1,})", "byte 8: expected a key string, found '}'"},
    {"TrailingCommaInArray", "[1,]", "byte 3: expected a value, found ']'"},
    {"LeadingComma", "[,1]", "byte 1: expected a value, found ','"},
    {"KeyNotAString", "{1: 2}", "byte 1: expected a key string, found '1'"},
    {"SingleQuotes", "{'a': 1}", "byte 1: expected a key string, found '''"},
    {"ArrayClosedByBrace", "[1}", "byte 2: expected ',' or ']', found '}'"},
    {"ObjectClosedByBracket", R"({"a":1])", "byte 6: expected ',' or '}', found ']'"},
    {"EmptyArrayClosedByBrace", "[}", "byte 1: expected a value, found '}'"},
    {"StrayClose", "]", "byte 0: expected a value, found ']'"},
    {"TrailingGarbage", "[1] x", "byte 4: unexpected 'x' after the top-level value"},
    {"TwoTopLevelValues", "1 2", "byte 2: unexpected '2' after the top-level value"},
    {"TwoTopLevelObjects", "{}{}", "byte 2: unexpected '{' after the top-level value"},
    {"NulBetweenTokens", std::string("[\0]", 3), "byte 1: expected a value, found 0x00"},
    {"ByteOrderMarkNotAtTheStart", "[\xEF\xBB\xBF]", "byte 1: expected a value, found 0xEF"},
    {"TooDeep", std::string(1025, '['), "byte 1024: nesting deeper than 1024 levels"},
    // Literals
    {"TruncatedLiteral", "tru", "byte 3: unexpected end of input inside a literal"},
    {"MisspelledLiteral", "[trve]", "byte 1: invalid literal, expected 'true'"},
    {"ShortLiteralAtEnd", "[nul", "byte 4: unexpected end of input inside a literal"},
    {"WrongLiteralAtEnd", "fals", "byte 4: unexpected end of input inside a literal"},
    {"CapitalisedLiteral", "[True]", "byte 1: expected a value, found 'T'"},
    {"LiteralRunsOn", "[nullx]", "byte 5: expected ',' or ']', found 'x'"},
    // Strings
    {"UnterminatedString", R"(["abc)", "byte 5: unexpected end of input inside a string"},
    {"UnterminatedAfterEscape", R"(["a\)", "byte 4: unexpected end of input inside a string"},
    {"RawTab", "[\"a\tb\"]", "byte 3: control character 0x09 in a string (it must be escaped)"},
    {"RawNewline", "[\"a\nb\"]", "byte 3: control character 0x0A in a string (it must be escaped)"},
    {"InvalidEscape", R"(["\x"])", "byte 2: invalid escape: backslash followed by 'x'"},
    {"BadHex", R"(["\u12G4"])", "byte 2: invalid \\u escape: expected four hex digits"},
    {"ShortHex", R"(["\u12"])", "byte 2: invalid \\u escape: expected four hex digits"},
    {"TruncatedHex", R"(["\u12)", "byte 6: unexpected end of input inside a string"},
    {"LoneHighSurrogate", R"(["\uD83D"])", "byte 2: unpaired surrogate in a \\u escape"},
    {"LoneLowSurrogate", R"(["\uDE00"])", "byte 2: unpaired surrogate in a \\u escape"},
    {"HighThenNonSurrogate", R"(["\uD83D\u0041"])", "byte 2: unpaired surrogate in a \\u escape"},
    {"HighThenOtherEscape", R"(["\uD83D\n"])", "byte 2: unpaired surrogate in a \\u escape"},
    {"TruncatedPair", R"(["\uD83D)", "byte 8: unexpected end of input inside a string"},
    {"TruncatedPairBackslash", R"(["\uD83D\)", "byte 9: unexpected end of input inside a string"},
    {"TruncatedLowHalf", R"(["\uD83D\uDE)", "byte 12: unexpected end of input inside a string"},
    // UTF-8
    {"BadContinuation", "[\"\xC3(\"]", "byte 2: invalid UTF-8 in a string"},
    {"StrayContinuation", "[\"a\x80\"]", "byte 3: invalid UTF-8 in a string"},
    {"Overlong", "[\"\xC0\x80\"]", "byte 2: invalid UTF-8 in a string"},
    {"OverlongThreeBytes", "[\"\xE0\x80\xAF\"]", "byte 2: invalid UTF-8 in a string"},
    {"EncodedSurrogate", "[\"\xED\xA0\x80\"]", "byte 2: invalid UTF-8 in a string"},
    {"AboveUnicode", "[\"\xF4\x90\x80\x80\"]", "byte 2: invalid UTF-8 in a string"},
    {"TruncatedSequence", "[\"\xE2\x82", "byte 4: unexpected end of input inside a string"},
    // Numbers
    {"LeadingZero", "[01]", "byte 2: a number may not start with 0, found '1'"},
    {"LonelyMinus", "[-]", "byte 2: expected a digit in a number"},
    {"MinusLetter", "[-a]", "byte 2: expected a digit in a number"},
    {"NoFractionDigits", "[1.]", "byte 3: expected a digit after the decimal point"},
    {"FractionThenExponent", "[1.e5]", "byte 3: expected a digit after the decimal point, found 'e'"},
    {"NoExponentDigits", "[1e]", "byte 3: expected a digit in the exponent"},
    {"SignOnlyExponent", "[1e+]", "byte 4: expected a digit in the exponent"},
    {"TwoPoints", "[1.5.2]", "byte 4: unexpected byte in a number, found '.'"},
    {"MinusInside", "[1-2]", "byte 2: unexpected byte in a number, found '-'"},
    {"LeadingPlus", "[+1]", "byte 1: expected a value, found '+'"},
    {"LeadingPoint", "[.5]", "byte 1: expected a value, found '.'"},
    {"TruncatedNumber", "-", "byte 1: expected a digit in a number"},
};

INSTANTIATE_TEST_SUITE_P(Cases, JsonReaderErrors, ::testing::ValuesIn(bad_inputs),
                         [](const auto& test) { return std::string(test.param.name); });

}  // namespace
}  // namespace sonic::sources
