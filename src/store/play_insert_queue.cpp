#include "sonic/store/play_insert_queue.hpp"

#include "sonic/core/error.hpp"

namespace sonic::store {
namespace {

constexpr int kColumns = 16;

std::string insert_sql(std::size_t rows) {
  std::string sql =
      "INSERT OR IGNORE INTO plays (track_id, episode_id, start_ms, end_ms, ms_played, is_short, "
      "source, platform, shuffle, skipped, reason_start, reason_end, offline, offline_ms, "
      "incognito, import_run_id) VALUES ";
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row ? ",(" : "(";
    for (int column = 0; column < kColumns; ++column) sql += column ? ",?" : "?";
    sql += ")";
  }
  return sql;
}

std::optional<std::int64_t> id_or_null(std::int64_t id) {
  return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

std::optional<std::string_view> text_or_null(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string_view>(text);
}

// A play's identity, as the unique indexes plays_identity_track and _episode see it.
struct Identity {
  std::int64_t end_ms;
  std::int64_t track_id;  // 0: none
  std::int64_t episode_id;
  std::int64_t ms_played;
  std::string source;

  bool operator==(const Identity&) const = default;
};

Identity identity_of(const QueuedPlay& play) {
  return {play.end_ms, play.track_id, play.episode_id, play.ms_played, sources::to_string(play.source)};
}

}  // namespace

PlayInsertQueue::PlayInsertQueue(Database& db)
    : db_(db),
      many_(db.prepare(insert_sql(kRowsPerStatement))),
      one_(db.prepare(insert_sql(1))),
      newest_(db.prepare("SELECT end_ms, coalesce(track_id, 0), coalesce(episode_id, 0), ms_played, source "
                         "FROM plays ORDER BY id DESC LIMIT ?1")),
      rows_(kRowsPerStatement) {}

QueuedPlay& PlayInsertQueue::add() {
  if (size_ == kRowsPerStatement) flush();
  return rows_[size_++];
}

void PlayInsertQueue::flush() {
  if (size_ == kRowsPerStatement) {
    run(many_, 0, size_);
  } else {
    for (std::size_t i = 0; i < size_; ++i) run(one_, i, 1);
  }
  size_ = 0;
}

void PlayInsertQueue::run(Statement& statement, std::size_t first, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    const QueuedPlay& play = rows_[first + i];
    const int base = static_cast<int>(i) * kColumns;
    statement.bind(base + 1, id_or_null(play.track_id))
        .bind(base + 2, id_or_null(play.episode_id))
        .bind(base + 3, play.start_ms)
        .bind(base + 4, play.end_ms)
        .bind(base + 5, play.ms_played)
        .bind(base + 6, play.is_short() ? 1 : 0)
        .bind_view(base + 7, std::string_view(sources::to_string(play.source)))
        .bind_view(base + 8, text_or_null(play.platform))
        .bind(base + 9, play.shuffle)
        .bind(base + 10, play.skipped)
        .bind_view(base + 11, text_or_null(play.reason_start))
        .bind_view(base + 12, text_or_null(play.reason_end))
        .bind(base + 13, play.offline)
        .bind(base + 14, play.offline_ms)
        .bind(base + 15, play.incognito)
        .bind(base + 16, id_or_null(play.import_run_id));
  }
  statement.run_rebinding_every_parameter();  // each of its rows' 16 columns was bound above
  tell_inserted(first, count, db_.changes());
}

void PlayInsertQueue::tell_inserted(std::size_t first, std::size_t count, int inserted) {
  if (!inserted_ || inserted == 0) return;
  if (static_cast<std::size_t>(inserted) == count) {
    for (std::size_t i = 0; i < count; ++i) inserted_(rows_[first + i]);
    return;
  }
  // Some rows were exact duplicates. The statement inserted the others in order, each with a
  // rowid above every earlier one, so they are the `inserted` newest rows. Matched in order
  // against the queue, a row that went in is the next of them: a row that did not go in never
  // matches a later one, since its identity was stored before it came, and a later row with
  // that identity would have been a duplicate too.
  std::vector<Identity> stored;  // read newest first (no temporary sort), matched oldest first
  newest_.bind(1, static_cast<std::int64_t>(inserted));
  while (newest_.step()) {
    stored.push_back({newest_.integer(0), newest_.integer(1), newest_.integer(2), newest_.integer(3), newest_.text(4)});
  }
  newest_.reset();
  std::vector<std::size_t> went_in;
  std::size_t next = first;
  for (auto row = stored.rbegin(); row != stored.rend(); ++row) {
    while (next < first + count && identity_of(rows_[next]) != *row) ++next;
    if (next == first + count) break;
    went_in.push_back(next++);
  }
  if (went_in.size() != static_cast<std::size_t>(inserted)) {
    throw Error(ExitCode::unexpected, "import: the plays just stored are not those queued");
  }
  for (const std::size_t i : went_in) inserted_(rows_[i]);
}

}  // namespace sonic::store
