#pragma once
// Plausible names for artists, tracks, albums and podcast episodes, built from word lists, plus
// the hand-written names that test escaping and Unicode all the way to a rendered report.
#include <span>
#include <string>

#include "sonic/core/random.hpp"
#include "sonic/sim/mood.hpp"

namespace sonic::sim {

std::string make_artist_name(SeededRandom& random);
std::string make_track_title(SeededRandom& random);
std::string make_album_title(SeededRandom& random);
std::string make_episode_title(int episode_number, SeededRandom& random);

// An artist with one track whose names are hostile to careless code.
struct PlantedTrack {
  const char* artist;
  const char* title;
  const char* album;
  LatentMood mood;
};
std::span<const PlantedTrack> planted_tracks();

// The podcast shows the listener follows.
std::span<const char* const> podcast_shows();

}  // namespace sonic::sim
