#include "sonic/core/utf8.hpp"

namespace sonic {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && is_continuation(text[cut])) --cut;
  return std::string(text.substr(0, cut));
}

std::string utf8_prefix_characters(std::string_view text, std::size_t characters) {
  std::size_t seen = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (!is_continuation(text[at]) && seen++ == characters) return std::string(text.substr(0, at));
  }
  return std::string(text);
}

std::size_t utf8_length(std::string_view text) {
  std::size_t characters = 0;
  for (char c : text) characters += is_continuation(c) ? 0 : 1;
  return characters;
}

}  // namespace sonic
