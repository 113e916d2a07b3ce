#include "sonic/playlist/model_constraints.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/json_schema.hpp"

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

TEST(ModelConstraints, TheSchemaIsStrictEverywhere) {
  // OpenAI's strict mode: every object lists all its properties as required and allows no others.
  const json schema = constraint_schema(default_lexicon());
  std::vector<json> objects = {schema};
  int checked = 0;
  while (!objects.empty()) {
    const json object = objects.back();
    objects.pop_back();
    if (!object.is_object()) continue;
    const auto types = object.value("type", json());
    if (types == "object" || (types.is_array() && types[0] == "object")) {
      ++checked;
      EXPECT_EQ(object["additionalProperties"], false) << object.dump();
      EXPECT_EQ(object["required"].size(), object["properties"].size()) << object.dump();
    }
    const json properties = object.value("properties", json::object());  // items() must not outlive it
    for (const auto& [name, member] : properties.items()) objects.push_back(member);
  }
  EXPECT_EQ(checked, 1 + 1 + 6);  // the object, its ranges, one range per feature
  EXPECT_EQ(schema["properties"]["mood"]["enum"], json({"calm", "energetic", "focus", "happy", "sad", nullptr}));
  // Every number is an integer with both bounds, so a grammar-constrained server can bound its digits.
  const json energy = schema["properties"]["ranges"]["properties"]["energy"]["properties"]["low"];
  EXPECT_EQ(energy, json({{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}));
  const json tempo = schema["properties"]["ranges"]["properties"]["tempo"]["properties"]["high"];
  EXPECT_EQ(tempo, json({{"type", "integer"}, {"minimum", 40}, {"maximum", 220}}));
  EXPECT_EQ(schema["properties"]["songs"]["minimum"], default_lexicon().limits.min_songs);
  // Texts are bounded by a pattern (strict mode refuses maxLength): one line of at most 80 characters.
  EXPECT_EQ(schema["properties"]["name"]["pattern"], "^[^\\n]{0,80}$");
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
  EXPECT_EQ(read.constraints.description->size(), kModelDescriptionBytes);
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

}  // namespace
}  // namespace sonic::playlist
