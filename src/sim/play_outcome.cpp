#include "play_outcome.hpp"

#include <algorithm>
#include <array>

namespace sonic::sim {
namespace {

constexpr double kBaseSkipChance = 0.07;
constexpr double kOffMoodSkipChance = 0.15;  // added when the track does not fit
constexpr double kShuffleSkipChance = 0.04;  // added under shuffle
constexpr double kBackButtonChance = 0.02;

// A full play stops a few hundred milliseconds short of the track's end, as in real exports.
std::int64_t played_through(std::int64_t duration_ms, SeededRandom& random) {
  return std::max<std::int64_t>(1, duration_ms - random.integer(0, 1200));
}

std::int64_t partly_played(std::int64_t duration_ms, SeededRandom& random) {
  return random.integer(30'000, std::max<std::int64_t>(30'000, duration_ms - 5'000));
}

PlayOutcome session_ending(const PlayCircumstances& play, SeededRandom& random) {
  // The last stream of a session: finished, or stopped by the listener, the app or the OS.
  static constexpr std::array<const char*, 4> kEndings = {"trackdone", "endplay", "logout",
                                                          "unexpected-exit-while-paused"};
  static constexpr std::array<double, 4> kWeights = {0.45, 0.40, 0.10, 0.05};
  const std::size_t ending = random.weighted_index(kWeights);
  const std::int64_t ms_played =
      ending == 0 ? played_through(play.duration_ms, random) : partly_played(play.duration_ms, random);
  return {ms_played, kEndings[ending], false};
}

}  // namespace

PlayOutcome decide_outcome(const PlayCircumstances& play, SeededRandom& random) {
  const double skip_chance =
      kBaseSkipChance + (play.off_mood ? kOffMoodSkipChance : 0.0) + (play.shuffle ? kShuffleSkipChance : 0.0);
  if (random.chance(skip_chance)) {
    // Under Spotify's 30-second rule a skip is not a play; importers drop these rows.
    return {random.integer(1'500, 29'000), "fwdbtn", true};
  }
  if (play.last_of_session) return session_ending(play, random);
  if (random.chance(kBackButtonChance)) {
    return {partly_played(play.duration_ms, random), "backbtn", false};
  }
  return {played_through(play.duration_ms, random), "trackdone", false};
}

const char* opening_reason(SeededRandom& random) {
  static constexpr std::array<const char*, 4> kOpenings = {"clickrow", "playbtn", "appload", "remote"};
  static constexpr std::array<double, 4> kWeights = {0.55, 0.20, 0.15, 0.10};
  return kOpenings[random.weighted_index(kWeights)];
}

std::string following_reason(const std::string& previous_reason_end) {
  // The button that ended one stream started the next; after a natural end the next track
  // starts with "trackdone". Anything else (a podcast stopped by hand) means a fresh click.
  if (previous_reason_end == "trackdone" || previous_reason_end == "fwdbtn" || previous_reason_end == "backbtn") {
    return previous_reason_end;
  }
  return "clickrow";
}

}  // namespace sonic::sim
