#include "sonic/playlist/selection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace sonic::playlist {
namespace {

Candidate track(std::int64_t id, std::int64_t artist, std::optional<double> energy, double affinity = 0.5) {
  Candidate candidate;
  candidate.track.track_id = id;
  candidate.track.name = "Track " + std::to_string(id);
  candidate.track.artist_id = artist;
  candidate.track.artist = "Artist " + std::to_string(artist);
  candidate.track.energy = energy;
  candidate.track.duration_ms = 200'000;
  candidate.affinity = affinity;
  candidate.plays = 3;
  return candidate;
}

Constraints energy_between(double low, double high, int songs) {
  Constraints constraints;
  constraints.ranges["energy"] = {low, high};
  constraints.size.songs = songs;
  return constraints;
}

std::vector<std::int64_t> ids(const Selection& selection) {
  std::vector<std::int64_t> chosen;
  for (const auto& item : selection.tracks) chosen.push_back(item.candidate.track.track_id);
  return chosen;
}

TEST(SelectionTest, HardRangesFilterAndClosenessToTheCentreRanks) {
  // Range 0.6..1.0, centre 0.8; equal affinity, so the nearest to 0.8 comes first.
  const std::vector<Candidate> library = {track(1, 1, 0.62), track(2, 2, 0.80), track(3, 3, 0.30), track(4, 4, 0.90),
                                          track(5, 5, 1.00)};
  const auto selection = select_tracks(library, energy_between(0.6, 1.0, 3), nullptr);
  EXPECT_EQ(ids(selection), (std::vector<std::int64_t>{2, 4, 1}));  // 0, 0.10 and 0.18 from the centre; 1.00 is 0.20
  EXPECT_EQ(selection.fitting, 4);
  EXPECT_EQ(selection.candidates, 5);
  EXPECT_FALSE(selection.ran_dry);
  for (const auto& chosen : selection.tracks)
    EXPECT_TRUE(satisfies_hard_constraints(chosen.candidate.track, energy_between(0.6, 1.0, 3), nullptr));
}

TEST(SelectionTest, AffinityBreaksTiesInCloseness) {
  const std::vector<Candidate> library = {track(1, 1, 0.8, 0.1), track(2, 2, 0.8, 0.9)};
  EXPECT_EQ(ids(select_tracks(library, energy_between(0.6, 1.0, 2), nullptr)), (std::vector<std::int64_t>{2, 1}));
}

TEST(SelectionTest, AtMostTwoTracksPerArtist) {
  std::vector<Candidate> library;
  for (int i = 1; i <= 5; ++i) library.push_back(track(i, 7, 0.8));
  library.push_back(track(6, 8, 0.7));
  const auto selection = select_tracks(library, energy_between(0.6, 1.0, 4), nullptr);
  EXPECT_EQ(ids(selection), (std::vector<std::int64_t>{1, 2, 6}));
  EXPECT_EQ(selection.ran_dry, "at most 2 tracks per artist");
}

TEST(SelectionTest, AShortListNamesTheConstraintThatRanDry) {
  const std::vector<Candidate> library = {track(1, 1, 0.9), track(2, 2, 0.2), track(3, 3, 0.1)};
  const auto selection = select_tracks(library, energy_between(0.7, 1.0, 5), nullptr);
  EXPECT_EQ(ids(selection), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(selection.ran_dry, "energy 0.70-1.00");
  ASSERT_EQ(selection.notes.size(), 1u);
  EXPECT_EQ(selection.notes[0],
            "only 1 tracks fit (asked for 5 tracks): energy 0.70-1.00 ran dry, ruling out 2 of 3 tracks in your "
            "library");
}

TEST(SelectionTest, AFeaturelessTrackEntersOnlyThroughItsMoodOrCluster) {
  auto by_mood = track(1, 1, std::nullopt);
  by_mood.track.mood = "energetic";
  auto by_cluster = track(2, 2, std::nullopt);
  by_cluster.track.cluster_label = "high energy, positive, danceable";
  auto unknown = track(3, 3, std::nullopt);
  auto wrong_mood = track(4, 4, std::nullopt);
  wrong_mood.track.mood = "calm";
  Constraints constraints = energy_between(0.7, 1.0, 10);
  constraints.mood = "energetic";
  const auto selection = select_tracks({by_mood, by_cluster, unknown, wrong_mood}, constraints, nullptr);
  ASSERT_EQ(ids(selection), (std::vector<std::int64_t>{1, 2}));
  EXPECT_TRUE(selection.tracks[0].via_mood);
  EXPECT_EQ(selection.tracks[0].why.rfind("no audio features; its mood label is energetic", 0), 0u);
  EXPECT_EQ(selection.tracks[1].why.rfind("no audio features; its mood cluster is 'high energy, positive", 0), 0u);
  EXPECT_EQ(selection.ran_dry, "audio features (none, and no matching mood)");
}

TEST(SelectionTest, BuildUpAndWindDownOrderByEnergy) {
  const std::vector<Candidate> library = {track(1, 1, 0.5), track(2, 2, 0.9), track(3, 3, 0.1)};
  Constraints constraints;
  constraints.size.songs = 3;
  constraints.ordering = Ordering::build_up;
  EXPECT_EQ(ids(select_tracks(library, constraints, nullptr)), (std::vector<std::int64_t>{3, 1, 2}));
  constraints.ordering = Ordering::wind_down;
  EXPECT_EQ(ids(select_tracks(library, constraints, nullptr)), (std::vector<std::int64_t>{2, 1, 3}));
}

TEST(SelectionTest, ADurationFillsUntilReached) {
  std::vector<Candidate> library;
  for (int i = 1; i <= 30; ++i) library.push_back(track(i, i, 0.5));  // 200 s each
  Constraints constraints;
  constraints.size.minutes = 10;  // 600 s: three tracks
  const auto selection = select_tracks(library, constraints, nullptr);
  EXPECT_EQ(selection.tracks.size(), 3u);
  EXPECT_EQ(selection.duration_ms, 600'000);
}

TEST(SelectionTest, TheTimeOfDayWeighsWhenAsked) {
  auto evening = track(1, 1, 0.5, 0.2);
  evening.time_fit = 1.0;
  auto always = track(2, 2, 0.5, 0.9);
  Constraints constraints;
  constraints.size.songs = 1;
  EXPECT_EQ(ids(select_tracks({evening, always}, constraints, nullptr)), (std::vector<std::int64_t>{2}));
  constraints.time_of_day = "evening";
  EXPECT_EQ(ids(select_tracks({evening, always}, constraints, nullptr)), (std::vector<std::int64_t>{1}));
}

class FixedDiscovery : public DiscoverySource {
 public:
  std::string name() const override { return "fixed"; }
  std::vector<Candidate> discover(const Constraints&, std::size_t count) override {
    asked = count;
    return {track(100, 100, 0.8), track(101, 101, 0.1), track(102, 102, 0.9)};
  }
  std::size_t asked = 0;
};

TEST(SelectionTest, TheDiscoveryShareComesFromTheSourceOrTheLibraryWithANote) {
  std::vector<Candidate> library;
  for (int i = 1; i <= 10; ++i) library.push_back(track(i, i, 0.8));
  Constraints constraints = energy_between(0.6, 1.0, 10);
  constraints.discovery_share = 0.3;
  const auto without = select_tracks(library, constraints, nullptr);
  EXPECT_EQ(without.tracks.size(), 10u);
  ASSERT_EQ(without.notes.size(), 1u);
  EXPECT_NE(without.notes[0].find("asked for 30% new tracks, but no discovery source"), std::string::npos);

  FixedDiscovery discovery;
  const auto with = select_tracks(library, constraints, &discovery);
  EXPECT_EQ(discovery.asked, 3u);
  const auto chosen = ids(with);
  ASSERT_EQ(chosen.size(), 10u);
  // Two discovered tracks pass the energy range (101 does not); the library fills the rest.
  EXPECT_EQ(std::count_if(with.tracks.begin(), with.tracks.end(),
                          [](const ChosenTrack& item) { return item.candidate.from_discovery; }),
            2);
  EXPECT_EQ(std::find(chosen.begin(), chosen.end(), 101), chosen.end());
  ASSERT_EQ(with.notes.size(), 1u);
  EXPECT_EQ(with.notes[0], "only 2 of the 3 new tracks asked for fit from fixed; your library filled the rest");
}

class LibraryRediscovery : public DiscoverySource {
 public:
  std::string name() const override { return "rediscoveries"; }
  std::vector<Candidate> discover(const Constraints&, std::size_t) override {
    return {track(4, 4, 0.8), track(5, 5, 0.8), track(6, 6, 0.8)};
  }
};

TEST(SelectionTest, ADiscoveredTrackThatIsAlsoInTheLibraryIsChosenOnce) {
  std::vector<Candidate> library;
  for (int i = 1; i <= 6; ++i) library.push_back(track(i, i, 0.8));
  Constraints constraints = energy_between(0.6, 1.0, 6);
  constraints.discovery_share = 0.5;
  LibraryRediscovery discovery;
  const auto chosen = ids(select_tracks(library, constraints, &discovery));
  EXPECT_EQ(std::set<std::int64_t>(chosen.begin(), chosen.end()).size(), chosen.size());
  EXPECT_EQ(chosen.size(), 6u);
  // The three discovered come first (steady keeps the order they were taken in).
  EXPECT_EQ(std::set<std::int64_t>(chosen.begin(), chosen.begin() + 3), (std::set<std::int64_t>{4, 5, 6}));
}

// A never-heard catalog track (a low affinity: only evidence) and an own rediscovery (a high one).
class CatalogAndRediscovery : public DiscoverySource {
 public:
  std::string name() const override { return "catalogs and rediscoveries"; }
  std::vector<Candidate> discover(const Constraints&, std::size_t) override {
    Candidate fresh = track(-1, -1, 0.8, 0.05);
    fresh.never_heard = true;
    fresh.discovery_reason = "more by Artist 3, whom you play (catalog)";
    Candidate fresh_outside = track(-2, -2, 0.1, 1.0);  // out of the energy range: never chosen
    fresh_outside.never_heard = true;
    return {track(4, 4, 0.8, 0.95), fresh, fresh_outside};
  }
};

TEST(SelectionTest, NeverHeardTracksFillTheDiscoveryShareBeforeRediscoveriesAndSayWhy) {
  std::vector<Candidate> library;
  for (int i = 1; i <= 6; ++i) library.push_back(track(i, i, 0.8));
  Constraints constraints = energy_between(0.6, 1.0, 4);
  constraints.discovery_share = 0.5;  // two new tracks
  CatalogAndRediscovery discovery;
  const auto selection = select_tracks(library, constraints, &discovery);
  const auto chosen = ids(selection);
  ASSERT_EQ(chosen.size(), 4u);
  // The never-heard track first although the rediscovery's affinity ranks higher, then the
  // rediscovery; -2 is out of range.
  EXPECT_EQ(chosen[0], -1);
  EXPECT_EQ(chosen[1], 4);
  EXPECT_EQ(std::find(chosen.begin(), chosen.end(), -2), chosen.end());
  EXPECT_EQ(selection.tracks[0].why, "energy 0.80; new to you: more by Artist 3, whom you play (catalog)");
  EXPECT_EQ(selection.tracks[1].why, "energy 0.80; resurfaced from your library: played 3x");
  EXPECT_EQ(selection.tracks[2].why, "energy 0.80; played 3x");
  EXPECT_TRUE(selection.notes.empty());
}

}  // namespace
}  // namespace sonic::playlist
