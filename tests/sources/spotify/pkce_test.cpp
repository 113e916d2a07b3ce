// PKCE against RFC 7636 appendix B, and the shape and spread of fresh verifiers.
#include "sonic/sources/spotify/pkce.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>

#include "sonic/core/sha256.hpp"

namespace sonic::sources::spotify {
namespace {

std::string bytes_of(std::initializer_list<int> values) {
  std::string bytes;
  for (const int value : values) bytes += static_cast<char>(value);
  return bytes;
}

TEST(Pkce, Rfc7636AppendixB) {
  // The 32 random octets of the example encode to its verifier...
  const std::string octets = bytes_of({116, 24,  223, 180, 151, 153, 224, 37,  79, 250, 96, 125, 216, 173, 187, 186,
                                       22,  212, 37,  77,  105, 214, 191, 240, 91, 88,  5,  88,  83,  132, 141, 121});
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  EXPECT_EQ(base64url_encode(octets), verifier);
  // ...whose SHA-256 is the octet list given there...
  const auto digest = sha256(verifier);
  const std::string expected_digest =
      bytes_of({19,  211, 30,  150, 26,  26,  216, 236, 47,  22,  177, 12, 76,  152, 46,  8,
                118, 168, 120, 173, 109, 241, 68,  86,  110, 225, 137, 74, 203, 112, 249, 195});
  EXPECT_EQ(std::string(digest.begin(), digest.end()), expected_digest);
  // ...and the S256 challenge is its unpadded base64url.
  EXPECT_EQ(pkce_challenge(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, Base64UrlUsesTheUrlAlphabetWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode(bytes_of({0xfb, 0xff, 0xbf})), "-_-_");  // "+/+/" in plain base64
}

TEST(Pkce, VerifierRules) {
  EXPECT_TRUE(is_valid_pkce_verifier(std::string(43, 'a')));
  EXPECT_TRUE(is_valid_pkce_verifier(std::string(128, '~')));
  EXPECT_TRUE(is_valid_pkce_verifier("abcABC019-._~abcABC019-._~abcABC019-._~abcd"));
  EXPECT_FALSE(is_valid_pkce_verifier(std::string(42, 'a')));
  EXPECT_FALSE(is_valid_pkce_verifier(std::string(129, 'a')));
  EXPECT_FALSE(is_valid_pkce_verifier(std::string(42, 'a') + "+"));
  EXPECT_FALSE(is_valid_pkce_verifier(std::string(42, 'a') + "="));
  EXPECT_THROW(pkce_challenge("short"), std::invalid_argument);
}

TEST(Pkce, FreshPairsAreWellFormedAndNeverRepeat) {
  std::set<std::string> verifiers;
  for (int i = 0; i < 200; ++i) {
    const PkcePair pair = new_pkce_pair();
    ASSERT_EQ(pair.verifier.size(), 64u);
    ASSERT_TRUE(is_valid_pkce_verifier(pair.verifier)) << pair.verifier;
    EXPECT_EQ(pair.challenge, pkce_challenge(pair.verifier));
    EXPECT_EQ(pair.challenge.size(), 43u);  // 256 bits in 6-bit symbols, unpadded
    verifiers.insert(pair.verifier);
  }
  EXPECT_EQ(verifiers.size(), 200u);
}

TEST(Pkce, RandomTextUsesEverySymbolOfTheAlphabet) {
  // 64 000 symbols: each of the 64 is expected 1000 times; a symbol never drawn, or drawn
  // far from that, would mean a broken mapping from bytes to symbols.
  const std::string text = random_url_safe_text(64'000);
  std::map<char, int> counts;
  for (const char c : text) ++counts[c];
  EXPECT_EQ(counts.size(), 64u);
  for (const auto& [symbol, count] : counts) {
    EXPECT_GT(count, 800) << symbol;
    EXPECT_LT(count, 1200) << symbol;
  }
}

}  // namespace
}  // namespace sonic::sources::spotify
