#pragma once
// Plays on their way into the table, written many to a statement: a single-row INSERT pays for
// opening and closing four b-tree cursors every time, which was most of an import's SQLite
// cost. INSERT OR IGNORE drops exact duplicates; the count of changed rows tells whether every
// row went in, which is the common case. Only when some did not are the statement's new rows
// read back to tell which (a RETURNING clause would say so for every row, but it costs a fifth
// of each row's insert: SQLite buffers every returned row in a temporary table).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sonic/sources/play_record.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

struct QueuedPlay {
  std::int64_t track_id = 0;  // exactly one of track_id and episode_id is set
  std::int64_t episode_id = 0;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::int64_t ms_played = 0;
  sources::PlaySource source = sources::PlaySource::extended;
  std::string platform;
  std::string reason_start;
  std::string reason_end;
  std::optional<std::int64_t> shuffle;
  std::optional<std::int64_t> skipped;
  std::optional<std::int64_t> offline;
  std::optional<std::int64_t> offline_ms;
  std::optional<std::int64_t> incognito;
  std::int64_t import_run_id = 0;

  bool is_short() const { return ms_played < sources::kShortPlayMs; }
};

class PlayInsertQueue {
 public:
  static constexpr std::size_t kRowsPerStatement = 32;

  explicit PlayInsertQueue(Database& db);

  QueuedPlay& add();  // a slot to fill; flushed automatically when a statement's worth is queued
  // Writes every queued row, telling `inserted` about each one that went in.
  void flush();
  void discard() { size_ = 0; }
  void on_inserted(std::function<void(const QueuedPlay&)> callback) { inserted_ = std::move(callback); }

 private:
  void run(Statement& statement, std::size_t first, std::size_t count);
  void tell_inserted(std::size_t first, std::size_t count, int inserted);

  Database& db_;
  Statement many_;
  Statement one_;
  Statement newest_;              // the identities of the rows inserted last, newest first
  std::vector<QueuedPlay> rows_;  // reused: strings keep their capacity
  std::size_t size_ = 0;
  std::function<void(const QueuedPlay&)> inserted_;
};

}  // namespace sonic::store
