#include "sonic/store/schema.hpp"

#include <array>
#include <string>

#include "sonic/core/error.hpp"
#include "sonic/store/catalog_store.hpp"

namespace sonic::store {
namespace {

// Each entry takes the schema from version i to i + 1. Never edit a released migration:
// append a new one (the list has no written length, so branches that each append one merge by
// keeping both, numbered in merge order).
constexpr auto kMigrations = std::to_array<const char*>({
    // 1: the foundation: history, sessions, audio features and the import audit trail.
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE artists (
  id         INTEGER PRIMARY KEY,
  spotify_id TEXT UNIQUE,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL            -- normalised name, to match exports that carry no IDs
);
CREATE INDEX artists_by_name_key ON artists(name_key);

-- A track is known by its Spotify ID, or (basic exports carry none) by normalised artist + title
-- until an extended export or the API reveals the ID.
CREATE TABLE tracks (
  id          INTEGER PRIMARY KEY,
  spotify_id  TEXT UNIQUE,
  name        TEXT NOT NULL,
  artist_id   INTEGER NOT NULL REFERENCES artists(id),
  album_name  TEXT,
  duration_ms INTEGER,
  name_key    TEXT NOT NULL
);
CREATE INDEX tracks_by_name_key ON tracks(name_key);
CREATE INDEX tracks_by_artist ON tracks(artist_id);

CREATE TABLE track_artists (
  track_id  INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  artist_id INTEGER NOT NULL REFERENCES artists(id),
  PRIMARY KEY (track_id, position)
) WITHOUT ROWID;

-- Podcast episodes and audiobook chapters: stored, but kept out of music analytics.
CREATE TABLE episodes (
  id        INTEGER PRIMARY KEY,
  uri       TEXT UNIQUE,              -- spotify:episode:… or an audiobook chapter URI
  name_key  TEXT NOT NULL,            -- show + episode name, for the basic podcast export
  kind      TEXT NOT NULL CHECK (kind IN ('podcast', 'audiobook')),
  name      TEXT NOT NULL,
  show_name TEXT
);
CREATE INDEX episodes_by_name_key ON episodes(name_key);

CREATE TABLE import_runs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,          -- import | ingest
  started_ms  INTEGER NOT NULL,
  finished_ms INTEGER,
  status      TEXT NOT NULL CHECK (status IN ('ok', 'partial')),  -- partial: files failed
  files       INTEGER NOT NULL DEFAULT 0,
  rows_read   INTEGER NOT NULL DEFAULT 0,
  imported    INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  skipped     TEXT NOT NULL DEFAULT '{}',  -- JSON object: reason -> count
  error       TEXT
);

-- One row per file an import committed or passed over: the audit trail of every row's fate.
-- Rows are written in the transaction of the file they describe, so the trail never claims
-- more than the store holds; a file that fails an import is reported, not recorded.
CREATE TABLE import_files (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
  path        TEXT NOT NULL,
  layout      TEXT,
  status      TEXT NOT NULL CHECK (status IN ('imported', 'failed', 'skipped')),
  rows_read   INTEGER NOT NULL DEFAULT 0,
  imported    INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  skipped     TEXT NOT NULL DEFAULT '{}',
  error       TEXT
);

-- Times are UTC milliseconds. end_ms is when the stream ended (Spotify's ts); start = end - played.
CREATE TABLE plays (
  id            INTEGER PRIMARY KEY,
  track_id      INTEGER REFERENCES tracks(id),
  episode_id    INTEGER REFERENCES episodes(id),
  start_ms      INTEGER NOT NULL,
  end_ms        INTEGER NOT NULL,
  ms_played     INTEGER NOT NULL CHECK (ms_played >= 0),
  is_short      INTEGER NOT NULL,     -- under 30 s: Spotify does not count it as a listen
  source        TEXT NOT NULL CHECK (source IN ('extended', 'api', 'basic')),
  platform      TEXT,
  shuffle       INTEGER,
  skipped       INTEGER,
  reason_start  TEXT,
  reason_end    TEXT,
  offline       INTEGER,
  offline_ms    INTEGER,
  incognito     INTEGER,
  import_run_id INTEGER REFERENCES import_runs(id),
  CHECK ((track_id IS NULL) <> (episode_id IS NULL))
);
-- The identity of a play within one source (exact duplicates are dropped), and the index the
-- cross-source 90-second match walks. Time comes first: exports arrive in time order, so
-- inserts append to the index instead of landing at random pages (20% faster imports).
CREATE UNIQUE INDEX plays_identity_track ON plays(end_ms, track_id, ms_played, source)
  WHERE track_id IS NOT NULL;
CREATE UNIQUE INDEX plays_identity_episode ON plays(end_ms, episode_id, ms_played, source)
  WHERE episode_id IS NOT NULL;
CREATE INDEX plays_by_start ON plays(start_ms);

-- Listening sessions: music listens (30 s or more) separated by more than the session gap.
CREATE TABLE sessions (
  id         INTEGER PRIMARY KEY,
  start_ms   INTEGER NOT NULL,
  end_ms     INTEGER NOT NULL,
  plays      INTEGER NOT NULL,
  ms_played  INTEGER NOT NULL
);
CREATE INDEX sessions_by_start ON sessions(start_ms);
CREATE INDEX sessions_by_end ON sessions(end_ms);

CREATE TABLE audio_features (
  track_id         INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
  source           TEXT NOT NULL,     -- reccobeats | catalog:<file> | imputed:artist | demo
  acousticness     REAL,
  danceability     REAL,
  energy           REAL,
  instrumentalness REAL,
  key              INTEGER,
  liveness         REAL,
  loudness         REAL,
  mode             INTEGER,
  speechiness      REAL,
  tempo            REAL,
  valence          REAL,
  updated_ms       INTEGER NOT NULL
);
)sql",
    // 2: live ingestion and enrichment: what each service was asked about each track or artist,
    // the tags they carry, and when a rate-limited service may be called again.
    R"sql(
CREATE TABLE track_enrichment (
  track_id       INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  service        TEXT NOT NULL,      -- spotify_metadata | reccobeats | lastfm
  status         TEXT NOT NULL CHECK (status IN ('found', 'unknown', 'failed')),
  attempted_ms   INTEGER NOT NULL,
  next_retry_ms  INTEGER,            -- unknown/failed: not asked again before this time
  PRIMARY KEY (track_id, service)
) WITHOUT ROWID;

CREATE TABLE artist_enrichment (
  artist_id      INTEGER NOT NULL REFERENCES artists(id) ON DELETE CASCADE,
  service        TEXT NOT NULL,      -- lastfm
  status         TEXT NOT NULL CHECK (status IN ('found', 'unknown', 'failed')),
  attempted_ms   INTEGER NOT NULL,
  next_retry_ms  INTEGER,
  PRIMARY KEY (artist_id, service)
) WITHOUT ROWID;

-- Last.fm top tags; count is Last.fm's relative weight, 0..100.
CREATE TABLE track_tags (
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  tag      TEXT NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (track_id, tag)
) WITHOUT ROWID;

CREATE TABLE artist_tags (
  artist_id INTEGER NOT NULL REFERENCES artists(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (artist_id, tag)
) WITHOUT ROWID;

-- A service that answered 429 past the wait cap: cron runs before retry_at_ms exit 5 at once.
CREATE TABLE service_backoff (
  service     TEXT PRIMARY KEY,
  retry_at_ms INTEGER NOT NULL,
  reason      TEXT NOT NULL
);
)sql",
    // 3: moods and insight: the current mood clusters and each track's cluster, the mood
    // classifier's label for each track, cached narratives and the drift of each run.
    R"sql(
-- The current clustering only: `sonic cluster` replaces every row in one transaction.
CREATE TABLE mood_clusters (
  cluster     INTEGER PRIMARY KEY,   -- 0..k-1
  label       TEXT NOT NULL,         -- readable, e.g. "high energy, positive, electronic"
  size        INTEGER NOT NULL,      -- tracks assigned when the model was fitted
  centroid    TEXT NOT NULL,         -- JSON object: feature name -> value (clustering scale)
  model_id    TEXT NOT NULL          -- the model file's id (its run), shared by all rows
);

-- Each track's nearest centroid; new tracks are assigned without re-clustering.
CREATE TABLE track_clusters (
  track_id    INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
  cluster     INTEGER NOT NULL,
  distance    REAL NOT NULL,         -- Euclidean, clustering scale
  model_id    TEXT NOT NULL
);

-- The mood classifier's answer for each track (sonic predict mood).
CREATE TABLE track_moods (
  track_id    INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
  mood        TEXT NOT NULL,
  confidence  REAL NOT NULL,         -- the winning class's probability
  model_id    TEXT NOT NULL,
  predicted_ms INTEGER NOT NULL
);

-- Narratives by a hash of everything that went into them, so a re-run does not pay twice.
CREATE TABLE narratives (
  input_hash  TEXT PRIMARY KEY,      -- SHA-256 hex of prompt version, model and statistics
  narrator    TEXT NOT NULL,         -- "openai:<model>" or "offline"
  text        TEXT NOT NULL,
  created_ms  INTEGER NOT NULL
);

-- The drift computed by each run (sonic retrain, sonic report), kept as its JSON.
CREATE TABLE drift_runs (
  id          INTEGER PRIMARY KEY,
  computed_ms INTEGER NOT NULL,
  window_end_ms INTEGER NOT NULL,    -- the end of the recent 7 days
  report      TEXT NOT NULL          -- JSON
);
)sql",
    // 4: the catalog lab: whole track catalogs (sonic catalog import), apart from the history.
    R"sql(
CREATE TABLE catalogs (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  imported_ms INTEGER NOT NULL,
  columns     TEXT NOT NULL DEFAULT '[]'  -- JSON: the names of the kept other columns
);

-- One row per track of a catalog, the thirteen numbers as columns (NULL: not given) and every
-- other column of the file kept by name in `extra` (JSON object). Not keyed by track: a rowid
-- table appends fast, and the index finds a track.
CREATE TABLE catalog_tracks (
  catalog_id       INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
  track_id         TEXT NOT NULL,
  name             TEXT,
  artists          TEXT,
  album            TEXT,
  year             INTEGER,
  decade           INTEGER,
  acousticness     REAL,
  danceability     REAL,
  energy           REAL,
  instrumentalness REAL,
  key              INTEGER,
  liveness         REAL,
  loudness         REAL,
  mode             INTEGER,
  speechiness      REAL,
  tempo            REAL,
  valence          REAL,
  duration_ms      REAL,
  time_signature   REAL,
  extra            TEXT,
  source_file      TEXT NOT NULL
);
CREATE INDEX catalog_tracks_by_track ON catalog_tracks(catalog_id, track_id);
)sql",
    // 5: per source, the span of end times its plays cover, kept by PlayWriter as it writes, so
    // a writer learns where cross-source matches are possible without scanning every play (a
    // GROUP BY over plays cost 0.1 s per hourly ingest on a 1M-play store). The span only ever
    // widens: a stale, wider span costs a search that finds nothing, never a missed match.
    R"sql(
CREATE TABLE play_source_spans (
  source      TEXT PRIMARY KEY,
  from_end_ms INTEGER NOT NULL,
  to_end_ms   INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO play_source_spans (source, from_end_ms, to_end_ms)
  SELECT source, min(end_ms), max(end_ms) FROM plays GROUP BY source;
)sql",
    // 6: a mood for every track: where each track's cluster came from (its own features, or
    // propagated from its artist, co-listening or tags — mood/mood_propagation.hpp) and how sure
    // that is. Propagated rows have no features, so their distance is -1.
    R"sql(
ALTER TABLE track_clusters ADD COLUMN source TEXT NOT NULL DEFAULT 'features';
ALTER TABLE track_clusters ADD COLUMN confidence REAL NOT NULL DEFAULT 1;
)sql",
    // 7: the listens (music plays of 30 s or more) in track order, with the columns `sonic stats`
    // reads. Each whole-history count over listens (distinct tracks and artists, top tracks and
    // artists, local hours and years, feature coverage) was a full scan of the wide plays rows:
    // on a 1M-play store nine of them made `sonic stats` take as long as the import. This narrow
    // index answers them without touching plays; a query must name both WHERE terms to use it.
    R"sql(
CREATE INDEX plays_listens_by_track ON plays(track_id, start_ms, end_ms, ms_played)
  WHERE track_id IS NOT NULL AND is_short = 0;
)sql",
    // 8: the "beyond your library" pool of `sonic recommend`: each answer of Last.fm getSimilar and
    // ReccoBeats recommendation, kept 30 days so a re-run asks nothing twice. `answer` is the
    // parsed answer as JSON ('null': the service does not know the seed).
    R"sql(
CREATE TABLE discover_cache (
  source     TEXT NOT NULL,     -- lastfm.artist.getSimilar | lastfm.track.getSimilar | reccobeats.recommendation
  query      TEXT NOT NULL,     -- the seed, as asked
  fetched_ms INTEGER NOT NULL,
  answer     TEXT NOT NULL,
  PRIMARY KEY (source, query)
) WITHOUT ROWID;
)sql",
    // 9: catalogs read at the speed of their numbers. Each catalog keeps its track count (a
    // COUNT(*) over a 1.2M-track catalog's index cost 0.3 s per command), and its years,
    // decades and thirteen numbers again as column chunks of up to 8,192 rows, little-endian
    // int32 and float64 arrays (features row-major, 13 per row): trends and clusters read a
    // 1.2M-track catalog as 147 blobs instead of 1.2M wide rows. CatalogTrackWriter writes both
    // beside the rows; a catalog imported before this step has no chunks and is read row by row.
    R"sql(
ALTER TABLE catalogs ADD COLUMN tracks INTEGER NOT NULL DEFAULT 0;
UPDATE catalogs SET tracks = (SELECT COUNT(*) FROM catalog_tracks t WHERE t.catalog_id = catalogs.id);
CREATE TABLE catalog_feature_chunks (
  catalog_id  INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
  first_rowid INTEGER NOT NULL,  -- the catalog_tracks rowid of its first row
  rows        INTEGER NOT NULL,
  years       BLOB NOT NULL,
  decades     BLOB NOT NULL,
  features    BLOB NOT NULL,
  PRIMARY KEY (catalog_id, first_rowid)
);
)sql",
    // 10: the catalog fit `sonic report` places listens with (clusters, centroids, tracks per
    // decade; JSON), kept per catalog so a render reads it instead of refitting K-Means. A
    // re-import deletes the catalog row and with it the fit; `fingerprint` (the catalog's import
    // time and size, the fit's settings) refuses a fit made for anything else.
    R"sql(
CREATE TABLE catalog_placement_fits (
  catalog_id  INTEGER PRIMARY KEY REFERENCES catalogs(id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  fit         TEXT NOT NULL
);
)sql",
    // 11: plays' source rule as comparisons instead of IN. For an IN list of three or more
    // constants SQLite builds a temporary b-tree, and a many-row INSERT builds it again for every
    // row: 44% of the insert's instructions. The rule is the same; SQLite cannot alter a CHECK,
    // so the table is copied (ids kept) and its indexes built again exactly as steps 1 and 7 wrote
    // them. Not with ALTER TABLE … RENAME: that opens the connection's temporary database, after
    // which the bulk load's index build may not switch temp_store inside its transaction.
    R"sql(
CREATE TABLE plays_before_step_11 AS SELECT * FROM plays;
DROP TABLE plays;
CREATE TABLE plays (
  id            INTEGER PRIMARY KEY,
  track_id      INTEGER REFERENCES tracks(id),
  episode_id    INTEGER REFERENCES episodes(id),
  start_ms      INTEGER NOT NULL,
  end_ms        INTEGER NOT NULL,
  ms_played     INTEGER NOT NULL CHECK (ms_played >= 0),
  is_short      INTEGER NOT NULL,
  source        TEXT NOT NULL CHECK (source = 'extended' OR source = 'api' OR source = 'basic'),
  platform      TEXT,
  shuffle       INTEGER,
  skipped       INTEGER,
  reason_start  TEXT,
  reason_end    TEXT,
  offline       INTEGER,
  offline_ms    INTEGER,
  incognito     INTEGER,
  import_run_id INTEGER REFERENCES import_runs(id),
  CHECK ((track_id IS NULL) <> (episode_id IS NULL))
);
INSERT INTO plays (id, track_id, episode_id, start_ms, end_ms, ms_played, is_short, source, platform, shuffle,
                   skipped, reason_start, reason_end, offline, offline_ms, incognito, import_run_id)
  SELECT id, track_id, episode_id, start_ms, end_ms, ms_played, is_short, source, platform, shuffle, skipped,
         reason_start, reason_end, offline, offline_ms, incognito, import_run_id FROM plays_before_step_11;
DROP TABLE plays_before_step_11;
CREATE UNIQUE INDEX plays_identity_track ON plays(end_ms, track_id, ms_played, source)
  WHERE track_id IS NOT NULL;
CREATE UNIQUE INDEX plays_identity_episode ON plays(end_ms, episode_id, ms_played, source)
  WHERE episode_id IS NOT NULL;
CREATE INDEX plays_by_start ON plays(start_ms);
CREATE INDEX plays_listens_by_track ON plays(track_id, start_ms, end_ms, ms_played)
  WHERE track_id IS NOT NULL AND is_short = 0;
)sql",
    // 12: catalogs as column chunks only. A 1.2M-track import spent most of its time in SQLite
    // writing one wide row per track, its (catalog, track) index and the numbers again as chunks;
    // now every column is a chunk of up to 8,192 rows, numbered by row in the files' order:
    // track IDs (22 bytes each), artists, names and albums (text cells: uint32 ends, then the
    // bytes), years, decades and the thirteen numbers (as step 9's), each kept column under its
    // name (absent: no cell in those rows), and the IDs sorted with their rows (the lookup by
    // ID). move_catalog_rows_to_chunks (catalog_store.cpp) converts the catalogs already
    // imported and drops the old tables. IF NOT EXISTS: a test runs steps again over a store.
    R"sql(
CREATE TABLE IF NOT EXISTS catalog_chunks (
  catalog_id  INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
  first_row   INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  source_file TEXT NOT NULL,
  track_ids   BLOB NOT NULL,
  artists     BLOB NOT NULL,
  names       BLOB NOT NULL,
  albums      BLOB NOT NULL,
  PRIMARY KEY (catalog_id, first_row)
);
CREATE TABLE IF NOT EXISTS catalog_number_chunks (
  catalog_id INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
  first_row  INTEGER NOT NULL,
  rows       INTEGER NOT NULL,
  years      BLOB NOT NULL,
  decades    BLOB NOT NULL,
  features   BLOB NOT NULL,
  PRIMARY KEY (catalog_id, first_row)
);
CREATE TABLE IF NOT EXISTS catalog_kept_chunks (
  catalog_id  INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
  column_name TEXT NOT NULL,
  first_row   INTEGER NOT NULL,
  cells       BLOB NOT NULL,
  PRIMARY KEY (catalog_id, column_name, first_row)
);
CREATE TABLE IF NOT EXISTS catalog_id_index (
  catalog_id INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
  first_id   TEXT NOT NULL,
  ids        BLOB NOT NULL,  -- sorted, 22 bytes each
  rows       BLOB NOT NULL,  -- their rows, uint32
  PRIMARY KEY (catalog_id, first_id)
);
)sql",
});

// The version step 12 (catalogs as chunks) brings a store to: its old catalog rows are converted
// by code, not SQL (a merge that numbers the step differently changes this too).
constexpr int kCatalogChunksStep = 12;
static_assert(kCatalogChunksStep <= static_cast<int>(kMigrations.size()));

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate(Database& db) {
  const auto found = db.scalar("PRAGMA user_version");
  const int latest = latest_schema_version();
  if (found > latest) {
    throw InputError(db.path().string() + " was written by a newer sonic (schema version " + std::to_string(found) +
                     ", this sonic knows up to " + std::to_string(latest) + "); upgrade sonic to use it");
  }
  if (found == latest) return;
  // All pending steps in one transaction: an interrupted upgrade leaves the old schema intact.
  Transaction transaction(db);
  for (auto version = found; version < latest; ++version) {
    db.exec(kMigrations[static_cast<std::size_t>(version)]);
    if (version + 1 == kCatalogChunksStep) move_catalog_rows_to_chunks(db);
  }
  db.exec("PRAGMA user_version = " + std::to_string(latest));
  transaction.commit();
}

Database open_store(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  Database db = Database::open(path);
  migrate(db);
  return db;
}

void remove_store_files(const std::filesystem::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;
    std::filesystem::remove(path.string() + suffix, ignored);
  }
}

}  // namespace sonic::store
