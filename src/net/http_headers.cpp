#include "sonic/net/http_headers.hpp"

#include <algorithm>

namespace sonic::net {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool header_name_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

void HttpHeaders::add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }

void HttpHeaders::set(std::string name, std::string value) {
  remove(name);
  add(std::move(name), std::move(value));
}

void HttpHeaders::remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& field) { return header_name_equals(field.first, name); });
}

std::optional<std::string> HttpHeaders::find(std::string_view name) const {
  for (const auto& [field_name, value] : fields_) {
    if (header_name_equals(field_name, name)) return value;
  }
  return std::nullopt;
}

}  // namespace sonic::net
