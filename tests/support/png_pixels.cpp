#include "support/png_pixels.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>

#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

using Uncompress = int (*)(unsigned char*, unsigned long*, const unsigned char*, unsigned long);

Uncompress zlib_uncompress() {
  static const Uncompress function = [] {
    void* library = dlopen("libz.so.1", RTLD_NOW);
    return library ? reinterpret_cast<Uncompress>(dlsym(library, "uncompress")) : nullptr;
  }();
  return function;
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

int paeth(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
}

// Undoes the per-row filters (PNG spec §9) in place; false on an unknown filter.
bool unfilter(std::vector<unsigned char>& data, std::size_t rows, std::size_t stride, std::size_t bpp,
              std::vector<unsigned char>& out) {
  out.assign(rows * stride, 0);
  for (std::size_t y = 0; y < rows; ++y) {
    const unsigned char filter = data[y * (stride + 1)];
    const unsigned char* in = &data[y * (stride + 1) + 1];
    unsigned char* row = &out[y * stride];
    const unsigned char* up = y > 0 ? &out[(y - 1) * stride] : nullptr;
    for (std::size_t x = 0; x < stride; ++x) {
      const int a = x >= bpp ? row[x - bpp] : 0;
      const int b = up ? up[x] : 0;
      const int c = up && x >= bpp ? up[x - bpp] : 0;
      int predictor = 0;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) / 2;
          break;
        case 4:
          predictor = paeth(a, b, c);
          break;
        default:
          return false;
      }
      row[x] = static_cast<unsigned char>(in[x] + predictor);
    }
  }
  return true;
}

}  // namespace

std::optional<PngPixels> read_png(const std::filesystem::path& path, std::string& error) {
  const std::string bytes = std::filesystem::exists(path) ? read_file(path) : "";
  if (bytes.size() < 33 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
    error = "not a PNG file: " + path.string();
    return std::nullopt;
  }
  PngPixels png;
  png.width = static_cast<int>(big_endian(bytes, 16));
  png.height = static_cast<int>(big_endian(bytes, 20));
  const int depth = static_cast<unsigned char>(bytes[24]);
  const int colour_type = static_cast<unsigned char>(bytes[25]);
  const int interlace = static_cast<unsigned char>(bytes[28]);
  if (depth != 8 || (colour_type != 2 && colour_type != 6) || interlace != 0) {
    error = "unsupported PNG layout (depth " + std::to_string(depth) + ", colour type " + std::to_string(colour_type) +
            ", interlace " + std::to_string(interlace) + ")";
    return std::nullopt;
  }
  std::string compressed;
  for (std::size_t at = 8; at + 12 <= bytes.size();) {
    const std::size_t length = big_endian(bytes, at);
    if (bytes.compare(at + 4, 4, "IDAT") == 0) compressed += bytes.substr(at + 8, length);
    at += length + 12;
  }
  const std::size_t bpp = colour_type == 6 ? 4 : 3;
  const std::size_t stride = static_cast<std::size_t>(png.width) * bpp;
  const std::size_t rows = static_cast<std::size_t>(png.height);
  std::vector<unsigned char> raw(rows * (stride + 1));
  unsigned long raw_size = raw.size();
  const Uncompress uncompress = zlib_uncompress();
  if (!uncompress) {
    error = "libz.so.1 could not be loaded";
    return std::nullopt;
  }
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const unsigned char*>(compressed.data()), compressed.size()) !=
          0 ||
      raw_size != raw.size()) {
    error = "the PNG's image data does not inflate to its size";
    return std::nullopt;
  }
  std::vector<unsigned char> pixels;
  if (!unfilter(raw, rows, stride, bpp, pixels)) {
    error = "unknown PNG row filter";
    return std::nullopt;
  }
  png.rgb.reserve(rows * static_cast<std::size_t>(png.width));
  for (std::size_t i = 0; i + bpp <= pixels.size(); i += bpp) {
    png.rgb.push_back(std::uint32_t{pixels[i]} << 16 | std::uint32_t{pixels[i + 1]} << 8 | pixels[i + 2]);
  }
  return png;
}

}  // namespace sonic::testing
