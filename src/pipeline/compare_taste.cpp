#include "sonic/pipeline/compare_taste.hpp"

#include <cctype>
#include <fstream>

#include "sonic/core/error.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/store/schema.hpp"
#include "sonic/taste/listening_data.hpp"
#include "sonic/taste/taste_profile.hpp"

namespace sonic::pipeline {
namespace {

bool holds_json_array(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char c = 0;
  while (in.get(c)) {
    if (!std::isspace(static_cast<unsigned char>(c))) return c == '[';
  }
  return false;
}

}  // namespace

taste::ProfileSummary store_taste_profile(store::Database& db, const TimeZone& zone, const taste::DecayOptions& decay) {
  const auto data = taste::load_listening_data(db);
  if (data.listens.empty()) throw InputError(db.path().string() + ": no music listens to make a taste profile from");
  const std::int64_t as_of = data.listens.back().start_ms + 1;
  return taste::summarise_profile(data, taste::build_taste_profile(data, data.listens, as_of, decay, zone));
}

taste::ProfileSummary other_taste_profile(const std::filesystem::path& other, const TimeZone& zone,
                                          const taste::DecayOptions& decay) {
  if (!std::filesystem::exists(other)) throw InputError(other.string() + ": no such profile, sonic home or export");
  if (other.extension() == ".json" && std::filesystem::is_regular_file(other) && !holds_json_array(other)) {
    return taste::read_profile_file(other);  // a profile; a one-file Spotify export is an array of plays
  }
  if (std::filesystem::is_directory(other) && std::filesystem::exists(other / "sonic.db")) {
    auto db = store::Database::open_read_only(other / "sonic.db");
    return store_taste_profile(db, zone, decay);
  }
  auto scratch = store::Database::in_memory();
  store::migrate(scratch);
  import_history(scratch, {other}, {});
  return store_taste_profile(scratch, zone, decay);
}

taste::Comparison compare_taste(store::Database& db, const std::filesystem::path& other, const TimeZone& zone,
                                const taste::DecayOptions& decay) {
  taste::Comparison result{.other = other.string(),
                           .mine = store_taste_profile(db, zone, decay),
                           .theirs = other_taste_profile(other, zone, decay)};
  result.compatibility = taste::compare_profiles(result.mine, result.theirs);
  return result;
}

}  // namespace sonic::pipeline
