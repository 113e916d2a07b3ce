#include "sonic/store/play_export_query.hpp"

namespace sonic::store {
namespace {

std::optional<bool> optional_flag(const Statement& row, int column) {
  const auto value = row.optional_integer(column);
  if (!value) return std::nullopt;
  return *value != 0;
}

}  // namespace

void for_each_exported_play(Database& db, const std::function<void(const ExportedPlay&)>& visit) {
  // By start time through plays_by_start: the plays were written in time order, so the walk is
  // nearly sequential and needs no sort of a million rows.
  auto rows = db.prepare(
      "SELECT p.start_ms, p.end_ms, p.ms_played, p.source, p.is_short, coalesce(e.kind, 'track'), "
      "t.spotify_id, t.name, a.name, t.album_name, t.duration_ms, e.uri, e.name, e.show_name, "
      "p.platform, p.reason_start, p.reason_end, p.shuffle, p.skipped, p.offline, p.incognito "
      "FROM plays p LEFT JOIN tracks t ON t.id = p.track_id LEFT JOIN artists a ON a.id = t.artist_id "
      "LEFT JOIN episodes e ON e.id = p.episode_id ORDER BY p.start_ms, p.id");
  ExportedPlay play;
  while (rows.step()) {
    play.start_ms = rows.integer(0);
    play.end_ms = rows.integer(1);
    play.ms_played = rows.integer(2);
    play.source = rows.text(3);
    play.is_short = rows.integer(4) != 0;
    play.kind = rows.text(5);
    play.spotify_id = rows.text(6);
    play.track_name = rows.text(7);
    play.artist_name = rows.text(8);
    play.album_name = rows.text(9);
    play.duration_ms = rows.optional_integer(10);
    play.episode_uri = rows.text(11);
    play.episode_name = rows.text(12);
    play.show_name = rows.text(13);
    play.platform = rows.text(14);
    play.reason_start = rows.text(15);
    play.reason_end = rows.text(16);
    play.shuffle = optional_flag(rows, 17);
    play.skipped = optional_flag(rows, 18);
    play.offline = optional_flag(rows, 19);
    play.incognito = optional_flag(rows, 20);
    visit(play);
  }
}

}  // namespace sonic::store
