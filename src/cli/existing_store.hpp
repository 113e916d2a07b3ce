#pragma once
// Commands that read what imports wrote need a store to exist: say how to make one otherwise.
#include <filesystem>

#include "sonic/core/error.hpp"
#include "sonic/core/home.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {

inline store::Database open_existing_store(const Home& home) {
  if (!std::filesystem::exists(home.database)) {
    throw UsageError("no sonic store at " + home.database.string() +
                     ": import your Spotify data first (sonic import my_spotify_data.zip)");
  }
  return store::open_store(home.database);
}

}  // namespace sonic::cli
