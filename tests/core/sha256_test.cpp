// SHA-256 against the published test vectors (FIPS 180-4 examples, RFC 6234 section 8.5) and
// digests of the padding edge lengths computed with Python's hashlib.
#include "sonic/core/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sonic {
namespace {

std::string hex_of(std::string_view text) { return to_hex(sha256(text)); }

TEST(Sha256, Fips180Examples) {
  EXPECT_EQ(hex_of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hex_of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                   "klmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(hex_of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, Rfc6234LongMessages) {
  EXPECT_EQ(hex_of(std::string(1'000'000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  std::string repeated;
  for (int i = 0; i < 10; ++i) {
    repeated += "0123456701234567012345670123456701234567012345670123456701234567";
  }
  EXPECT_EQ(hex_of(repeated), "594847328451bdfa85056225462cc1d867d877fb388df0ce35f25ab5562bfbb5");
}

// Where the length field fits in the last block (55), where it spills into an extra one (56),
// and the block edges around them.
TEST(Sha256, PaddingEdges) {
  const std::pair<std::size_t, const char*> cases[] = {
      {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
      {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
      {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
      {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
      {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
  };
  for (const auto& [length, expected] : cases) {
    EXPECT_EQ(hex_of(std::string(length, 'a')), expected) << length << " bytes";
  }
}

TEST(Sha256, PiecewiseUpdatesGiveTheSameDigestWhereverTheCutsFall) {
  const std::string message =
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn";
  const auto whole = sha256(message);
  for (std::size_t first = 0; first <= message.size(); ++first) {
    for (std::size_t second = first; second <= message.size(); second += 7) {
      Sha256 hash;
      hash.update(std::string_view(message).substr(0, first));
      hash.update(std::string_view(message).substr(first, second - first));
      hash.update(std::string_view(message).substr(second));
      ASSERT_EQ(hash.finish(), whole) << "cuts at " << first << " and " << second;
    }
  }
}

}  // namespace
}  // namespace sonic
