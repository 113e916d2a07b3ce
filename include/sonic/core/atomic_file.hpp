#pragma once
// Files that must never be seen half-written (models, reports, credentials, dashboards, the
// demo's export zip): the content goes to a temporary file in the same folder, is flushed to
// disk, and is renamed over the target, so a crash or kill leaves either the old file or the new.
#include <filesystem>
#include <functional>
#include <string_view>

namespace sonic {

// `mode` applies to the new file (0600 for credentials; the temporary file is 0600 until its
// content is complete). Creates missing parent folders. Throws sonic::Error (unexpected failure)
// naming the path on any I/O error.
void write_file_atomically(const std::filesystem::path& path, std::string_view content, unsigned mode = 0644);

// The same for a writer that makes the file itself (a zip library, a CSV stream): calls
// write(temporary) for an empty temporary file beside `path`, then flushes and renames it into
// place. If `write` throws, the temporary file is removed, `path` is untouched and the exception
// propagates.
void replace_file_atomically(const std::filesystem::path& path,
                             const std::function<void(const std::filesystem::path& temporary)>& write,
                             unsigned mode = 0644);

}  // namespace sonic
