#include "support/shared_data.hpp"

#include <cstdlib>

namespace sonic::testing {

std::filesystem::path shared_dir() {
  std::filesystem::path dir = SONIC_DEFAULT_SHARED_DIR;
  if (const char* env = std::getenv("SONIC_SHARED_DIR"); env && *env) dir = env;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return {};
  return std::filesystem::weakly_canonical(dir, ec);
}

std::filesystem::path test_data(const std::string& relative) {
  return std::filesystem::path(SONIC_TEST_DATA_DIR) / relative;
}

}  // namespace sonic::testing
