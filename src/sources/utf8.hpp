#pragma once
// UTF-8 checks and encoding for the JSON reader: JSON text must be UTF-8 (RFC 8259 §8.1), and
// what we pass on to SQLite must be too, so a broken sequence is reported, not stored.
#include <cstddef>
#include <string>

namespace sonic::sources::utf8 {

// Length of the well-formed sequence starting at p (Unicode Table 3-7: no overlong forms, no
// surrogates, nothing above U+10FFFF); 0 if it is malformed; `need_more` if the first
// `available` bytes are a valid start but the sequence continues beyond them.
inline constexpr int need_more = -1;

inline int sequence_length(const char* text, std::size_t available) {
  const auto* p = reinterpret_cast<const unsigned char*>(text);
  const unsigned lead = p[0];
  if (lead < 0x80) return 1;
  int length = 0;
  unsigned second_low = 0x80;  // the second byte's range is narrower after some lead bytes
  unsigned second_high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_low = 0xA0;   // overlong
    if (lead == 0xED) second_high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_low = 0x90;   // overlong
    if (lead == 0xF4) second_high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  for (int i = 1; i < length; ++i) {
    if (static_cast<std::size_t>(i) >= available) return need_more;
    const unsigned low = i == 1 ? second_low : 0x80;
    const unsigned high = i == 1 ? second_high : 0xBF;
    if (p[i] < low || p[i] > high) return 0;
  }
  return length;
}

inline void append(std::string& out, char32_t code_point) {
  auto byte = [&out](char32_t value) { out.push_back(static_cast<char>(value)); };
  if (code_point < 0x80) {
    byte(code_point);
  } else if (code_point < 0x800) {
    byte(0xC0 | (code_point >> 6));
    byte(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    byte(0xE0 | (code_point >> 12));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  } else {
    byte(0xF0 | (code_point >> 18));
    byte(0x80 | ((code_point >> 12) & 0x3F));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  }
}

}  // namespace sonic::sources::utf8
