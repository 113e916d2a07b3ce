#include "sonic/core/json_schema.hpp"

#include <cmath>

#include "sonic/core/utf8.hpp"

namespace sonic {
namespace {

std::string type_of(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "integer";
    case nlohmann::json::value_t::number_float:
      return "number";
    case nlohmann::json::value_t::string:
      return "string";
    case nlohmann::json::value_t::array:
      return "array";
    default:
      return "object";
  }
}

bool has_type(const nlohmann::json& value, const std::string& type) {
  const std::string actual = type_of(value);
  if (type == actual) return true;
  // JSON Schema: every integer is a number, and 2.0 is an integer.
  if (type == "number") return actual == "integer";
  if (type == "integer" && actual == "number") {
    const double number = value.get<double>();
    return std::isfinite(number) && number == std::floor(number);
  }
  return false;
}

std::string article(const std::string& type) {
  return (type == "object" || type == "array" || type == "integer" ? "an " : "a ") + type;
}

// A name or value from the checked document, cut so a hostile reply cannot flood the message.
std::string shortened(const std::string& text) {
  constexpr std::size_t kMaxBytes = 60;
  if (text.size() <= kMaxBytes) return text;
  return utf8_prefix(text, kMaxBytes) + "...";
}

// A length bound from the schema, when it is a usable one.
std::optional<std::size_t> length_bound(const nlohmann::json& schema, const char* keyword) {
  if (!schema.contains(keyword) || !schema[keyword].is_number_integer() || schema[keyword].get<long long>() < 0) {
    return std::nullopt;
  }
  return schema[keyword].get<std::size_t>();
}

std::string at(const std::string& pointer) { return "at " + (pointer.empty() ? std::string("/") : pointer); }

// JSON Pointer escaping (RFC 6901) of one property name.
std::string pointer_token(const std::string& name) {
  std::string token;
  for (char c : name) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

std::optional<std::string> check_type(const nlohmann::json& value, const nlohmann::json& type,
                                      const std::string& pointer) {
  std::string expected;
  const auto types = type.is_array() ? type : nlohmann::json::array({type});
  for (const auto& name : types) {
    if (!name.is_string()) continue;
    if (has_type(value, name.get<std::string>())) return std::nullopt;
    expected += (expected.empty() ? "" : " or ") + article(name.get<std::string>());
  }
  return at(pointer) + ": expected " + expected + ", found " + article(type_of(value));
}

std::optional<std::string> violation(const nlohmann::json& value, const nlohmann::json& schema,
                                     const std::string& pointer) {
  if (!schema.is_object()) return std::nullopt;
  if (schema.contains("type")) {
    if (auto problem = check_type(value, schema["type"], pointer)) return problem;
  }
  if (schema.contains("enum") && schema["enum"].is_array()) {
    bool listed = false;
    for (const auto& allowed : schema["enum"]) listed = listed || allowed == value;
    if (!listed) return at(pointer) + ": " + shortened(value.dump()) + " is not one of " + schema["enum"].dump();
  }
  if (value.is_number()) {
    const double number = value.get<double>();
    if (schema.contains("minimum") && schema["minimum"].is_number() && number < schema["minimum"].get<double>()) {
      return at(pointer) + ": " + value.dump() + " is below the minimum " + schema["minimum"].dump();
    }
    if (schema.contains("maximum") && schema["maximum"].is_number() && number > schema["maximum"].get<double>()) {
      return at(pointer) + ": " + value.dump() + " is above the maximum " + schema["maximum"].dump();
    }
  }
  if (value.is_string()) {
    const std::size_t length = utf8_length(value.get_ref<const std::string&>());
    if (const auto minimum = length_bound(schema, "minLength"); minimum && length < *minimum) {
      return at(pointer) + ": shorter than " + std::to_string(*minimum) + " characters";
    }
    if (const auto maximum = length_bound(schema, "maxLength"); maximum && length > *maximum) {
      return at(pointer) + ": longer than " + std::to_string(*maximum) + " characters";
    }
  }
  if (value.is_object()) {
    const auto properties = schema.value("properties", nlohmann::json::object());
    for (const auto& name : schema.value("required", nlohmann::json::array())) {
      if (name.is_string() && !value.contains(name.get<std::string>())) {
        return at(pointer) + ": the required property \"" + name.get<std::string>() + "\" is missing";
      }
    }
    for (const auto& [name, member] : value.items()) {
      const std::string member_pointer = pointer + "/" + pointer_token(shortened(name));
      if (properties.contains(name)) {
        if (auto problem = violation(member, properties[name], member_pointer)) return problem;
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
        return at(pointer) + ": the property \"" + shortened(name) + "\" is not allowed";
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto problem = violation(value[i], schema["items"], pointer + "/" + std::to_string(i))) return problem;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> json_schema_violation(const nlohmann::json& value, const nlohmann::json& schema) {
  return violation(value, schema, "");
}

}  // namespace sonic
