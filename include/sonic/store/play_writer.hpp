#pragma once
// Writes plays into the store, resolving their tracks, artists and episodes, and making sure one
// listen is stored once however many sources describe it:
//  - within a source, an identical play (same item, end time and length) is a duplicate;
//  - across sources, plays of the same track (same Spotify ID or same normalised artist + title)
//    whose end times lie within 90 s are one listen. The richer source wins: an extended-export
//    play replaces an API or account-data play of the same listen, never the other way round.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sonic/records/listen.hpp"
#include "sonic/sources/play_record.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/play_insert_queue.hpp"
#include "sonic/store/spotify_id_cache.hpp"

namespace sonic::store {

// The fate of the rows written since the last take_counts().
struct WriteCounts {
  std::int64_t imported = 0;
  std::int64_t duplicates = 0;
  std::int64_t replaced = 0;     // imported rows that took the place of a poorer source's play
  std::int64_t short_plays = 0;  // imported, under 30 s
  std::int64_t episodes = 0;     // imported podcast / audiobook plays
};

// The span of time whose sessions must be recomputed after a batch of writes.
struct TouchedRange {
  std::int64_t from_ms = INT64_MAX;
  std::int64_t to_ms = INT64_MIN;
  bool empty() const { return from_ms > to_ms; }
  void add(std::int64_t start_ms, std::int64_t end_ms) {
    from_ms = std::min(from_ms, start_ms);
    to_ms = std::max(to_ms, end_ms);
  }
};

inline constexpr std::int64_t kSameListenWindowMs = 90'000;

class PlayWriter {
 public:
  // import_run_id 0: plays not tied to a recorded run (a dry run, tests).
  PlayWriter(Database& db, std::int64_t import_run_id);

  // The run that the next plays belong to (0: none).
  void set_import_run(std::int64_t import_run_id) { run_id_ = import_run_id; }

  // Call inside a transaction. Rows may wait in a queue until flush(), take_counts() or
  // take_touched_range(); commit only after one of those.
  void write(const sources::PlayRecord& play);
  void flush() { queue_.flush(); }

  // Flushes (and keeps the sources' spans of time in the store), then hands over the counts
  // since the last call.
  WriteCounts take_counts();
  // Flushes as take_counts() does, then hands over the music listens added or removed since the
  // last call.
  TouchedRange take_touched_range();

  // After a rollback: queued rows, counts and cached row ids may all name what no longer exists.
  void forget_cached_ids();

  // From now on, the music listens (track plays of 30 s or more) that go in are also kept in
  // memory, in the order they went in. A bulk load into an empty store groups its sessions from
  // them instead of reading a million plays back by start time.
  void keep_listens();
  // The listens kept since keep_listens(): exactly the listens stored since then, unless a play
  // was replaced by a richer source's or a rollback took some back (nullopt: read the store).
  std::optional<std::vector<records::Listen>> take_kept_listens();

 private:
  std::int64_t track_for(const sources::PlayRecord& play, const std::string& name_key);
  std::int64_t artist_for(const sources::ArtistCredit& artist);
  std::int64_t episode_for(const sources::PlayRecord& play);
  bool may_have_other_sources(sources::PlaySource source, std::int64_t end_ms) const;
  // The stored play of the same listen from another source, if any: {id, source precedence}.
  std::pair<std::int64_t, int> find_same_listen(const sources::PlayRecord& play, std::int64_t track_id,
                                                const std::string& name_key);
  void note_source_range(sources::PlaySource source, std::int64_t end_ms);
  void load_source_spans();
  void keep_source_spans();  // into play_source_spans, in the caller's transaction
  void lose_kept_listens();  // the store no longer holds exactly the listens kept

  Database& db_;
  std::int64_t run_id_;
  Statement track_by_spotify_id_;
  Statement unlinked_track_by_key_;
  Statement link_track_;
  Statement track_by_key_;
  Statement insert_track_;
  Statement insert_track_artist_;
  Statement artist_by_spotify_id_;
  Statement artist_by_key_;
  Statement set_artist_spotify_id_;
  Statement insert_artist_;
  Statement episode_by_uri_;
  Statement episode_by_key_;
  Statement insert_episode_;
  Statement same_listen_;
  Statement delete_play_;
  Statement play_span_;
  Statement keep_span_;

  SpotifyIdCache track_by_spotify_id_cache_;
  std::unordered_map<std::string, std::int64_t> track_by_key_cache_;
  std::unordered_map<std::string, std::int64_t> artist_by_key_cache_;
  std::unordered_map<std::string, std::int64_t> episode_cache_;

  // Per source, the span of end times stored so far (kept in play_source_spans, read at
  // creation): the cross-source search is skipped when no other source has plays near a row's
  // time, which is the common case of a first import.
  struct Span {
    std::int64_t from = INT64_MAX;
    std::int64_t to = INT64_MIN;
  };
  Span source_spans_[3];
  bool spans_changed_ = false;  // since they were last kept in play_source_spans
  TouchedRange touched_;
  PlayInsertQueue queue_;
  WriteCounts counts_;
  std::int64_t queued_ = 0;  // rows handed to the queue; those not inserted were duplicates
  enum class Keeping { no, yes, lost } keeping_listens_ = Keeping::no;
  std::vector<records::Listen> kept_listens_;
};

}  // namespace sonic::store
