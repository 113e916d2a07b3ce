#include "sonic/pipeline/taste_profile_file.hpp"

#include "sonic/core/atomic_file.hpp"
#include "sonic/pipeline/compare_taste.hpp"

namespace sonic::pipeline {

taste::ProfileSummary export_taste_profile(store::Database& db, const TimeZone& zone, const taste::DecayOptions& decay,
                                           const std::filesystem::path& out) {
  auto profile = store_taste_profile(db, zone, decay);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  write_file_atomically(out,
                        taste::to_json(profile).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  return profile;
}

ImportedProfile import_taste_profile(const Home& home, const std::filesystem::path& file) {
  ImportedProfile imported{.profile = taste::read_profile_file(file)};
  imported.stored_at = home.dir / "profiles" / file.filename();
  std::filesystem::create_directories(imported.stored_at.parent_path());
  write_file_atomically(
      imported.stored_at,
      taste::to_json(imported.profile).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  return imported;
}

}  // namespace sonic::pipeline
