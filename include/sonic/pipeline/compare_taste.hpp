#pragma once
// `sonic profile export` and `sonic compare`: this home's taste profile, and another person's
// from a profile file (.json), another sonic home (a folder holding sonic.db, opened read-only)
// or a Spotify export (zip, folder or file) imported into a temporary in-memory store.
#include <filesystem>
#include <string>

#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"
#include "sonic/taste/compatibility.hpp"
#include "sonic/taste/profile_summary.hpp"

namespace sonic::pipeline {

// The profile as of just after the store's newest music listen; InputError for a store without listens.
taste::ProfileSummary store_taste_profile(store::Database& db, const TimeZone& zone, const taste::DecayOptions& decay);

taste::ProfileSummary other_taste_profile(const std::filesystem::path& other, const TimeZone& zone,
                                          const taste::DecayOptions& decay);

taste::Comparison compare_taste(store::Database& db, const std::filesystem::path& other, const TimeZone& zone,
                                const taste::DecayOptions& decay);

}  // namespace sonic::pipeline
