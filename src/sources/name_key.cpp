#include "sonic/sources/name_key.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace sonic::sources {
namespace {

// Base letters for U+00C0..U+00FF (Latin-1 Supplement letters); 0 where there is none.
constexpr char kLatin1Base[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // C0-CF
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   's',  // D0-DF
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // E0-EF
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y',  // F0-FF
};

void append_space(std::string& out) {
  if (!out.empty() && out.back() != ' ') out.push_back(' ');
}

}  // namespace

std::string normalize_name(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (std::isalnum(byte)) {
        out.push_back(static_cast<char>(std::tolower(byte)));
      } else if (byte == '\'') {
        // "Don't" and "Dont" are the same title.
      } else {
        append_space(out);
      }
      continue;
    }
    // Two-byte sequences C3 80..C3 BF are U+00C0..U+00FF.
    if (byte == 0xC3 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0xBF && kLatin1Base[next - 0x80] != 0) {
        out.push_back(kLatin1Base[next - 0x80]);
        ++i;
        continue;
      }
    }
    // General punctuation (U+2000..U+206F: dashes, curly quotes, ellipsis, odd spaces) separates
    // words like ASCII punctuation does; U+2019 is an apostrophe and joins them.
    if (byte == 0xE2 && i + 2 < text.size()) {
      const auto second = static_cast<unsigned char>(text[i + 1]);
      const auto third = static_cast<unsigned char>(text[i + 2]);
      if (second == 0x80 || (second == 0x81 && third <= 0xAF)) {
        if (!(second == 0x80 && third == 0x99)) append_space(out);
        i += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(byte));
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string track_name_key(std::string_view artist, std::string_view title) {
  return normalize_name(artist) + '\x1f' + normalize_name(title);
}

std::vector<std::string> artist_name_variants(std::string_view artists) {
  std::string whole(artists);
  // A Python list as text: ['A', 'B'] -> A, B
  if (whole.size() >= 2 && whole.front() == '[' && whole.back() == ']') {
    std::string unlisted;
    for (const char c : whole.substr(1, whole.size() - 2))
      if (c != '\'' && c != '"') unlisted.push_back(c);
    whole = unlisted;
  }
  std::vector<std::string> variants;
  if (normalize_name(whole).empty()) return variants;
  variants.push_back(whole);
  // Separators between artists, matched case-insensitively; the first found ends the first artist.
  static constexpr std::array<std::string_view, 6> kSeparators = {", ",     " featuring ", " feat. ",
                                                                  " feat ", " ft. ",       " with "};
  std::string lower = whole;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t first_end = std::string::npos;
  for (const std::string_view separator : kSeparators) first_end = std::min(first_end, lower.find(separator));
  if (first_end != std::string::npos && first_end > 0) {
    std::string first = whole.substr(0, first_end);
    if (normalize_name(first) != normalize_name(whole)) variants.push_back(std::move(first));
  }
  return variants;
}

}  // namespace sonic::sources
