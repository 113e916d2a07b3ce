#pragma once
// The hidden moods the simulated catalog is drawn from. Nothing downstream sees these labels:
// they exist so that clustering and the mood models have real structure to find, and so a demo
// can compare what sonic found with what was planted.
#include <array>
#include <cstddef>
#include <string_view>

namespace sonic::sim {

enum class LatentMood : int { calm, happy, energetic, sad, focus };

inline constexpr std::size_t kMoodCount = 5;
inline constexpr std::array<LatentMood, kMoodCount> kAllMoods = {
    LatentMood::calm, LatentMood::happy, LatentMood::energetic, LatentMood::sad, LatentMood::focus};

// One weight per mood, indexed by mood_index.
using MoodWeights = std::array<double, kMoodCount>;

constexpr std::size_t mood_index(LatentMood mood) { return static_cast<std::size_t>(mood); }

// "calm", "happy", "energetic", "sad", "focus".
std::string_view mood_name(LatentMood mood);

}  // namespace sonic::sim
