// A property of the reader on real data: on every export file under ../shared/data/histories it
// produces the same token stream as nlohmann::json's SAX parser, value for value.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "sources/json_test_support.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::sources {
namespace {

std::string show_double(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// nlohmann's SAX events as lines of text.
struct SaxLog : nlohmann::json_sax<nlohmann::json> {
  std::vector<std::string> events;
  std::string error;

  bool null() override { return add("null"); }
  bool boolean(bool value) override { return add(value ? "true" : "false"); }
  bool number_integer(number_integer_t value) override { return add("int " + std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return add("int " + std::to_string(value)); }
  bool number_float(number_float_t value, const string_t&) override { return add("double " + show_double(value)); }
  bool string(string_t& value) override { return add("string " + value); }
  bool binary(binary_t&) override { return add("binary"); }
  bool start_object(std::size_t) override { return add("{"); }
  bool key(string_t& value) override { return add("key " + value); }
  bool end_object() override { return add("}"); }
  bool start_array(std::size_t) override { return add("["); }
  bool end_array() override { return add("]"); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    error = e.what();
    return false;
  }

 private:
  bool add(std::string event) {
    events.push_back(std::move(event));
    return true;
  }
};

// Our tokens in the same words; the values come from the typed accessors, so they are tested too.
std::vector<std::string> our_events(ByteSource& source) {
  JsonReader reader(source, "data.json");
  std::vector<std::string> events;
  for (;;) {
    switch (reader.next()) {
      case JsonToken::begin_object:
        events.emplace_back("{");
        break;
      case JsonToken::end_object:
        events.emplace_back("}");
        break;
      case JsonToken::begin_array:
        events.emplace_back("[");
        break;
      case JsonToken::end_array:
        events.emplace_back("]");
        break;
      case JsonToken::key:
        events.push_back("key " + std::string(reader.text()));
        break;
      case JsonToken::string:
        events.push_back("string " + std::string(reader.text()));
        break;
      case JsonToken::boolean:
        events.emplace_back(reader.boolean() ? "true" : "false");
        break;
      case JsonToken::null:
        events.emplace_back("null");
        break;
      case JsonToken::number:
        events.push_back(reader.number_is_integer() ? "int " + std::to_string(reader.integer())
                                                    : "double " + show_double(reader.number()));
        break;
      case JsonToken::end_of_input:
        return events;
    }
  }
}

std::vector<std::string> nlohmann_events(const std::string& json) {
  SaxLog log;
  EXPECT_TRUE(nlohmann::json::sax_parse(json, &log)) << log.error;
  return log.events;
}

// Compares without printing two vectors of a million lines when they differ.
void expect_same_events(const std::vector<std::string>& ours, const std::vector<std::string>& theirs,
                        const std::string& what) {
  ASSERT_EQ(ours.size(), theirs.size()) << what;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    ASSERT_EQ(ours[i], theirs[i]) << what << ", event " << i;
  }
}

TEST(JsonReaderAgainstNlohmann, HandMadeDocument) {
  const std::string json = R"({"a": [0, -1, 1.5, -2e-3, 1E+300, "x\u00e9\uD83D\uDE00\n", true, false, null],
                             "b": {"c": {}, "d": [[]], "e": 9223372036854775807}})";
  auto source = string_source(json);
  expect_same_events(our_events(*source), nlohmann_events(json), "hand-made document");
}

TEST(JsonReaderAgainstNlohmann, EveryHistoryFile) {
  SONIC_SHARED_DATA_OR_SKIP(histories, "histories");
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(histories)) {
    if (entry.path().extension() != ".json") continue;
    const std::string json = sonic::testing::read_file(entry.path());
    const auto theirs = nlohmann_events(json);
    auto file = open_file_source(entry.path());
    expect_same_events(our_events(*file), theirs, entry.path().string());
    // And once more with reads ending at random places.
    testing::ChunkedSource chunks(json, 5000, static_cast<std::uint32_t>(files + 1));
    expect_same_events(our_events(chunks), theirs, entry.path().string() + " in chunks");
    ++files;
  }
  EXPECT_GT(files, 0) << "no .json files under " << histories;
}

}  // namespace
}  // namespace sonic::sources
