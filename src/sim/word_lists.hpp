#pragma once
// The vocabulary fake names are built from. A few entries carry accents on purpose, so that
// ordinary rows (not just the planted special cases) exercise UTF-8 handling.
#include <span>
#include <string_view>

namespace sonic::sim::words {

std::span<const std::string_view> adjectives();
std::span<const std::string_view> nouns();  // singular; band names add an "s"
std::span<const std::string_view> verbs();
std::span<const std::string_view> places();
std::span<const std::string_view> first_names();
std::span<const std::string_view> last_names();

}  // namespace sonic::sim::words
