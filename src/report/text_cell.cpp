#include "sonic/report/text_cell.hpp"

#include <cstdint>

namespace sonic::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Decodes one UTF-8 sequence at text[at]; returns its length, or 0 when invalid.
std::size_t decode(std::string_view text, std::size_t at, char32_t& code_point) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  return length;
}

bool is_control(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0); }

int width_of(char32_t c) {
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    char32_t c = 0;
    const std::size_t length = decode(text, at, c);
    if (length == 0) {
      out += kReplacement;
      ++at;
      continue;
    }
    if (is_control(c)) {
      out += kReplacement;
    } else {
      out.append(text.substr(at, length));
    }
    at += length;
  }
  return out;
}

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t at = 0; at < text.size();) {
    char32_t c = 0;
    const std::size_t length = decode(text, at, c);
    width += length == 0 ? 1 : width_of(c);
    at += length == 0 ? 1 : length;
  }
  return width;
}

std::string cell(std::string_view text, int width, bool align_right) {
  const std::string safe = terminal_safe(text);
  std::string out;
  int used = 0;
  if (display_width(safe) <= width) {
    out = safe;
    used = display_width(safe);
  } else {
    for (std::size_t at = 0; at < safe.size();) {
      char32_t c = 0;
      const std::size_t length = decode(safe, at, c);
      const int w = width_of(c);
      if (used + w > width - 1) break;
      out.append(safe, at, length);
      used += w;
      at += length;
    }
    out += "\xE2\x80\xA6";  // …
    used += 1;
  }
  const std::string padding(static_cast<std::size_t>(std::max(0, width - used)), ' ');
  return align_right ? padding + out : out + padding;
}

std::vector<std::string> wrap(std::string_view text, int width) {
  std::vector<std::string> lines;
  std::string line;
  int line_width = 0;
  const std::string safe = terminal_safe(text);
  std::size_t at = 0;
  while (at < safe.size()) {
    const std::size_t space = safe.find(' ', at);
    const std::size_t end = space == std::string::npos ? safe.size() : space;
    std::string word = safe.substr(at, end - at);
    at = end + 1;
    if (word.empty()) continue;
    int word_width = display_width(word);
    if (word_width > width) {
      word = cell(word, width);
      word_width = width;
    }
    if (line_width > 0 && line_width + 1 + word_width > width) {
      lines.push_back(std::move(line));
      line.clear();
      line_width = 0;
    }
    if (line_width > 0) line += ' ', ++line_width;
    line += word;
    line_width += word_width;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace sonic::report
