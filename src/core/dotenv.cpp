#include "sonic/core/dotenv.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
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

std::vector<std::pair<std::string, std::string>> parse_dotenv(std::string_view text, const std::string& name) {
  std::vector<std::pair<std::string, std::string>> entries;
  int line_number = 0;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string line = trim(std::string(text.substr(0, newline)));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    const auto eq = line.find('=');
    std::string key = eq == std::string::npos ? "" : trim(line.substr(0, eq));
    if (!valid_key(key)) throw InputError(name + ":" + std::to_string(line_number) + ": expected KEY=VALUE");
    std::string value = unquote(trim(line.substr(eq + 1)));
    // The environment cannot hold it: setenv would cut the value short without a word.
    if (value.find('\0') != std::string::npos) {
      throw InputError(name + ":" + std::to_string(line_number) + ": the value of " + key + " holds a NUL byte");
    }
    entries.emplace_back(std::move(key), std::move(value));
  }
  return entries;
}

int load_dotenv(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return 0;
  std::ostringstream text;
  text << in.rdbuf();
  int set = 0;
  for (const auto& [key, value] : parse_dotenv(text.str(), file.string())) {
    if (std::getenv(key.c_str())) continue;
    setenv(key.c_str(), value.c_str(), 0);
    ++set;
  }
  return set;
}

}  // namespace sonic
