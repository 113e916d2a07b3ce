#include "sonic/sim/export_zip.hpp"

#include <zip.h>

#include <ctime>
#include <string>

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"

namespace sonic::sim {
namespace {

constexpr std::int64_t kDeliveryDelaySeconds = 3 * 86400;  // Spotify takes days to prepare it
constexpr zip_uint32_t kRegularFileMode = 0100644;         // -rw-r--r--, as in real exports

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw Error(ExitCode::unexpected, "cannot write " + path.string() + ": " + what);
}

// Owns an open archive until it is closed (written) or, on any failure, discarded.
class ZipWriter {
 public:
  explicit ZipWriter(const std::filesystem::path& path) : path_(path) {
    int error_code = 0;
    archive_ = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error_code);
    if (!archive_) {
      zip_error_t error;
      zip_error_init_with_code(&error, error_code);
      const std::string message = zip_error_strerror(&error);
      zip_error_fini(&error);
      fail(path_, message);
    }
  }
  ~ZipWriter() {
    if (archive_) zip_discard(archive_);
  }
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // `text` must stay alive until close(): libzip reads the buffer only then.
  void add(const std::string& name, const std::string& text, std::time_t modified) {
    zip_source_t* source = zip_source_buffer(archive_, text.data(), text.size(), 0);
    if (!source) fail(path_, zip_strerror(archive_));
    const zip_int64_t index = zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      fail(path_, zip_strerror(archive_));
    }
    const auto entry = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive_, entry, ZIP_CM_DEFLATE, 0) != 0 ||
        zip_file_set_mtime(archive_, entry, modified, 0) != 0 ||
        zip_file_set_external_attributes(archive_, entry, 0, ZIP_OPSYS_UNIX, kRegularFileMode << 16) != 0) {
      fail(path_, zip_strerror(archive_));
    }
  }

  void close() {
    if (zip_close(archive_) != 0) fail(path_, zip_strerror(archive_));
    archive_ = nullptr;
  }

 private:
  std::filesystem::path path_;
  zip_t* archive_ = nullptr;
};

}  // namespace

void write_extended_export_zip(const History& history, const std::filesystem::path& zip_path,
                               std::size_t max_rows_per_file) {
  const std::vector<ExportFile> files = render_extended_export(history, max_rows_per_file);
  const std::int64_t last_stream = history.rows.empty() ? 0 : history.rows.back().ts;
  const auto delivered = static_cast<std::time_t>(last_stream + kDeliveryDelaySeconds);
  replace_file_atomically(zip_path, [&](const std::filesystem::path& temporary) {
    ZipWriter zip(temporary);
    for (const ExportFile& file : files) zip.add(file.name, file.json, delivered);
    zip.close();
  });
}

}  // namespace sonic::sim
