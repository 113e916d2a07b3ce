#pragma once
// Reads the pixels of a PNG such as headless Chromium's screenshots (8-bit RGB or RGBA, not
// interlaced), for tests that check a page really drew something. zlib is loaded at run time
// (libz.so.1 is part of every Debian system), so the test binaries need no new link dependency.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sonic::testing {

struct PngPixels {
  int width = 0;
  int height = 0;
  std::vector<std::uint32_t> rgb;  // 0xRRGGBB per pixel, row by row (alpha dropped)
};

// nullopt (with the reason in `error`) for a file that is not such a PNG.
std::optional<PngPixels> read_png(const std::filesystem::path& path, std::string& error);

}  // namespace sonic::testing
