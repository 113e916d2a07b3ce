#include "sonic/sources/byte_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sonic/core/error.hpp"

namespace sonic::sources {
namespace {

class FileSource final : public ByteSource {
 public:
  FileSource(std::FILE* file, std::filesystem::path path) : file_(file), path_(std::move(path)) {}
  ~FileSource() override { std::fclose(file_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::size_t read(char* buffer, std::size_t capacity) override {
    const std::size_t got = std::fread(buffer, 1, capacity, file_);
    if (got == 0 && std::ferror(file_)) {
      throw InputError(path_.string() + ": read failed: " + std::strerror(errno));
    }
    return got;
  }

 private:
  std::FILE* file_;
  std::filesystem::path path_;
};

class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string text) : text_(std::move(text)) {}

  std::size_t read(char* buffer, std::size_t capacity) override {
    const std::size_t n = std::min(capacity, text_.size() - position_);
    std::memcpy(buffer, text_.data() + position_, n);
    position_ += n;
    return n;
  }

 private:
  std::string text_;
  std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> open_file_source(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw InputError("cannot open " + path.string() + ": " + std::strerror(errno));
  // Readers ask for large blocks; stdio's own buffer would only add a copy.
  std::setvbuf(file, nullptr, _IONBF, 0);
  return std::make_unique<FileSource>(file, path);
}

std::unique_ptr<ByteSource> string_source(std::string text) { return std::make_unique<StringSource>(std::move(text)); }

}  // namespace sonic::sources
