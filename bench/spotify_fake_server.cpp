// The tests' fake Spotify (accounts token endpoint and recently-played, the real wire format)
// and fake ReccoBeats as one standalone loopback program, for `bench/run serve-soak`: `sonic
// ingest` runs against it again and again while `sonic serve` answers, and the soak then checks
// that the store holds every play the fake served exactly once.
//
//   spotify_fake_server PLAYS INTERVAL_MS SERVED_FILE [FIRST_PLAYED_AT_MS]
//
// Prints one JSON line with the environment `sonic ingest` needs (SPOTIFY_ACCOUNTS_URL,
// SPOTIFY_API_URL, SPOTIFY_CLIENT_ID, SPOTIFY_REFRESH_TOKEN, RECCOBEATS_URL), then makes a new
// play appear every INTERVAL_MS until PLAYS have, each 200 s after the last (the first at
// FIRST_PLAYED_AT_MS, by default two days ago; all must be in the past, as Spotify's are) and on
// one of 40 tracks (so tracks repeat, as in real listening).
// Then it writes SERVED_FILE ("spotify_track_id<TAB>played_at_ms" per play, through a temporary
// file and a rename so a reader never sees half of it), prints {"plays_added":…}, and serves
// until SIGTERM or SIGINT, when it prints how many recently-played and token requests it answered.
#include <pthread.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "fakes/reccobeats_fake.hpp"
#include "fakes/spotify_fake.hpp"

namespace {

constexpr int kDistinctTracks = 40;
constexpr std::int64_t kPlaySpacingMs = 200'000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void write_served(const std::filesystem::path& file, const std::vector<std::pair<std::string, std::int64_t>>& plays) {
  const auto temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const auto& [track, played_at] : plays) out << track << '\t' << played_at << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, file);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: spotify_fake_server PLAYS INTERVAL_MS SERVED_FILE [FIRST_PLAYED_AT_MS]\n";
    return 2;
  }
  const int plays = std::atoi(argv[1]);
  const int interval_ms = std::atoi(argv[2]);
  const std::filesystem::path served_file = argv[3];
  const std::int64_t first_ms =
      argc == 5 ? std::atoll(argv[4]) / 1000 * 1000 : (now_ms() - 2 * 86'400'000) / 1000 * 1000;
  if (plays < 1 || interval_ms < 0 || first_ms <= 0 || first_ms + plays * kPlaySpacingMs > now_ms()) {
    std::cerr << "spotify_fake_server: PLAYS must be at least 1, INTERVAL_MS not negative, and every play "
                 "(200 s apart from FIRST_PLAYED_AT_MS) in the past\n";
    return 2;
  }
  // Blocked before the servers start their threads, so only sigwait below sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  using sonic::testing::fake_play;
  using sonic::testing::fake_track_id;
  sonic::testing::SpotifyFake spotify;
  sonic::testing::ReccoBeatsFake reccobeats;
  for (int n = 0; n < kDistinctTracks; ++n) reccobeats.add_track(fake_track_id(n));
  // Every `sonic ingest` run starts from SPOTIFY_REFRESH_TOKEN, as cron's would.
  spotify.rotate_refresh_tokens(false);
  nlohmann::json environment = spotify.env();
  environment["SPOTIFY_REFRESH_TOKEN"] = spotify.issue_refresh_token();
  environment["RECCOBEATS_URL"] = reccobeats.base_url();
  std::cout << environment.dump() << std::endl;

  std::vector<std::pair<std::string, std::int64_t>> added;
  for (int n = 0; n < plays; ++n) {
    const std::int64_t played_at = first_ms + n * kPlaySpacingMs;
    spotify.add_play(fake_play(n % kDistinctTracks, played_at));
    added.emplace_back(fake_track_id(n % kDistinctTracks), played_at);
    std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
  }
  write_served(served_file, added);
  std::cout << nlohmann::json{{"plays_added", added.size()}}.dump() << std::endl;

  int signal = 0;
  sigwait(&stop, &signal);
  std::cout << nlohmann::json{{"recently_played_requests",
                               spotify.requests("GET", sonic::testing::kRecentlyPlayedPath).size()},
                              {"token_requests", spotify.requests("POST", sonic::testing::kTokenPath).size()}}
                   .dump()
            << std::endl;
  return 0;
}
