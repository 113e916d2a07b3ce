#pragma once
// A store seeded through the real import with a synthetic extended history, and the ReccoBeats
// and Last.fm fakes the enrichment talks to. The fake clock drives "now" and every wait.
#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/lastfm_fake.hpp"
#include "fakes/reccobeats_fake.hpp"
#include "sonic/pipeline/enrich.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/store/schema.hpp"
#include "support/synthetic_history.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {

class EnrichTest : public ::testing::Test {
 protected:
  EnrichTest() : db_(store::open_store(dir_ / "sonic.db")) {}

  // `count` tracks by `artists` artists, all known to ReccoBeats unless `known` says otherwise.
  void seed(int count, int artists, const std::function<bool(int)>& known = {}) {
    tracks_ = testing::synthetic_tracks(count, artists);
    import_history(db_, {testing::write_extended_history(dir_ / "export", tracks_)}, {});
    for (int i = 0; i < count; ++i) {
      if (!known || known(i)) reccobeats_.add_track(tracks_[static_cast<std::size_t>(i)].spotify_id);
    }
  }

  EnrichOptions options(bool with_tags = false) const {
    EnrichOptions options;
    options.endpoints.reccobeats = reccobeats_.base_url();
    options.endpoints.lastfm = lastfm_.base_url();
    options.tags = with_tags;
    options.lastfm_api_key = testing::LastfmFake::kApiKey;
    options.reccobeats_interval = std::chrono::milliseconds(0);
    options.lastfm_interval = std::chrono::milliseconds(0);
    options.clock = &clock_;
    return options;
  }

  EnrichResult enrich(const EnrichOptions& options) { return enrich_history(db_, options); }

  std::int64_t count(const std::string& sql) { return db_.scalar(sql); }
  std::int64_t track_id(int index) {
    auto query = db_.prepare("SELECT id FROM tracks WHERE spotify_id = ?1");
    query.bind(1, tracks_[static_cast<std::size_t>(index)].spotify_id);
    return query.step() ? query.integer(0) : -1;
  }
  const std::string& spotify_id(int index) const { return tracks_[static_cast<std::size_t>(index)].spotify_id; }

  testing::ReccoBeatsFake reccobeats_;  // the fakes outlive the clients a run makes
  testing::LastfmFake lastfm_;
  mutable testing::FakeClock clock_;
  testing::TempDir dir_;
  store::Database db_;
  std::vector<testing::SyntheticTrack> tracks_;
};

}  // namespace sonic::pipeline
