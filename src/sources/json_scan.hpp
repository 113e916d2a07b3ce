#pragma once
// Byte scans for the JSON reader, the loops where nearly all of its time goes. They look at 16
// bytes at a time with SSE2 where it exists (every x86-64 CPU, so no -march flag is needed) and
// byte by byte elsewhere.
//
// None of them takes a length: the reader keeps zero bytes after the end of its data, and a zero
// byte stops every scan. The caller then tells "end of data" from "a NUL in the input" by
// comparing the returned pointer with the end.
#include <array>
#include <cstddef>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sonic::sources::json_scan {

// Zero bytes the buffer must carry after its data: one 16-byte load may start at the end.
inline constexpr std::size_t padding = 64;

inline bool is_whitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

#if defined(__SSE2__)
inline __m128i load16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline unsigned mask16(__m128i bytes) { return static_cast<unsigned>(_mm_movemask_epi8(bytes)); }
#endif

// The first byte at or after p that is not JSON whitespace.
inline const char* skip_whitespace(const char* p) {
  // Most tokens follow no whitespace or a single space (`"key": value`): stay scalar for those.
  if (!is_whitespace(p[0])) return p;
  if (!is_whitespace(p[1])) return p + 1;
#if defined(__SSE2__)
  p += 2;
  for (;;) {
    const __m128i bytes = load16(p);
    const __m128i blank = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n'))),
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\t'))));
    const unsigned others = ~mask16(blank) & 0xFFFFu;
    if (others != 0) return p + __builtin_ctz(others);
    p += 16;
  }
#else
  while (is_whitespace(*p)) ++p;
  return p;
#endif
}

// The first byte at or after p inside a string that needs a closer look: the closing quote, a
// backslash, a control character (not allowed raw) or a byte >= 0x80 (UTF-8 to validate).
inline const char* find_string_special(const char* p) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(' ');
  for (;;) {
    const __m128i bytes = load16(p);
    // Compared as signed, bytes >= 0x80 are negative: one compare catches them and the controls.
    const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                         _mm_cmplt_epi8(bytes, space));
    const unsigned found = mask16(special);
    if (found != 0) return p + __builtin_ctz(found);
    p += 16;
  }
#else
  for (;; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return p;
  }
#endif
}

// Bytes that can appear in a JSON number. A number token is the longest run of them; its
// grammar is checked afterwards, on the whole run.
inline constexpr std::array<bool, 256> number_bytes = [] {
  std::array<bool, 256> table{};
  for (char c : std::string_view("0123456789+-.eE")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

inline const char* skip_number_bytes(const char* p) {
  while (number_bytes[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

}  // namespace sonic::sources::json_scan
