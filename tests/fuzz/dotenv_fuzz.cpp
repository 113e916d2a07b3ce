// The `.env` reader (parse_dotenv: the environment is never touched here). Every key it gives
// is a valid variable name, and no key or value can carry a line break or NUL into setenv.
#include <cctype>

#include "fuzz_input.hpp"
#include "sonic/core/dotenv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sonic::fuzz::expect_input_error_only([&] {
    for (const auto& [key, value] : sonic::parse_dotenv(sonic::fuzz::text_of(data, size), "fuzz.env")) {
      sonic::fuzz::require(!key.empty() && !std::isdigit(static_cast<unsigned char>(key[0])), "a bad key");
      for (const char c : key)
        sonic::fuzz::require(std::isalnum(static_cast<unsigned char>(c)) || c == '_', "a bad key");
      sonic::fuzz::require(value.find('\n') == std::string::npos, "a value holding a line break");
      sonic::fuzz::require(value.find('\0') == std::string::npos, "a value holding a NUL byte");
    }
  });
  return 0;
}
