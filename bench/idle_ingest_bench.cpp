// The store's share of an hourly `sonic ingest` that adds nothing, on a large history: Spotify's
// last 50 plays are all stored already. Imports EXPORT_FOLDER into a scratch store, then times
// (median of 9) one page as the ingest writes it: a new PlayWriter (each run makes one), the 50
// plays written as API plays (all cross-source duplicates), the counts, the session refresh and
// the commit. Also times the scan a PlayWriter used to make on creation (GROUP BY source over
// every play), for the before/after. The network is left out. Prints one JSON line.
#include <cstdio>
#include <filesystem>
#include <vector>

#include "bench_support.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/pipeline/refresh_sessions.hpp"
#include "sonic/store/play_export_query.hpp"
#include "sonic/store/play_writer.hpp"
#include "sonic/store/schema.hpp"

namespace {

// The newest 50 plays, as the recently-played endpoint would describe them.
std::vector<sonic::sources::PlayRecord> newest_plays_as_api(sonic::store::Database& db) {
  std::vector<sonic::sources::PlayRecord> newest;
  sonic::store::for_each_exported_play(db, [&](const sonic::store::ExportedPlay& play) {
    if (play.kind != "track" || play.spotify_id.empty() || play.ms_played < 30'000) return;
    sonic::sources::PlayRecord record;
    record.source = sonic::sources::PlaySource::api;
    record.track_id = play.spotify_id;
    record.track_name = play.track_name;
    record.artists = {{"", play.artist_name}};
    record.end_ms = play.end_ms;
    record.ms_played = play.ms_played;
    record.duration_ms = play.ms_played;
    newest.push_back(record);
    if (newest.size() > 50) newest.erase(newest.begin());
  });
  return newest;
}

int run(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: idle_ingest_bench EXPORT_FOLDER\n");
    return 2;
  }
  const std::filesystem::path folder = argv[1];
  const auto scratch = std::filesystem::temp_directory_path() / "sonic-idle-ingest-bench";
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  auto db = sonic::store::open_store(scratch / "sonic.db");
  sonic::pipeline::import_history(db, {folder}, {});
  const auto page = newest_plays_as_api(db);

  std::int64_t added = 0;
  const double ingest_seconds = sonic::bench::median_seconds(9, [&] {
    sonic::store::Transaction transaction(db);
    sonic::store::PlayWriter writer(db, 0);
    for (const auto& play : page) writer.write(play);
    added += writer.take_counts().imported;
    sonic::pipeline::refresh_sessions(db, writer.take_touched_range(), 30 * 60 * 1000);
    transaction.commit();
  });
  const double scan_seconds = sonic::bench::median_seconds(9, [&] {
    auto spans = db.prepare("SELECT source, min(end_ms), max(end_ms) FROM plays GROUP BY source");
    while (spans.step()) {
    }
  });
  sonic::bench::emit({{"task", "idle_ingest"},
                      {"tool", "sonic"},
                      {"data", folder.string()},
                      {"plays", db.scalar("SELECT count(*) FROM plays")},
                      {"page", page.size()},
                      {"added", added},
                      {"seconds", ingest_seconds},
                      {"old_group_by_scan_seconds", scan_seconds}});
  std::filesystem::remove_all(scratch);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return sonic::bench::run_main("idle_ingest_bench", run, argc, argv); }
