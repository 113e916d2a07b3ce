#include "sonic/report/text_escape.hpp"

#include <cstring>

#include "sonic/report/text_cell.hpp"

namespace sonic::report {

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : terminal_safe(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  static constexpr const char* kSyntax = "\\`*_{}[]()<>#+-.!|~&\"'=:";
  std::string out;
  for (const char c : terminal_safe(text)) {
    if (c != '\0' && std::strchr(kSyntax, c) != nullptr) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace sonic::report
