#pragma once
// `sonic profile export` / `sonic profile import`: the shareable taste profile as a file.
#include <filesystem>

#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"
#include "sonic/taste/profile_summary.hpp"

namespace sonic::pipeline {

// Writes the store's profile to `out` atomically and returns it.
taste::ProfileSummary export_taste_profile(store::Database& db, const TimeZone& zone, const taste::DecayOptions& decay,
                                           const std::filesystem::path& out);

struct ImportedProfile {
  taste::ProfileSummary profile{};
  std::filesystem::path stored_at{};  // <home>/profiles/<file name>, for `sonic compare`
};

// Checks the file (exit 3 naming the file and the place when malformed or newer) and keeps a copy
// in the home.
ImportedProfile import_taste_profile(const Home& home, const std::filesystem::path& file);

}  // namespace sonic::pipeline
