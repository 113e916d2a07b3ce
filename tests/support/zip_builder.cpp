#include "support/zip_builder.hpp"

#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace sonic::testing {

void write_zip(const std::filesystem::path& zip, const std::vector<std::pair<std::string, std::string>>& entries) {
  int error = 0;
  zip_t* archive = zip_open(zip.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!archive) throw std::runtime_error("cannot create " + zip.string());
  for (const auto& [name, content] : entries) {
    // libzip reads the buffer at zip_close(), so it must live until then: copy it.
    void* copy = std::malloc(content.size() + 1);
    std::memcpy(copy, content.data(), content.size());
    zip_source_t* source = zip_source_buffer(archive, copy, content.size(), 1);
    if (!source || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_discard(archive);
      throw std::runtime_error("cannot add " + name + " to " + zip.string());
    }
  }
  if (zip_close(archive) != 0) throw std::runtime_error("cannot write " + zip.string());
}

}  // namespace sonic::testing
