#pragma once
// SHA-256 (FIPS 180-4). PKCE's code challenge is the SHA-256 of the code verifier, and sonic
// adds no crypto library for one hash: this is the standard algorithm, checked against the
// FIPS 180-4 / RFC 6234 test vectors.
//
//   Sha256 hash;
//   hash.update("ab");
//   hash.update("c");
//   const Sha256::Digest digest = hash.finish();  // same as sha256("abc")
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sonic {

class Sha256 {
 public:
  using Digest = std::array<std::uint8_t, 32>;

  Sha256();
  void update(std::string_view bytes);
  // The digest of everything given so far. The object is spent afterwards: start a new one.
  Digest finish();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

Sha256::Digest sha256(std::string_view bytes);

// Lower-case hexadecimal, 64 characters.
std::string to_hex(const Sha256::Digest& digest);

}  // namespace sonic
