#pragma once
// "The store is exactly as it was": every index definition and every row of every table, as
// text, to compare before/after.
#include <filesystem>
#include <string>

namespace sonic::testing {

// Empty string when the database file does not exist.
std::string store_fingerprint(const std::filesystem::path& database);

}  // namespace sonic::testing
