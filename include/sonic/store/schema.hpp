#pragma once
// The store's schema: a list of forward migrations, numbered by PRAGMA user_version.
#include <filesystem>

#include "sonic/store/database.hpp"

namespace sonic::store {

int latest_schema_version();

// Brings the database to the latest version in one transaction. A database written by a newer
// sonic (user_version above ours) is refused with an InputError that says so.
void migrate(Database& db);

// Opens the store at `path`, creating its folder and file if needed, and migrates it.
Database open_store(const std::filesystem::path& path);

// Deletes the store's file and its -wal and -shm companions, those that exist.
void remove_store_files(const std::filesystem::path& path);

}  // namespace sonic::store
