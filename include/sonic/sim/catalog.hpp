#pragma once
// A fake but plausible music catalog: artists who lean towards one mood, their albums and
// tracks with Spotify-style IDs and audio features, plus a few podcast episodes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sonic/sim/mood.hpp"

namespace sonic::sim {

// Spotify's audio-features fields and ranges. Values are rounded to three decimals when drawn,
// so what the CSV says is exactly what the simulation used.
struct AudioFeatures {
  double danceability = 0;      // 0..1
  double energy = 0;            // 0..1
  int key = 0;                  // -1 (no key detected) .. 11
  double loudness = 0;          // -30..0 dB
  int mode = 1;                 // 0 minor, 1 major
  double speechiness = 0;       // 0..1
  double acousticness = 0;      // 0..1
  double instrumentalness = 0;  // 0..1
  double liveness = 0;          // 0..1
  double valence = 0;           // 0..1
  double tempo = 0;             // 60..200 BPM
};

struct CatalogTrack {
  std::string id;  // 22 base62 characters; the URI is "spotify:track:" + id
  std::string title;
  std::string artist;
  std::string album;
  std::int64_t duration_ms = 0;  // 2..7 minutes
  LatentMood mood = LatentMood::calm;
  AudioFeatures features;

  std::string uri() const { return "spotify:track:" + id; }
};

struct PodcastEpisode {
  std::string id;  // 22 base62 characters; the URI is "spotify:episode:" + id
  std::string name;
  std::string show_name;
  std::int64_t duration_ms = 0;

  std::string uri() const { return "spotify:episode:" + id; }
};

struct Catalog {
  std::vector<CatalogTrack> tracks;
  std::vector<std::string> artists;      // every artist has at least one track
  std::vector<PodcastEpisode> episodes;  // show by show, in release order
};

// Same (track_count, seed) ⇒ the same catalog, on any platform. track_count ≥ 10; there are
// about track_count / 5 artists. Some names are chosen to test escaping and Unicode: an
// ampersand, double quotes, accents, CJK, a backslash and a track titled
// `<script>alert(1)</script>`.
Catalog generate_catalog(std::size_t track_count, std::uint64_t seed);

}  // namespace sonic::sim
