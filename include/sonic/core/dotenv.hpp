#pragma once
// `.env` files: KEY=VALUE lines read into the environment, never overriding a variable that is
// already set, so the shell and cron's own environment always win.
#include <filesystem>

namespace sonic {

// Returns the number of variables set. A missing file is not an error; a line that is not
// KEY=VALUE (after optional `export `) is an InputError naming the file and line.
int load_dotenv(const std::filesystem::path& file);

}  // namespace sonic
