#include "name_maker.hpp"

#include <array>

#include "word_lists.hpp"

namespace sonic::sim {
namespace {

std::string pick(std::span<const std::string_view> list, SeededRandom& random) {
  return std::string(list[static_cast<std::size_t>(random.integer(0, static_cast<std::int64_t>(list.size()) - 1))]);
}

std::string adjective(SeededRandom& random) { return pick(words::adjectives(), random); }
std::string noun(SeededRandom& random) { return pick(words::nouns(), random); }
std::string person(SeededRandom& random) {
  return pick(words::first_names(), random) + " " + pick(words::last_names(), random);
}

constexpr std::array<PlantedTrack, 6> kPlanted = {{
    {"Zoë Dupré & Les Étoiles", "Café Crème", "Où est l'été ?", LatentMood::happy},
    {"坂本 花子", "夜の雨", "東京の夜", LatentMood::sad},
    {"The Quotation Marks", "Say \"Hello\" Again", "\"Live\" at the Hall", LatentMood::energetic},
    {"Bobby Tables", "<script>alert(1)</script>", "Sanitize Your Inputs", LatentMood::focus},
    {"Escape Characters", "Back\\slash Blues", "C:\\Music\\Final", LatentMood::calm},
    {"Commas, Semicolons; Co.", "Yes, And; Or", "Field Separators", LatentMood::happy},
}};

constexpr std::array<const char*, 3> kShows = {"Morning Signal", "Deep Work Radio", "Café Conversations"};

}  // namespace

std::string make_artist_name(SeededRandom& random) {
  switch (random.integer(0, 5)) {
    case 0:
      return "The " + adjective(random) + " " + noun(random) + "s";
    case 1:
    case 2:
      return person(random);
    case 3:
      return adjective(random) + " " + noun(random);
    case 4:
      return pick(words::first_names(), random) + " & the " + noun(random) + "s";
    default:
      return pick(words::places(), random) + " " + noun(random) + " Club";
  }
}

std::string make_track_title(SeededRandom& random) {
  switch (random.integer(0, 7)) {
    case 0:
    case 1:
      return adjective(random) + " " + noun(random);
    case 2:
      return pick(words::verbs(), random) + " " + noun(random) + "s";
    case 3:
      return noun(random) + " in " + pick(words::places(), random);
    case 4:
      return adjective(random) + " " + noun(random) + " (feat. " + person(random) + ")";
    case 5:
      return pick(words::verbs(), random) + " for the " + noun(random);
    case 6:
      return noun(random) + " - Acoustic";
    default:
      return "The " + noun(random) + " Song";
  }
}

std::string make_album_title(SeededRandom& random) {
  switch (random.integer(0, 4)) {
    case 0:
      return adjective(random) + " " + noun(random) + "s";
    case 1:
      return pick(words::places(), random) + " Sessions";
    case 2:
      return noun(random) + " & " + noun(random);
    case 3:
      return adjective(random) + " " + noun(random) + " (Deluxe Edition)";
    default:
      return "Songs from the " + noun(random);
  }
}

std::string make_episode_title(int episode_number, SeededRandom& random) {
  // Appended piece by piece: `"#" + std::string` trips a GCC 12 -Wrestrict false positive.
  std::string title = "#";
  title += std::to_string(episode_number);
  title += " – ";
  title += pick(words::verbs(), random) + " " + adjective(random) + " " + noun(random) + "s";
  return title;
}

std::span<const PlantedTrack> planted_tracks() { return kPlanted; }

std::span<const char* const> podcast_shows() { return kShows; }

}  // namespace sonic::sim
