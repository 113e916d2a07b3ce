#pragma once
// Checks a JSON value against the part of JSON Schema that structured output uses: `type` (one
// name or a list), `properties`, `required`, `additionalProperties: false`, `enum`, `items`,
// `minimum`/`maximum`, `minLength`/`maxLength`. A language model's reply is checked against the
// very schema it was sent, so the two cannot drift apart.
//
//   if (auto problem = json_schema_violation(reply, schema)) throw InputError("reply " + *problem);
//
// Keywords outside that set are ignored (as a validator must for unknown keywords); a schema
// that uses them is not checked by them.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace sonic {

// The first place where `value` breaks `schema`, as "at /ranges/energy/low: expected a number,
// found a string"; nullopt when it conforms.
std::optional<std::string> json_schema_violation(const nlohmann::json& value, const nlohmann::json& schema);

}  // namespace sonic
