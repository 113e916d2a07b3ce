#include "sonic/playlist/model_constraints.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/json_schema.hpp"
#include "sonic/core/utf8.hpp"
#include "sonic/playlist/prompt_parser.hpp"

namespace sonic::playlist {
namespace {

using nlohmann::json;

// A reply that conforms: every field present, as strict structured output writes it.
json reply() {
  json ranges = json::object();
  for (const char* feature : kPlaylistFeatures) ranges[feature] = nullptr;
  ranges["energy"] = {{"low", 70}, {"high", 100}};
  return {{"ranges", ranges},       {"time_of_day", "morning"},
          {"day_type", nullptr},    {"mood", "energetic"},
          {"discovery_percent", 0}, {"songs", 20},
          {"minutes", nullptr},     {"ordering", "build_up"},
          {"name", "Morning lift"}, {"description", "Bright songs to start the day."}};
}

std::string failure(const json& value) {
  try {
    constraints_from_model(value, default_lexicon());
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

// The objects of `schema` (itself, its ranges, one per feature), each with its required names.
std::vector<json> objects_of(const json& schema) {
  std::vector<json> found;
  std::vector<json> pending = {schema};
  while (!pending.empty()) {
    const json object = pending.back();
    pending.pop_back();
    if (!object.is_object()) continue;
    const auto types = object.value("type", json());
    if (types == "object" || (types.is_array() && types[0] == "object")) found.push_back(object);
    const json properties = object.value("properties", json::object());  // items() must not outlive it
    for (const auto& [name, member] : properties.items()) pending.push_back(member);
  }
  return found;
}

TEST(ModelConstraints, TheStrictFormRequiresEverything) {
  // OpenAI's strict mode: every object lists all its properties as required and allows no others.
  const json schema = constraint_schema(default_lexicon(), SchemaForm::strict);
  const auto objects = objects_of(schema);
  EXPECT_EQ(objects.size(), 1u + 1 + 6);  // the object, its ranges, one range per feature
  for (const auto& object : objects) {
    EXPECT_EQ(object["additionalProperties"], false) << object.dump();
    EXPECT_EQ(object["required"].size(), object["properties"].size()) << object.dump();
  }
  EXPECT_EQ(schema["properties"]["mood"]["enum"], json({"calm", "energetic", "focus", "happy", "sad", nullptr}));
  // Every number is an integer with both bounds, so a grammar-constrained server can bound its digits.
  const json energy = schema["properties"]["ranges"]["properties"]["energy"]["properties"]["low"];
  EXPECT_EQ(energy, json({{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}));
  const json tempo = schema["properties"]["ranges"]["properties"]["tempo"]["properties"]["high"];
  EXPECT_EQ(tempo, json({{"type", "integer"}, {"minimum", 40}, {"maximum", 220}}));
  EXPECT_EQ(schema["properties"]["songs"]["minimum"], default_lexicon().limits.min_songs);
  // Texts are bounded by a pattern (strict mode refuses maxLength): one line of at most 40 / 120 characters.
  EXPECT_EQ(schema["properties"]["name"]["pattern"], "^[^\\n]{0,40}$");
  EXPECT_EQ(schema["properties"]["description"]["pattern"], "^[^\\n]{0,120}$");
  // What the model must know beyond a name is in the schema, not repeated in the prompt.
  EXPECT_EQ(schema["properties"]["ranges"]["properties"]["tempo"]["description"], "Beats per minute.");
  EXPECT_EQ(schema["properties"]["ordering"]["description"], "build_up: rising energy; wind_down: falling energy.");
}

TEST(ModelConstraints, TheCompactFormRequiresOnlyWhatEveryPlaylistHas) {
  const json compact = constraint_schema(default_lexicon(), SchemaForm::compact);
  EXPECT_EQ(compact["required"], json({"ranges", "discovery_percent", "ordering"}));
  EXPECT_EQ(compact["properties"]["ranges"]["required"], json::array());  // each feature may be left out
  EXPECT_EQ(compact["properties"]["ranges"]["properties"]["energy"]["required"], json({"low", "high"}));
  // The same properties, types and bounds as the strict form: only "required" differs.
  json strict = constraint_schema(default_lexicon(), SchemaForm::strict);
  strict["required"] = compact["required"];
  strict["properties"]["ranges"]["required"] = json::array();
  EXPECT_EQ(strict, compact);
  for (const auto& object : objects_of(compact)) EXPECT_EQ(object["additionalProperties"], false) << object.dump();
}

TEST(ModelConstraints, AConformingReplyFillsTheObject) {
  const auto read = constraints_from_model(reply(), default_lexicon());
  const Constraints& constraints = read.constraints;
  EXPECT_EQ(constraints.ranges.size(), 1u);
  EXPECT_EQ(constraints.ranges.at("energy"), (FeatureRange{0.7, 1.0}));
  EXPECT_EQ(constraints.time_of_day, "morning");
  EXPECT_EQ(constraints.day_type, std::nullopt);
  EXPECT_EQ(constraints.mood, "energetic");
  EXPECT_EQ(constraints.size.songs, 20);
  EXPECT_EQ(constraints.size.minutes, std::nullopt);
  EXPECT_EQ(constraints.ordering, Ordering::build_up);
  EXPECT_EQ(constraints.name, "Morning lift");
  EXPECT_EQ(constraints.description, "Bright songs to start the day.");
  EXPECT_EQ(constraints.source, "model");
  EXPECT_TRUE(read.adjusted.empty());
}

TEST(ModelConstraints, ValuesOutsideTheirRangesAreClampedAndSaidSo) {
  auto value = reply();
  value["ranges"]["energy"] = {{"low", 140}, {"high", -50}};
  value["ranges"]["tempo"] = {{"low", 10}, {"high", 130}};
  value["discovery_percent"] = 300;
  value["songs"] = 10000;
  value["minutes"] = 0;
  const auto read = constraints_from_model(value, default_lexicon());
  EXPECT_EQ(read.constraints.ranges.at("energy"), (FeatureRange{0, 1}));  // clamped, then turned the right way up
  EXPECT_EQ(read.constraints.ranges.at("tempo"), (FeatureRange{40, 130}));
  EXPECT_EQ(read.constraints.discovery_share, 1);
  EXPECT_EQ(read.constraints.size.songs, 500);
  EXPECT_EQ(read.constraints.size.minutes, 5);
  EXPECT_EQ(read.adjusted,
            (std::vector<std::string>{"energy low 140 clamped to 100", "energy high -50 clamped to 0",
                                      "energy range turned the right way up", "tempo low 10 clamped to 40",
                                      "discovery_percent 300 clamped to 100", "songs 10000 clamped to 500",
                                      "minutes 0 clamped to 5"}));
}

TEST(ModelConstraints, NoSizeMeansTheLexiconsDefault) {
  auto value = reply();
  value["songs"] = nullptr;
  EXPECT_EQ(constraints_from_model(value, default_lexicon()).constraints.size.songs,
            default_lexicon().default_size_songs);
}

TEST(ModelConstraints, TheModelsWordsBecomeOneLineOfBoundedLength) {
  auto value = reply();
  value["name"] = "  Line\none\x1b[31m  ";
  value["description"] = std::string(300, 'd');
  value["mood"] = nullptr;
  const auto read = constraints_from_model(value, default_lexicon());
  EXPECT_EQ(read.constraints.name, "Line one [31m");
  EXPECT_EQ(read.constraints.description, std::string(kModelDescriptionCharacters, 'd'));
  std::string accented;  // 50 two-byte characters: cut at 40 characters, not 40 bytes
  for (int i = 0; i < 50; ++i) accented += "\xc3\xa9";
  value["name"] = accented;
  EXPECT_EQ(utf8_length(*constraints_from_model(value, default_lexicon()).constraints.name), kModelNameCharacters);
  value["name"] = " \t ";
  EXPECT_EQ(constraints_from_model(value, default_lexicon()).constraints.name, std::nullopt);
}

TEST(ModelConstraints, ARepliesBreakingTheSchemaIsRefusedNamingThePlace) {
  auto value = reply();
  value["ranges"]["tempo"] = {{"low", "fast"}, {"high", 130}};
  EXPECT_EQ(failure(value),
            "the model's constraints break their schema at /ranges/tempo/low: expected an integer, found a string");
  value = reply();
  value["ranges"]["energy"]["low"] = 70.5;  // whole numbers only: a grammar can bound them
  EXPECT_EQ(failure(value),
            "the model's constraints break their schema at /ranges/energy/low: expected an integer, found a number");
  value = reply();
  value["mood"] = "furious";
  EXPECT_NE(failure(value).find("at /mood: \"furious\" is not one of"), std::string::npos);
  value = reply();
  value["tracks"] = json::array({"Song 1"});  // the model never names tracks
  EXPECT_EQ(failure(value), "the model's constraints break their schema at /: the property \"tracks\" is not allowed");
  value = reply();
  value.erase("ordering");
  EXPECT_EQ(failure(value),
            "the model's constraints break their schema at /: the required property \"ordering\" is missing");
  EXPECT_EQ(failure(json::array()),
            "the model's constraints break their schema at /: expected an object, found an array");
}

TEST(ModelConstraints, AReplyLeavingOutOptionalFieldsReadsThemAsNotAsked) {
  // What a grammar-constrained server writes under the compact form for "slow songs".
  const json compact = {
      {"ranges", {{"tempo", {{"low", 60}, {"high", 90}}}}}, {"discovery_percent", 10}, {"ordering", "steady"}};
  const auto read = constraints_from_model(compact, default_lexicon());
  const Constraints& constraints = read.constraints;
  EXPECT_EQ(constraints.ranges, (std::map<std::string, FeatureRange>{{"tempo", {60, 90}}}));
  EXPECT_EQ(constraints.discovery_share, 0.1);
  EXPECT_EQ(constraints.time_of_day, std::nullopt);
  EXPECT_EQ(constraints.day_type, std::nullopt);
  EXPECT_EQ(constraints.mood, std::nullopt);
  EXPECT_EQ(constraints.size, (PlaylistSize{default_lexicon().default_size_songs, std::nullopt}));
  EXPECT_EQ(constraints.name, std::nullopt);
  EXPECT_EQ(constraints.description, std::nullopt);
  EXPECT_TRUE(read.adjusted.empty());
  // Left out and null read the same: the strict form's reply of the same answer gives the same object.
  auto strict = compact;
  for (const char* feature : kPlaylistFeatures) {
    if (std::string(feature) != "tempo") strict["ranges"][feature] = nullptr;
  }
  for (const char* name : {"time_of_day", "day_type", "mood", "songs", "minutes", "name", "description"}) {
    strict[name] = nullptr;
  }
  EXPECT_EQ(constraints_from_model(strict, default_lexicon()).constraints, constraints);
}

TEST(ModelConstraints, TheParsersReadingIsShownInTheReplysOwnShape) {
  Constraints constraints;
  constraints.ranges = {{"energy", {0.7, 1.0}}, {"tempo", {120, 160}}};
  constraints.time_of_day = "morning";
  constraints.discovery_share = 0.25;
  constraints.size = {20, std::nullopt};
  constraints.ordering = Ordering::build_up;
  EXPECT_EQ(to_model_shape(constraints), json::parse(R"({"ranges": {"energy": {"low": 70, "high": 100},
      "tempo": {"low": 120, "high": 160}}, "time_of_day": "morning", "discovery_percent": 25, "songs": 20,
      "ordering": "build_up"})"));
  // It reads back to the parser's object, for prompts of every kind.
  for (const char* prompt : {"give me high energy morning music", "an hour of calm focus music for a rainy sunday",
                             "not sad, 15 new songs that wind down", "party at night, build up"}) {
    SCOPED_TRACE(prompt);
    const auto parsed = parse_prompt(prompt).constraints;
    auto read = constraints_from_model(to_model_shape(parsed), default_lexicon()).constraints;
    EXPECT_EQ(read.source, "model");
    read.source = parsed.source;
    EXPECT_EQ(read, parsed);
  }
}

}  // namespace
}  // namespace sonic::playlist
