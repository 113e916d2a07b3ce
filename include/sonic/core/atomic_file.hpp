#pragma once
// Files that must never be seen half-written (models, reports, credentials, dashboards): the
// content goes to a temporary file in the same folder, is flushed to disk, and is renamed over
// the target, so a crash or kill leaves either the old file or the new one.
#include <filesystem>
#include <string_view>

namespace sonic {

// `mode` applies to the new file from its creation (0600 for credentials). Creates missing
// parent folders. Throws sonic::Error (unexpected failure) naming the path on any I/O error.
void write_file_atomically(const std::filesystem::path& path, std::string_view content, unsigned mode = 0644);

}  // namespace sonic
