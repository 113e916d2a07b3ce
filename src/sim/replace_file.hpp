#pragma once
// Write-then-rename: a reader (or a kill -9 halfway through) never sees half a file.
#include <filesystem>
#include <functional>

namespace sonic::sim {

// Calls write(temporary_path) for a temporary file beside `target`, then renames it over
// `target`. If `write` throws, the temporary file is removed and the exception propagates; the
// old `target`, if any, is untouched. Creates target's folder if needed.
void replace_file(const std::filesystem::path& target,
                  const std::function<void(const std::filesystem::path& temporary)>& write);

}  // namespace sonic::sim
