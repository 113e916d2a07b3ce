#include "sonic/core/json_schema.hpp"

#include <gtest/gtest.h>

namespace sonic {
namespace {

using nlohmann::json;

const json kRange = {{"type", "object"},
                     {"properties", {{"low", {{"type", "number"}}}, {"high", {{"type", "number"}}}}},
                     {"required", {"low", "high"}},
                     {"additionalProperties", false}};

TEST(JsonSchema, AConformingValueHasNoViolation) {
  EXPECT_EQ(json_schema_violation(json{{"low", 0.2}, {"high", 1}}, kRange), std::nullopt);
  EXPECT_EQ(json_schema_violation(json(3), json{{"type", "number"}}), std::nullopt);  // an integer is a number
  EXPECT_EQ(json_schema_violation(json(2.0), json{{"type", "integer"}}), std::nullopt);
  EXPECT_EQ(json_schema_violation(json(nullptr), json{{"type", {"string", "null"}}}), std::nullopt);
}

TEST(JsonSchema, NamesThePlaceAndTheProblem) {
  EXPECT_EQ(json_schema_violation(json{{"low", "0.2"}, {"high", 1}}, kRange),
            "at /low: expected a number, found a string");
  EXPECT_EQ(json_schema_violation(json{{"low", 0.2}}, kRange), "at /: the required property \"high\" is missing");
  EXPECT_EQ(json_schema_violation(json{{"low", 0.2}, {"high", 1}, {"mid", 0.5}}, kRange),
            "at /: the property \"mid\" is not allowed");
  EXPECT_EQ(json_schema_violation(json(2.5), json{{"type", "integer"}}), "at /: expected an integer, found a number");
  EXPECT_EQ(json_schema_violation(json(1), json{{"type", {"string", "null"}}}),
            "at /: expected a string or a null, found an integer");
  EXPECT_EQ(json_schema_violation(json("noon"), json{{"enum", {"morning", nullptr}}}),
            "at /: \"noon\" is not one of [\"morning\",null]");
}

TEST(JsonSchema, WalksNestedObjectsAndArraysWithJsonPointers) {
  const json schema = {{"type", "object"},
                       {"properties",
                        {{"ranges", {{"type", "object"}, {"properties", {{"a/b", kRange}}}}},
                         {"list", {{"type", "array"}, {"items", {{"type", "integer"}}}}}}}};
  EXPECT_EQ(json_schema_violation(json{{"ranges", {{"a/b", {{"low", 0}, {"high", true}}}}}}, schema),
            "at /ranges/a~1b/high: expected a number, found a boolean");
  EXPECT_EQ(json_schema_violation(json{{"list", {1, 2, "3"}}}, schema),
            "at /list/2: expected an integer, found a string");
  // Without additionalProperties: false, other members pass unchecked.
  EXPECT_EQ(json_schema_violation(json{{"other", "anything"}}, schema), std::nullopt);
}

TEST(JsonSchema, BoundsOnNumbersAndLengths) {
  const json bounded = {{"type", "number"}, {"minimum", 0}, {"maximum", 1}};
  EXPECT_EQ(json_schema_violation(json(1.5), bounded), "at /: 1.5 is above the maximum 1");
  EXPECT_EQ(json_schema_violation(json(-1), bounded), "at /: -1 is below the minimum 0");
  EXPECT_EQ(json_schema_violation(json("abcd"), json{{"type", "string"}, {"maxLength", 3}}),
            "at /: longer than 3 characters");
  EXPECT_EQ(json_schema_violation(json("ab"), json{{"type", "string"}, {"minLength", 3}}),
            "at /: shorter than 3 characters");
  // Lengths count characters, not bytes: "été" is five bytes and three characters.
  EXPECT_EQ(json_schema_violation(json("\xc3\xa9t\xc3\xa9"), json{{"type", "string"}, {"maxLength", 3}}), std::nullopt);
}

TEST(JsonSchema, AHostileNameIsCutInTheMessageOnACharacterBoundary) {
  const std::string name = std::string(59, 'x') + "\xc3\xa9" + std::string(1000, 'y');  // é straddles byte 60
  const auto problem = json_schema_violation(json{{"low", 0}, {"high", 1}, {name, 1}}, kRange);
  ASSERT_TRUE(problem);
  EXPECT_LT(problem->size(), 200u);
  EXPECT_NE(problem->find(std::string(59, 'x') + "...\""), std::string::npos) << *problem;
}

}  // namespace
}  // namespace sonic
