#include "sonic/store/track_lookup.hpp"

namespace sonic::store {

std::optional<NamedTrack> track_by_spotify_id(Database& db, std::string_view spotify_id) {
  auto find = db.prepare("SELECT id, name FROM tracks WHERE spotify_id = ?1");
  find.bind(1, spotify_id);
  if (!find.step()) return std::nullopt;
  return NamedTrack{find.integer(0), find.text(1)};
}

std::optional<std::string> track_title_and_artist(Database& db, std::int64_t track_id) {
  auto name =
      db.prepare("SELECT t.name || ' - ' || a.name FROM tracks t JOIN artists a ON a.id = t.artist_id WHERE t.id = ?1");
  name.bind(1, track_id);
  if (!name.step()) return std::nullopt;
  return name.text(0);
}

}  // namespace sonic::store
