#pragma once
// Debian's `chromium` driven headless for the tests that open sonic's HTML in a real browser:
// find it, take a screenshot, dump the DOM it built. Tests skip when it is not installed.
#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace sonic::testing {

// The chromium on PATH, or "" when there is none.
std::string find_chromium();

// Chromium's DOM of the page after loading it ("" when it printed nothing). `profile`: a scratch
// folder for its profile and HOME.
std::string chromium_dom(const std::string& chromium, const TempDir& profile, const std::filesystem::path& page);

// A width × height PNG of the page at `png`; false when chromium failed.
bool chromium_screenshot(const std::string& chromium, const TempDir& profile, const std::filesystem::path& page,
                         const std::filesystem::path& png, int width = 1200, int height = 2000);

// How many times `part` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& part);

}  // namespace sonic::testing
