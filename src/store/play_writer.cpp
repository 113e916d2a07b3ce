#include "sonic/store/play_writer.hpp"

#include <algorithm>
#include <utility>

#include "sonic/sources/name_key.hpp"

namespace sonic::store {
namespace {

using sources::ItemKind;
using sources::PlayRecord;
using sources::PlaySource;

constexpr std::int64_t kLongestApiPlayMs = 60 * 60 * 1000;

template <typename T>
std::optional<std::int64_t> as_optional_int(const std::optional<T>& value) {
  if (!value) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

std::optional<std::string_view> non_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return std::string_view(text);
}

int source_index(PlaySource source) { return static_cast<int>(source); }

PlaySource source_from_text(const std::string& text) {
  if (text == "extended") return PlaySource::extended;
  if (text == "api") return PlaySource::api;
  return PlaySource::basic;
}

// When the true end of a play may lie: an API play's recorded end is played_at + duration,
// but played_at is sometimes already the end, so the true end lies within the track's length.
struct EndInterval {
  std::int64_t from;
  std::int64_t to;
};

EndInterval end_interval(PlaySource source, std::int64_t end_ms, std::int64_t ms_played) {
  if (source == PlaySource::api) return {end_ms - ms_played, end_ms};
  return {end_ms, end_ms};
}

bool within_window(EndInterval a, EndInterval b) {
  const std::int64_t gap = std::max<std::int64_t>({0, a.from - b.to, b.from - a.to});
  return gap <= kSameListenWindowMs;
}

std::string episode_key(const PlayRecord& play) { return sources::track_name_key(play.show_name, play.episode_name); }

}  // namespace

PlayWriter::PlayWriter(Database& db, std::int64_t import_run_id)
    : db_(db),
      run_id_(import_run_id),
      track_by_spotify_id_(db.prepare("SELECT id FROM tracks WHERE spotify_id = ?1")),
      unlinked_track_by_key_(
          db.prepare("SELECT id FROM tracks WHERE name_key = ?1 AND spotify_id IS NULL ORDER BY id LIMIT 1")),
      link_track_(db.prepare("UPDATE tracks SET spotify_id = ?2, album_name = coalesce(album_name, ?3), "
                             "duration_ms = coalesce(duration_ms, ?4) WHERE id = ?1")),
      track_by_key_(db.prepare("SELECT id FROM tracks WHERE name_key = ?1 ORDER BY spotify_id IS NULL, id LIMIT 1")),
      insert_track_(db.prepare("INSERT INTO tracks (spotify_id, name, artist_id, album_name, duration_ms, name_key) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")),
      insert_track_artist_(
          db.prepare("INSERT OR IGNORE INTO track_artists (track_id, position, artist_id) VALUES (?1, ?2, ?3)")),
      artist_by_spotify_id_(db.prepare("SELECT id FROM artists WHERE spotify_id = ?1")),
      artist_by_key_(db.prepare("SELECT id FROM artists WHERE name_key = ?1 ORDER BY id LIMIT 1")),
      set_artist_spotify_id_(db.prepare("UPDATE artists SET spotify_id = ?2 WHERE id = ?1 AND spotify_id IS NULL")),
      insert_artist_(db.prepare("INSERT INTO artists (spotify_id, name, name_key) VALUES (?1, ?2, ?3)")),
      episode_by_uri_(db.prepare("SELECT id FROM episodes WHERE uri = ?1")),
      episode_by_key_(db.prepare("SELECT id FROM episodes WHERE name_key = ?1 ORDER BY id LIMIT 1")),
      insert_episode_(
          db.prepare("INSERT INTO episodes (uri, name_key, kind, name, show_name) VALUES (?1, ?2, ?3, ?4, ?5)")),
      same_listen_(db.prepare("SELECT id, source, end_ms, ms_played FROM plays WHERE end_ms BETWEEN ?4 AND ?5 "
                              "AND track_id IN (SELECT id FROM tracks WHERE name_key = ?2 UNION SELECT ?1) "
                              "AND source <> ?3")),
      delete_play_(db.prepare("DELETE FROM plays WHERE id = ?1")),
      play_span_(db.prepare("SELECT start_ms, end_ms, track_id IS NOT NULL AND is_short = 0 FROM plays WHERE id = ?1")),
      keep_span_(db.prepare("INSERT INTO play_source_spans (source, from_end_ms, to_end_ms) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (source) DO UPDATE SET from_end_ms = min(from_end_ms, excluded.from_end_ms), "
                            "to_end_ms = max(to_end_ms, excluded.to_end_ms)")),
      queue_(db) {
  queue_.on_inserted([this](const QueuedPlay& play) {
    ++counts_.imported;
    const bool is_track = play.track_id != 0;
    if (play.is_short()) ++counts_.short_plays;
    if (!is_track) ++counts_.episodes;
    if (is_track && !play.is_short()) {
      touched_.add(play.start_ms, play.end_ms);
      if (keeping_listens_ == Keeping::yes) kept_listens_.push_back({play.start_ms, play.end_ms, play.ms_played});
    }
  });
  load_source_spans();
}

void PlayWriter::load_source_spans() {
  auto kept = db_.prepare("SELECT source, from_end_ms, to_end_ms FROM play_source_spans");
  bool any = false;
  while (kept.step()) {
    Span& span = source_spans_[source_index(source_from_text(kept.text(0)))];
    span.from = kept.integer(1);
    span.to = kept.integer(2);
    any = true;
  }
  if (any || db_.scalar("SELECT EXISTS (SELECT 1 FROM plays)") == 0) return;
  // Plays written by something other than a PlayWriter (SQL by hand, an old tool): the spans
  // are measured once and kept with the next batch.
  auto measured = db_.prepare("SELECT source, min(end_ms), max(end_ms) FROM plays GROUP BY source");
  while (measured.step()) {
    Span& span = source_spans_[source_index(source_from_text(measured.text(0)))];
    span.from = measured.integer(1);
    span.to = measured.integer(2);
  }
  spans_changed_ = true;
}

void PlayWriter::keep_source_spans() {
  // Outside a transaction (counts taken after a rollback) nothing is written: the store must
  // stay exactly as the rollback left it; the spans go in with the next batch.
  if (!spans_changed_ || !db_.in_transaction()) return;
  for (const PlaySource source : {PlaySource::extended, PlaySource::api, PlaySource::basic}) {
    const Span& span = source_spans_[source_index(source)];
    if (span.from > span.to) continue;
    keep_span_.bind(1, sources::to_string(source)).bind(2, span.from).bind(3, span.to).run();
  }
  spans_changed_ = false;
}

void PlayWriter::forget_cached_ids() {
  queue_.discard();
  counts_ = WriteCounts{};
  queued_ = 0;
  touched_ = TouchedRange{};
  track_by_spotify_id_cache_.clear();
  track_by_key_cache_.clear();
  artist_by_key_cache_.clear();
  episode_cache_.clear();
  spans_changed_ = true;  // the rolled-back batch may have taken the kept spans with it
  lose_kept_listens();
}

void PlayWriter::keep_listens() {
  keeping_listens_ = Keeping::yes;
  kept_listens_.clear();
}

void PlayWriter::lose_kept_listens() {
  if (keeping_listens_ == Keeping::no) return;
  keeping_listens_ = Keeping::lost;
  kept_listens_ = {};
}

std::optional<std::vector<records::Listen>> PlayWriter::take_kept_listens() {
  queue_.flush();
  const Keeping was = keeping_listens_;
  keeping_listens_ = Keeping::no;
  if (was != Keeping::yes) return std::nullopt;
  return std::exchange(kept_listens_, {});
}

WriteCounts PlayWriter::take_counts() {
  queue_.flush();
  keep_source_spans();
  WriteCounts counts = counts_;
  counts.duplicates += queued_ - counts.imported;
  counts_ = WriteCounts{};
  queued_ = 0;
  return counts;
}

TouchedRange PlayWriter::take_touched_range() {
  queue_.flush();
  keep_source_spans();
  const TouchedRange range = touched_;
  touched_ = TouchedRange{};
  return range;
}

std::int64_t PlayWriter::artist_for(const sources::ArtistCredit& artist) {
  const std::string key = sources::normalize_name(artist.name);
  const std::string cache_key = artist.spotify_id.empty() ? "k:" + key : "i:" + artist.spotify_id;
  if (auto found = artist_by_key_cache_.find(cache_key); found != artist_by_key_cache_.end()) {
    return found->second;
  }
  std::int64_t id = 0;
  if (!artist.spotify_id.empty()) {
    artist_by_spotify_id_.bind(1, artist.spotify_id);
    if (artist_by_spotify_id_.step()) id = artist_by_spotify_id_.integer(0);
    artist_by_spotify_id_.reset();
  }
  if (id == 0) {
    artist_by_key_.bind(1, key);
    if (artist_by_key_.step()) id = artist_by_key_.integer(0);
    artist_by_key_.reset();
    if (id != 0 && !artist.spotify_id.empty()) {
      set_artist_spotify_id_.bind(1, id).bind(2, artist.spotify_id).run();
    }
  }
  if (id == 0) {
    insert_artist_.bind(1, non_empty(artist.spotify_id)).bind(2, artist.name).bind(3, key).run();
    id = db_.last_insert_id();
  }
  artist_by_key_cache_.emplace(cache_key, id);
  return id;
}

std::int64_t PlayWriter::track_for(const PlayRecord& play, const std::string& name_key) {
  const bool has_id = !play.track_id.empty();
  if (has_id) {
    if (const auto found = track_by_spotify_id_cache_.find(play.track_id)) return *found;
  } else if (auto found = track_by_key_cache_.find(name_key); found != track_by_key_cache_.end()) {
    return found->second;
  }

  std::int64_t id = 0;
  if (has_id) {
    track_by_spotify_id_.bind(1, play.track_id);
    if (track_by_spotify_id_.step()) id = track_by_spotify_id_.integer(0);
    track_by_spotify_id_.reset();
    if (id == 0) {
      // A track first seen in a basic export, by name only: now its ID is known.
      unlinked_track_by_key_.bind(1, name_key);
      if (unlinked_track_by_key_.step()) id = unlinked_track_by_key_.integer(0);
      unlinked_track_by_key_.reset();
      if (id != 0) {
        link_track_.bind(1, id)
            .bind(2, play.track_id)
            .bind(3, non_empty(play.album_name))
            .bind(4, play.duration_ms)
            .run();
      }
    }
  } else {
    track_by_key_.bind(1, name_key);
    if (track_by_key_.step()) id = track_by_key_.integer(0);
    track_by_key_.reset();
  }

  if (id == 0) {
    const sources::ArtistCredit unknown_artist{"", ""};
    const auto& primary = play.artists.empty() ? unknown_artist : play.artists.front();
    const std::int64_t artist_id = artist_for(primary);
    insert_track_.bind(1, has_id ? std::optional<std::string_view>(play.track_id) : std::nullopt)
        .bind(2, play.track_name)
        .bind(3, artist_id)
        .bind(4, non_empty(play.album_name))
        .bind(5, play.duration_ms)
        .bind(6, name_key)
        .run();
    id = db_.last_insert_id();
    insert_track_artist_.bind(1, id).bind(2, 0).bind(3, artist_id).run();
    for (std::size_t i = 1; i < play.artists.size(); ++i) {
      insert_track_artist_.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, artist_for(play.artists[i])).run();
    }
  }
  if (has_id) track_by_spotify_id_cache_.insert(play.track_id, id);
  track_by_key_cache_.emplace(name_key, id);
  return id;
}

std::int64_t PlayWriter::episode_for(const PlayRecord& play) {
  const std::string key = episode_key(play);
  const std::string cache_key = play.episode_uri.empty() ? "k:" + key : "u:" + play.episode_uri;
  if (auto found = episode_cache_.find(cache_key); found != episode_cache_.end()) return found->second;
  std::int64_t id = 0;
  Statement& lookup = play.episode_uri.empty() ? episode_by_key_ : episode_by_uri_;
  lookup.bind(1, play.episode_uri.empty() ? key : play.episode_uri);
  if (lookup.step()) id = lookup.integer(0);
  lookup.reset();
  if (id == 0) {
    insert_episode_.bind(1, non_empty(play.episode_uri))
        .bind(2, key)
        .bind(3, play.kind == ItemKind::audiobook ? "audiobook" : "podcast")
        .bind(4, play.episode_name)
        .bind(5, non_empty(play.show_name))
        .run();
    id = db_.last_insert_id();
  }
  episode_cache_.emplace(cache_key, id);
  return id;
}

bool PlayWriter::may_have_other_sources(PlaySource source, std::int64_t end_ms) const {
  const std::int64_t margin = kSameListenWindowMs + kLongestApiPlayMs;
  for (int other = 0; other < 3; ++other) {
    if (other == source_index(source)) continue;
    const Span& span = source_spans_[other];
    if (span.from <= span.to && end_ms >= span.from - margin && end_ms <= span.to + margin) {
      return true;
    }
  }
  return false;
}

std::pair<std::int64_t, int> PlayWriter::find_same_listen(const PlayRecord& play, std::int64_t track_id,
                                                          const std::string& name_key) {
  const EndInterval mine = end_interval(play.source, play.end_ms, play.ms_played);
  same_listen_.bind(1, track_id)
      .bind(2, name_key)
      .bind(3, sources::to_string(play.source))
      .bind(4, mine.from - kSameListenWindowMs)
      .bind(5, mine.to + kSameListenWindowMs + kLongestApiPlayMs);
  std::pair<std::int64_t, int> best{0, 0};
  while (same_listen_.step()) {
    const PlaySource other = source_from_text(same_listen_.text(1));
    const EndInterval theirs = end_interval(other, same_listen_.integer(2), same_listen_.integer(3));
    if (!within_window(mine, theirs)) continue;
    const int rank = sources::precedence(other);
    if (rank > best.second) best = {same_listen_.integer(0), rank};
  }
  same_listen_.reset();
  return best;
}

void PlayWriter::note_source_range(PlaySource source, std::int64_t end_ms) {
  Span& span = source_spans_[source_index(source)];
  if (end_ms >= span.from && end_ms <= span.to) return;
  span.from = std::min(span.from, end_ms);
  span.to = std::max(span.to, end_ms);
  spans_changed_ = true;
}

void PlayWriter::write(const PlayRecord& play) {
  const bool is_track = play.kind == ItemKind::track;
  std::int64_t track_id = 0;
  std::int64_t episode_id = 0;
  std::pair<std::int64_t, int> same_listen{0, 0};
  if (is_track) {
    // Most rows name a track already cached by ID: the name key is built only when needed.
    const auto cached = play.track_id.empty() ? std::nullopt : track_by_spotify_id_cache_.find(play.track_id);
    const bool other_sources = may_have_other_sources(play.source, play.end_ms);
    if (cached && !other_sources) {
      track_id = *cached;
    } else {
      const std::string name_key = sources::track_name_key(play.primary_artist(), play.track_name);
      track_id = track_for(play, name_key);
      if (other_sources) {
        queue_.flush();  // the search must see every play written so far
        same_listen = find_same_listen(play, track_id, name_key);
      }
    }
  } else {
    episode_id = episode_for(play);
  }
  if (same_listen.first != 0 && same_listen.second >= sources::precedence(play.source)) {
    ++counts_.duplicates;
    return;
  }

  QueuedPlay& row = queue_.add();
  row.track_id = track_id;
  row.episode_id = episode_id;
  row.start_ms = play.end_ms - play.ms_played;
  row.end_ms = play.end_ms;
  row.ms_played = play.ms_played;
  row.source = play.source;
  row.platform = play.platform;
  row.reason_start = play.reason_start;
  row.reason_end = play.reason_end;
  row.shuffle = as_optional_int(play.shuffle);
  row.skipped = as_optional_int(play.skipped);
  row.offline = as_optional_int(play.offline);
  row.offline_ms = play.offline_ms;
  row.incognito = as_optional_int(play.incognito);
  row.import_run_id = run_id_;
  ++queued_;
  // Noted when queued rather than when inserted: at worst a later row searches other sources
  // for nothing, never the other way round.
  note_source_range(play.source, play.end_ms);
  if (same_listen.first == 0) return;

  // A poorer description of this listen was stored before: this one takes its place, if it
  // went in (it could still be an exact duplicate of a play of its own source).
  const std::int64_t imported_before = counts_.imported;
  queue_.flush();
  if (counts_.imported == imported_before) return;
  play_span_.bind(1, same_listen.first);
  if (play_span_.step() && play_span_.integer(2) != 0) {
    touched_.add(play_span_.integer(0), play_span_.integer(1));
  }
  play_span_.reset();
  delete_play_.bind(1, same_listen.first).run();
  lose_kept_listens();  // the kept list has no ids to take the removed play out by
  ++counts_.replaced;
}

}  // namespace sonic::store
