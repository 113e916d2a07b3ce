#pragma once
// Joining words for messages and tables: join({"a", "b"}, ", ") == "a, b".
#include <string>
#include <string_view>
#include <vector>

namespace sonic {

inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

}  // namespace sonic
