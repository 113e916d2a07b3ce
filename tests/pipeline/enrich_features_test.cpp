// Enrichment with ReccoBeats on a real store: what is stored, what is recorded, what is asked
// again and when, and how a bounded or interrupted run resumes.
#include <gtest/gtest.h>

#include <set>

#include "enrich_test_fixture.hpp"
#include "sonic/store/service_backoff.hpp"

namespace sonic::pipeline {
namespace {

using testing::Fault;

constexpr std::int64_t kNow = testing::FakeClock::kDefaultStartMs;

TEST_F(EnrichTest, StoresFeaturesAndRecordsUnknowns) {
  seed(10, 3, [](int i) { return i % 4 != 0; });  // 0, 4 and 8 are unknown to ReccoBeats
  const auto report = enrich(options());
  EXPECT_EQ(report.tracks_considered, 10);
  EXPECT_EQ(report.features_found, 7);
  EXPECT_EQ(report.features_unknown, 3);
  EXPECT_EQ(report.exit_code(), ExitCode::ok);
  EXPECT_EQ(count("SELECT count(*) FROM audio_features WHERE source = 'reccobeats'"), 7);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE service = 'reccobeats' AND status = "
                  "'found' AND next_retry_ms IS NULL AND attempted_ms = " +
                  std::to_string(kNow)),
            7);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE service = 'reccobeats' AND status = "
                  "'unknown' AND next_retry_ms = " +
                  std::to_string(kNow + 30 * kMsPerDay)),
            3);
  // The values are the ones served for that very track, matched through href.
  for (const int i : {1, 5, 9}) {
    const auto served = reccobeats_.features_of(spotify_id(i));
    auto row = db_.prepare("SELECT energy, valence, tempo, key, mode FROM audio_features WHERE track_id = ?1");
    row.bind(1, track_id(i));
    ASSERT_TRUE(row.step());
    EXPECT_DOUBLE_EQ(row.real(0), served["energy"].get<double>());
    EXPECT_DOUBLE_EQ(row.real(1), served["valence"].get<double>());
    EXPECT_DOUBLE_EQ(row.real(2), served["tempo"].get<double>());
    const int key = served["key"].get<int>();
    EXPECT_EQ(row.optional_integer(3), key == -1 ? std::nullopt : std::optional<std::int64_t>(key));
    EXPECT_EQ(row.integer(4), served["mode"].get<int>());
  }
}

TEST_F(EnrichTest, UndetectedKeyIsStoredAsNull) {
  seed(1, 1, [](int) { return false; });
  reccobeats_.add_track(spotify_id(0), {{"energy", 0.4}, {"key", -1}, {"mode", 1}});
  enrich(options());
  EXPECT_EQ(count("SELECT count(*) FROM audio_features WHERE key IS NULL AND energy = 0.4"), 1);
}

TEST_F(EnrichTest, UnknownsAreNotAskedAgainBeforeTheRetryInterval) {
  seed(6, 2, [](int i) { return i >= 2; });  // 0 and 1 unknown
  enrich(options());
  ASSERT_EQ(reccobeats_.request_count(), 1u);

  clock_.advance(std::chrono::milliseconds(29 * kMsPerDay));
  EXPECT_EQ(enrich(options()).tracks_considered, 0);
  EXPECT_EQ(reccobeats_.request_count(), 1u);  // nothing due: not one request

  clock_.advance(std::chrono::milliseconds(2 * kMsPerDay));
  reccobeats_.add_track(spotify_id(1));  // ReccoBeats has learnt one of them meanwhile
  const auto report = enrich(options());
  EXPECT_EQ(report.tracks_considered, 2);
  EXPECT_EQ(report.features_found, 1);
  EXPECT_EQ(report.features_unknown, 1);
  ASSERT_EQ(reccobeats_.request_count(), 2u);
  const auto asked = reccobeats_.asked_batches().back();
  EXPECT_EQ(std::set<std::string>(asked.begin(), asked.end()), (std::set<std::string>{spotify_id(0), spotify_id(1)}));
}

TEST_F(EnrichTest, TheRetryIntervalIsASetting) {
  seed(2, 1, [](int) { return false; });
  auto weekly = options();
  weekly.unknown_retry_ms = 7 * kMsPerDay;
  enrich(weekly);
  clock_.advance(std::chrono::milliseconds(8 * kMsPerDay));
  EXPECT_EQ(enrich(weekly).tracks_considered, 2);
  EXPECT_EQ(reccobeats_.request_count(), 2u);
}

TEST_F(EnrichTest, BatchesOfFortyNewestFirst) {
  seed(95, 7);
  const auto report = enrich(options());
  EXPECT_EQ(report.features_found, 95);
  const auto batches = reccobeats_.asked_batches();
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0].size(), 40u);
  EXPECT_EQ(batches[1].size(), 40u);
  EXPECT_EQ(batches[2].size(), 15u);
  EXPECT_EQ(batches[0].front(), spotify_id(94));  // the most recently played first
  EXPECT_EQ(batches[2].back(), spotify_id(0));
}

TEST_F(EnrichTest, BoundedRunsResumeWithoutAskingAnythingTwice) {
  seed(95, 7);
  auto bounded = options();
  bounded.limit = 30;
  EXPECT_EQ(enrich(bounded).tracks_considered, 30);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment"), 30);
  EXPECT_EQ(reccobeats_.asked_ids().front(), spotify_id(94));
  EXPECT_EQ(enrich(bounded).tracks_considered, 30);
  EXPECT_EQ(enrich(options()).tracks_considered, 35);
  EXPECT_EQ(enrich(options()).tracks_considered, 0);

  const auto asked = reccobeats_.asked_ids();
  EXPECT_EQ(asked.size(), 95u);
  EXPECT_EQ(std::set<std::string>(asked.begin(), asked.end()).size(), 95u);  // none twice
  for (const auto& batch : reccobeats_.asked_batches()) EXPECT_LE(batch.size(), 40u);
  EXPECT_EQ(count("SELECT count(*) FROM audio_features"), 95);
}

// Estimates (an artist's mean, imputed or from catalogs, and a catalog row matched by name only)
// yield to the track's own measured features; a catalog row matched by ID does not.
TEST_F(EnrichTest, CatalogFeaturesAreKeptAndEstimatedOnesReplaced) {
  seed(5, 1);
  const auto set_source = [&](int i, const char* source) {
    db_.prepare("INSERT INTO audio_features (track_id, source, energy, updated_ms) VALUES (?1, ?2, 0.123, 1)")
        .bind(1, track_id(i))
        .bind(2, source)
        .run();
  };
  set_source(0, "catalog:my_features.csv");
  set_source(1, "imputed:artist");
  set_source(2, "catalog_artist");
  set_source(3, "catalog_name:hits.csv");
  const auto report = enrich(options());
  EXPECT_EQ(report.features_found, 4);
  EXPECT_EQ(reccobeats_.asked_ids(),
            (std::vector<std::string>{spotify_id(4), spotify_id(3), spotify_id(2), spotify_id(1)}));
  EXPECT_EQ(count("SELECT count(*) FROM audio_features WHERE source = 'catalog:my_features.csv' "
                  "AND energy = 0.123"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM audio_features WHERE source = 'reccobeats'"), 4);
}

TEST_F(EnrichTest, KnownFeaturesAreNeverErasedByALaterUnknown) {
  seed(1, 1);
  enrich(options());
  // The track's record is lost (say, restored from an older backup), and ReccoBeats has
  // forgotten the track: the features already stored stay.
  db_.exec("DELETE FROM track_enrichment");
  testing::ReccoBeatsFake forgetful;
  auto elsewhere = options();
  elsewhere.endpoints.reccobeats = forgetful.base_url();
  EXPECT_EQ(enrich(elsewhere).tracks_considered, 0);  // it has features: not even asked
  EXPECT_EQ(count("SELECT count(*) FROM audio_features WHERE source = 'reccobeats' AND energy IS NOT NULL"), 1);
}

TEST_F(EnrichTest, LongRetryAfterRecordsABackoffAndStopsTheService) {
  seed(50, 5);
  reccobeats_.faults().set_retry_after("7200");
  reccobeats_.faults().add(Fault::rate_limited);
  const auto report = enrich(options());
  EXPECT_EQ(report.exit_code(), ExitCode::rate_limited);
  ASSERT_TRUE(report.stopped.contains("reccobeats"));
  const ServiceStop& stop = report.stopped.at("reccobeats");
  EXPECT_EQ(stop.reason, "rate_limited");
  EXPECT_EQ(stop.retry_at_ms, kNow + 7'200'000);
  EXPECT_EQ(reccobeats_.request_count(), 1u);  // stopped at once, not asked for the next batch
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment"), 0);
  EXPECT_EQ(count("SELECT retry_at_ms FROM service_backoff WHERE service = 'reccobeats'"), kNow + 7'200'000);
  EXPECT_THROW(report.throw_if_failed(), Error);

  // A later run before that time leaves ReccoBeats alone; ingest can tell at once.
  clock_.advance(std::chrono::minutes(30));
  const auto again = enrich(options());
  EXPECT_EQ(reccobeats_.request_count(), 1u);
  EXPECT_EQ(again.stopped.at("reccobeats").reason, "rate_limited");
  try {
    throw_if_backed_off(db_, "reccobeats", clock_.now_utc_ms());
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::rate_limited);
    EXPECT_NE(std::string(error.what()).find("2026-05-01T14:00:00.000Z"), std::string::npos) << error.what();
  }

  // After it, the service is asked again and the back-off is gone.
  clock_.advance(std::chrono::minutes(91));
  EXPECT_NO_THROW(throw_if_backed_off(db_, "reccobeats", clock_.now_utc_ms()));
  EXPECT_EQ(enrich(options()).features_found, 50);
  EXPECT_EQ(count("SELECT count(*) FROM service_backoff"), 0);
}

TEST_F(EnrichTest, AServiceThatIsDownStopsTheRunAfterCommittingWhatWasDone) {
  seed(100, 5);
  reccobeats_.faults().add(Fault::none);             // the first batch is answered, then only 500s
  reccobeats_.faults().add(Fault::server_error, 4);  // as many as the attempts of one call
  const auto report = enrich(options());
  EXPECT_EQ(report.exit_code(), ExitCode::network);
  EXPECT_EQ(report.stopped.at("reccobeats").reason, "network");
  EXPECT_EQ(report.features_found, 40);
  EXPECT_EQ(count("SELECT count(*) FROM audio_features"), 40);
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment"), 40);
  EXPECT_EQ(reccobeats_.request_count(), 5u);  // 1 + (1 + 3 retries)
  try {
    report.throw_if_failed();
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::network);
  }
  // The next run asks only for the 60 left.
  const auto rest = enrich(options());
  EXPECT_EQ(rest.features_found, 60);
  const auto asked = reccobeats_.asked_ids();
  EXPECT_EQ(std::set<std::string>(asked.begin(), asked.end()).size(), 100u);
}

TEST_F(EnrichTest, ARefusedBatchIsRecordedAsFailedAndAskedAgainSooner) {
  seed(3, 1);
  testing::StubServer refusing;
  refusing.script("GET", "/v1/audio-features", {testing::StubReply::json({{"code", 4002}}, 400)});
  auto refused = options();
  refused.endpoints.reccobeats = refusing.url();
  const auto report = enrich(refused);
  EXPECT_EQ(report.features_failed, 3);
  EXPECT_EQ(report.exit_code(), ExitCode::ok);  // one refusal is the batch's, not the service's
  EXPECT_EQ(count("SELECT count(*) FROM track_enrichment WHERE status = 'failed' AND next_retry_ms = " +
                  std::to_string(kNow + kMsPerDay)),
            3);
  clock_.advance(std::chrono::hours(25));
  EXPECT_EQ(enrich(options()).features_found, 3);
}

TEST_F(EnrichTest, AServiceThatRefusesEveryBatchIsGivenUp) {
  seed(200, 5);
  testing::StubServer refusing;
  refusing.script("GET", "/v1/audio-features", {testing::StubReply::error(404, "no such route")});
  auto wrong_url = options();
  wrong_url.endpoints.reccobeats = refusing.url();
  const auto report = enrich(wrong_url);
  EXPECT_EQ(refusing.request_count(), 3u);
  EXPECT_EQ(report.stopped.at("reccobeats").reason, "failing");
  EXPECT_EQ(report.exit_code(), ExitCode::unexpected);
  EXPECT_NE(report.stopped.at("reccobeats").message.find("HTTP 404"), std::string::npos);
}

TEST_F(EnrichTest, EnrichTracksAsksOnlyAboutTheGivenTracks) {
  seed(20, 4);
  const std::vector<std::int64_t> fresh = {track_id(3), track_id(11)};
  const auto report = enrich_tracks(db_, fresh, options());
  EXPECT_EQ(report.tracks_considered, 2);
  EXPECT_EQ(reccobeats_.asked_ids(), (std::vector<std::string>{spotify_id(11), spotify_id(3)}));
  EXPECT_EQ(enrich_tracks(db_, fresh, options()).tracks_considered, 0);  // already recorded
}

TEST_F(EnrichTest, ProgressIsReportedAfterEachTrack) {
  seed(45, 3);
  std::vector<std::size_t> done;
  auto watched = options();
  watched.on_progress = [&](const EnrichProgress& progress) {
    EXPECT_EQ(progress.total, 45u);
    done.push_back(progress.done);
  };
  enrich(watched);
  ASSERT_EQ(done.size(), 45u);
  EXPECT_EQ(done.front(), 1u);
  EXPECT_EQ(done.back(), 45u);
}

}  // namespace
}  // namespace sonic::pipeline
