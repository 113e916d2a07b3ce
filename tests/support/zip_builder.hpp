#pragma once
// Builds zip files for tests, laid out as Spotify delivers them.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sonic::testing {

void write_zip(const std::filesystem::path& zip, const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace sonic::testing
