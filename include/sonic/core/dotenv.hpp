#pragma once
// `.env` files: KEY=VALUE lines read into the environment, never overriding a variable that is
// already set, so the shell and cron's own environment always win.
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sonic {

// The KEY=VALUE pairs of a `.env` text, in order (values unquoted, trailing comments dropped).
// A line that is not KEY=VALUE (after optional `export `) is an InputError "<name>:<line>: …".
// Pure, so the reader can be tested and fuzzed without touching the environment.
std::vector<std::pair<std::string, std::string>> parse_dotenv(std::string_view text, const std::string& name);

// Returns the number of variables set. A missing file is not an error; a malformed one is an
// InputError naming the file and line (nothing is set from it then).
int load_dotenv(const std::filesystem::path& file);

}  // namespace sonic
