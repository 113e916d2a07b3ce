#include "sonic/core/dotenv.hpp"

#include <cstdlib>
#include <fstream>
#include <string>

#include "sonic/core/error.hpp"

namespace sonic {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::string unquote(std::string value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  // An unquoted value may carry a trailing comment.
  if (const auto hash = value.find(" #"); hash != std::string::npos) value = trim(value.substr(0, hash));
  return value;
}

bool valid_key(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

}  // namespace

int load_dotenv(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return 0;
  int set = 0;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    const auto eq = line.find('=');
    const std::string key = eq == std::string::npos ? "" : trim(line.substr(0, eq));
    if (!valid_key(key)) {
      throw InputError(file.string() + ":" + std::to_string(line_number) + ": expected KEY=VALUE");
    }
    if (std::getenv(key.c_str())) continue;
    setenv(key.c_str(), unquote(trim(line.substr(eq + 1))).c_str(), 0);
    ++set;
  }
  return set;
}

}  // namespace sonic
