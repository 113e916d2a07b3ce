#include "sonic/sources/spotify/pkce.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "sonic/core/error.hpp"
#include "sonic/core/sha256.hpp"

namespace sonic::sources::spotify {
namespace {

constexpr char kUrlSafeAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kVerifierLength = 64;

void read_urandom(std::uint8_t* bytes, std::size_t count) {
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(ExitCode::unexpected, std::string("cannot open /dev/urandom: ") + std::strerror(errno));
  }
  std::size_t done = 0;
  while (done < count) {
    const ssize_t got = ::read(fd, bytes + done, count - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      const std::string reason = got == 0 ? "unexpected end" : std::strerror(errno);
      ::close(fd);
      throw Error(ExitCode::unexpected, "cannot read /dev/urandom: " + reason);
    }
    done += static_cast<std::size_t>(got);
  }
  ::close(fd);
}

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

}  // namespace

std::string random_url_safe_text(std::size_t length) {
  std::vector<std::uint8_t> bytes(length);
  read_urandom(bytes.data(), bytes.size());
  std::string text;
  text.reserve(length);
  // 64 symbols: the low 6 bits of a uniform byte are uniform, so no symbol is favoured.
  for (const std::uint8_t byte : bytes) text += kUrlSafeAlphabet[byte & 0x3F];
  return text;
}

std::string base64url_encode(std::string_view bytes) {
  const auto byte = [&](std::size_t at) -> std::uint32_t {
    return at < bytes.size() ? static_cast<unsigned char>(bytes[at]) : 0u;
  };
  std::string encoded;
  encoded.reserve((bytes.size() * 4 + 2) / 3);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t group = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    const std::size_t symbols = std::min<std::size_t>(3, bytes.size() - i) + 1;
    for (std::size_t s = 0; s < symbols; ++s) {
      encoded += kUrlSafeAlphabet[group >> (18 - 6 * s) & 0x3F];
    }
  }
  return encoded;
}

bool is_valid_pkce_verifier(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  for (const char c : verifier) {
    if (!is_unreserved(c)) return false;
  }
  return true;
}

std::string pkce_challenge(std::string_view verifier) {
  if (!is_valid_pkce_verifier(verifier)) {
    throw std::invalid_argument("a PKCE code verifier has 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
  }
  const auto digest = sha256(verifier);
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

PkcePair new_pkce_pair() {
  PkcePair pair;
  pair.verifier = random_url_safe_text(kVerifierLength);
  pair.challenge = pkce_challenge(pair.verifier);
  return pair;
}

}  // namespace sonic::sources::spotify
