#pragma once
// What the fuzz targets share: the input as text, a byte source that hands it out in small
// pieces (ByteSource allows short reads at any time, so the readers must cope), and the one rule
// every target checks: malformed input is a sonic::InputError (exit 3, a message naming the
// place) and nothing else. Any other exception escapes LLVMFuzzerTestOneInput, which libFuzzer
// and the replay driver report as a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sonic/core/error.hpp"
#include "sonic/sources/byte_source.hpp"

namespace sonic::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Hands the text out `piece` bytes at a time (the last read may be shorter).
class PieceSource : public sources::ByteSource {
 public:
  PieceSource(std::string_view text, std::size_t piece) : text_(text), piece_(std::max<std::size_t>(piece, 1)) {}
  std::size_t read(char* buffer, std::size_t capacity) override {
    const std::size_t n = std::min({capacity, piece_, text_.size()});
    std::memcpy(buffer, text_.data(), n);
    text_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view text_;
  std::size_t piece_;
};

// The document a service reply parser is given: sonic parses replies with nlohmann (a body that
// is not JSON is net::parse_json_body's InputError, before any reply parser runs).
inline std::optional<nlohmann::json> json_of(std::string_view text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return std::nullopt;
  return json;
}

// Runs `read`; an InputError is the expected answer to bad input and must carry a message.
template <typename Read>
void expect_input_error_only(Read&& read) {
  try {
    read();
  } catch (const InputError& error) {
    // SONIC_FUZZ_VERBOSE=1 shows each refusal: to check that a seed gets past the first check.
    static const bool verbose = std::getenv("SONIC_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::cerr << "InputError: " << error.what() << "\n";
    if (std::strlen(error.what()) == 0) {
      std::cerr << "an InputError without a message\n";
      std::abort();
    }
  }
}

// A property the target checks beyond "no crash": reports and aborts, so libFuzzer saves the input.
inline void require(bool holds, const char* what) {
  if (!holds) {
    std::cerr << "fuzz property broken: " << what << "\n";
    std::abort();
  }
}

}  // namespace sonic::fuzz
