#include "serve/access_token.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sonic/core/error.hpp"
#include "sonic/core/sha256.hpp"

namespace sonic::serve {
namespace {

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

std::optional<std::string> read_access_token(const std::optional<std::filesystem::path>& token_file) {
  if (token_file) {
    struct stat info {};
    if (::stat(token_file->c_str(), &info) != 0) {
      throw UsageError("--token-file: " + token_file->string() + " does not exist");
    }
    if ((info.st_mode & 077) != 0) {
      throw UsageError("--token-file: " + token_file->string() +
                       " is readable by others; make it yours only (chmod 600)");
    }
    std::ifstream in(*token_file);
    std::stringstream text;
    text << in.rdbuf();
    auto token = trimmed(text.str());
    if (!in || token.empty()) throw UsageError("--token-file: " + token_file->string() + " holds no token");
    return token;
  }
  if (const char* value = std::getenv("SONIC_SERVE_TOKEN"); value != nullptr && !trimmed(value).empty()) {
    return trimmed(value);
  }
  return std::nullopt;
}

bool authorization_matches(std::string_view authorization_header, const std::string& token) {
  constexpr std::string_view kBearer = "Bearer ";
  const bool bearer = authorization_header.substr(0, kBearer.size()) == kBearer;
  const auto given = sha256(bearer ? authorization_header.substr(kBearer.size()) : std::string_view());
  const auto expected = sha256(token);
  unsigned difference = bearer ? 0U : 1U;
  for (std::size_t i = 0; i < given.size(); ++i) difference |= static_cast<unsigned>(given[i] ^ expected[i]);
  return difference == 0;
}

}  // namespace sonic::serve
