#pragma once
// What `sonic import PATH...` reads: the zip exactly as Spotify delivers it, a folder (searched
// recursively), or single JSON files. Each becomes a list of JSON documents to read in order.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sonic/sources/byte_source.hpp"

namespace sonic::sources {

struct ExportInput {
  std::string name;             // the file, or "archive.zip:folder/file.json"
  bool named_directly = false;  // named on the command line (not found inside a folder or zip)
  bool video = false;           // Streaming_History_Video_* / endvideo*: skipped with a reason
  std::function<std::unique_ptr<ByteSource>()> open;
};

// Files in natural order (…_2.json before …_10.json), so history is read oldest first.
// A zip that cannot be read is an InputError naming it; a path that does not exist too.
std::vector<ExportInput> list_export_inputs(const std::vector<std::filesystem::path>& paths);

}  // namespace sonic::sources
