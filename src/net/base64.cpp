#include "base64.hpp"

#include <algorithm>
#include <cstdint>

namespace sonic::net {

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto byte = [&](std::size_t at) -> std::uint32_t {
    return at < bytes.size() ? static_cast<unsigned char>(bytes[at]) : 0u;
  };
  std::string encoded;
  encoded.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t group = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    const std::size_t present = std::min<std::size_t>(3, bytes.size() - i);
    encoded += kAlphabet[group >> 18 & 0x3F];
    encoded += kAlphabet[group >> 12 & 0x3F];
    encoded += present > 1 ? kAlphabet[group >> 6 & 0x3F] : '=';
    encoded += present > 2 ? kAlphabet[group & 0x3F] : '=';
  }
  return encoded;
}

}  // namespace sonic::net
