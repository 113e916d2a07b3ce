#pragma once
// How an error message shows one input byte: 'x' when it is printable, 0xNN otherwise, so a
// stray control character or a broken UTF-8 byte is visible in the message.
#include <cstdio>
#include <string>

namespace sonic::sources {

inline std::string describe_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte > 0x20 && byte < 0x7F) return std::string("'") + c + "'";
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(byte));
  return hex;
}

}  // namespace sonic::sources
