#pragma once
// Debian's `chromium` driven headless for the tests that open sonic's HTML in a real browser:
// find it, take a screenshot, dump the DOM it built. Tests skip when it is not installed.
#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace sonic::testing {

// The chromium on PATH, or "" when there is none.
std::string find_chromium();

// "file:///…/report.html": a page on disk as chromium opens it.
std::string file_url(const std::filesystem::path& page);

// Chromium's DOM of the page at `url` after loading it ("" when it printed nothing). `profile`: a
// scratch folder for its profile and HOME.
std::string chromium_dom(const std::string& chromium, const TempDir& profile, const std::string& url);

// A width × height PNG of the page at `png`; false when chromium failed.
bool chromium_screenshot(const std::string& chromium, const TempDir& profile, const std::string& url,
                         const std::filesystem::path& png, int width = 1200, int height = 2000);

// How many times `part` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& part);

}  // namespace sonic::testing
