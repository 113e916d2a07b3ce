#include "sonic/sim/mood.hpp"

namespace sonic::sim {

std::string_view mood_name(LatentMood mood) {
  switch (mood) {
    case LatentMood::calm:
      return "calm";
    case LatentMood::happy:
      return "happy";
    case LatentMood::energetic:
      return "energetic";
    case LatentMood::sad:
      return "sad";
    case LatentMood::focus:
      return "focus";
  }
  return "unknown";
}

}  // namespace sonic::sim
