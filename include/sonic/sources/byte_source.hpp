#pragma once
// Where the bytes of an import come from: a file, a zip entry, a string. Readers pull from a
// ByteSource into their own fixed buffer, so memory stays flat however large the input is.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace sonic::sources {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `capacity` bytes into `buffer` and returns how many; 0 means the end. May return
  // fewer bytes than asked for at any time. Throws sonic::InputError on an I/O failure.
  virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
};

// InputError naming the file if it cannot be opened.
std::unique_ptr<ByteSource> open_file_source(const std::filesystem::path& path);

std::unique_ptr<ByteSource> string_source(std::string text);

}  // namespace sonic::sources
