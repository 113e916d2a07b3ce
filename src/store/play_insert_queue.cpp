#include "sonic/store/play_insert_queue.hpp"

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
  return sql + " RETURNING start_ms, end_ms, track_id IS NOT NULL, is_short";
}

std::optional<std::int64_t> id_or_null(std::int64_t id) {
  return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

std::optional<std::string_view> text_or_null(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string_view>(text);
}

}  // namespace

PlayInsertQueue::PlayInsertQueue(Database& db)
    : many_(db.prepare(insert_sql(kRowsPerStatement))), one_(db.prepare(insert_sql(1))), rows_(kRowsPerStatement) {}

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
  while (statement.step()) {
    if (inserted_) {
      inserted_({statement.integer(0), statement.integer(1), statement.integer(2) != 0, statement.integer(3) != 0});
    }
  }
  statement.reset();
}

}  // namespace sonic::store
