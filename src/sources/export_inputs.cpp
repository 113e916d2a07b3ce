#include "sonic/sources/export_inputs.hpp"

#include <zip.h>

#include <algorithm>
#include <cctype>

#include "sonic/core/error.hpp"

namespace sonic::sources {
namespace {

bool ends_with_json(const std::string& name) {
  if (name.size() < 5) return false;
  std::string tail = name.substr(name.size() - 5);
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == ".json";
}

std::string base_name(const std::string& name) {
  const auto slash = name.find_last_of('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// Spotify ships video history beside audio history; sonic is about music.
bool is_video_history(const std::string& name) {
  const std::string base = base_name(name);
  return base.rfind("Streaming_History_Video", 0) == 0 || base.rfind("endvideo", 0) == 0;
}

// macOS zips carry "__MACOSX/._file.json" resource forks: not JSON at all.
bool is_metadata_entry(const std::string& name) {
  return name.rfind("__MACOSX/", 0) == 0 || base_name(name).rfind("._", 0) == 0;
}

// Natural order: runs of digits compare as numbers.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t end_i = i;
      std::size_t end_j = j;
      while (end_i < a.size() && std::isdigit(static_cast<unsigned char>(a[end_i]))) ++end_i;
      while (end_j < b.size() && std::isdigit(static_cast<unsigned char>(b[end_j]))) ++end_j;
      const std::string_view na = std::string_view(a).substr(i, end_i - i);
      const std::string_view nb = std::string_view(b).substr(j, end_j - j);
      const auto strip = [](std::string_view n) {
        while (n.size() > 1 && n.front() == '0') n.remove_prefix(1);
        return n;
      };
      const auto sa = strip(na);
      const auto sb = strip(nb);
      if (sa.size() != sb.size()) return sa.size() < sb.size();
      if (sa != sb) return sa < sb;
      i = end_i;
      j = end_j;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

struct ZipArchive {
  zip_t* handle = nullptr;
  std::string path;
  ~ZipArchive() {
    if (handle) zip_discard(handle);
  }
};

class ZipEntrySource : public ByteSource {
 public:
  ZipEntrySource(std::shared_ptr<ZipArchive> archive, zip_uint64_t index, std::string name)
      : archive_(std::move(archive)), name_(std::move(name)) {
    file_ = zip_fopen_index(archive_->handle, index, 0);
    if (!file_) {
      throw InputError(name_ + ": cannot open inside the zip: " + zip_strerror(archive_->handle));
    }
  }
  ~ZipEntrySource() override { zip_fclose(file_); }
  ZipEntrySource(const ZipEntrySource&) = delete;
  ZipEntrySource& operator=(const ZipEntrySource&) = delete;

  std::size_t read(char* buffer, std::size_t capacity) override {
    const zip_int64_t got = zip_fread(file_, buffer, capacity);
    if (got < 0) {
      throw InputError(name_ + ": the zip entry is damaged: " + zip_file_strerror(file_));
    }
    return static_cast<std::size_t>(got);
  }

 private:
  std::shared_ptr<ZipArchive> archive_;
  std::string name_;
  zip_file_t* file_ = nullptr;
};

void add_zip(const std::filesystem::path& path, std::vector<ExportInput>& inputs) {
  auto archive = std::make_shared<ZipArchive>();
  archive->path = path.string();
  int error_code = 0;
  archive->handle = zip_open(archive->path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error_code);
  if (!archive->handle) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    const std::string message = archive->path + ": not a readable zip: " + zip_error_strerror(&error);
    zip_error_fini(&error);
    throw InputError(message);
  }
  std::vector<ExportInput> found;
  const zip_int64_t entries = zip_get_num_entries(archive->handle, 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* entry = zip_get_name(archive->handle, index, 0);
    if (!entry) continue;
    const std::string entry_name = entry;
    if (!ends_with_json(entry_name) || is_metadata_entry(entry_name)) continue;
    ExportInput input;
    input.name = archive->path + ":" + entry_name;
    input.video = is_video_history(entry_name);
    input.open = [archive, index, name = input.name] {
      return std::unique_ptr<ByteSource>(std::make_unique<ZipEntrySource>(archive, index, name));
    };
    found.push_back(std::move(input));
  }
  std::sort(found.begin(), found.end(),
            [](const ExportInput& a, const ExportInput& b) { return natural_less(a.name, b.name); });
  inputs.insert(inputs.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
}

ExportInput file_input(const std::filesystem::path& path, bool named_directly) {
  ExportInput input;
  input.name = path.string();
  input.named_directly = named_directly;
  input.video = is_video_history(path.filename().string());
  input.open = [path] { return open_file_source(path); };
  return input;
}

bool is_zip(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".zip";
}

void add_directory(const std::filesystem::path& dir, std::vector<ExportInput>& inputs) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (ends_with_json(name) && name.rfind("._", 0) != 0) files.push_back(entry.path());
    if (is_zip(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return natural_less(a.string(), b.string()); });
  for (const auto& file : files) {
    if (is_zip(file)) {
      add_zip(file, inputs);
    } else {
      inputs.push_back(file_input(file, false));
    }
  }
}

}  // namespace

std::vector<ExportInput> list_export_inputs(const std::vector<std::filesystem::path>& paths) {
  std::vector<ExportInput> inputs;
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      add_directory(path, inputs);
    } else if (!std::filesystem::exists(path, ec)) {
      throw InputError(path.string() + ": no such file or folder");
    } else if (is_zip(path)) {
      add_zip(path, inputs);
    } else {
      inputs.push_back(file_input(path, true));
    }
  }
  return inputs;
}

}  // namespace sonic::sources
