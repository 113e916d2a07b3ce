#include "daily_rhythm.hpp"

#include <array>

namespace sonic::sim {
namespace {

constexpr int at(int hour, int minute = 0) { return hour * 60 + minute; }

// Every latest start is before midnight, so a session always belongs to the local day it
// starts on and "the first session of the day" is never a late night spilling over.
constexpr std::array<RoutineSlot, 5> kWeekday = {{
    {"commute", at(7), at(8, 45), 0.80, 6, 14, Place::on_the_move, 0.5, 0.10, 0.10},
    {"work focus", at(13, 30), at(15, 30), 0.70, 10, 25, Place::work, 0.3, 0.0, 0.0},
    {"commute home", at(17, 30), at(18, 30), 0.50, 5, 10, Place::on_the_move, 0.5, 0.05, 0.10},
    {"evening", at(19, 30), at(21, 45), 0.75, 8, 20, Place::home, 0.6, 0.0, 0.0},
    {"late night", at(22, 45), at(23, 45), 0.15, 4, 10, Place::home, 0.5, 0.0, 0.0},
}};

constexpr std::array<RoutineSlot, 4> kWeekend = {{
    {"late morning", at(10), at(12), 0.70, 5, 12, Place::home, 0.6, 0.05, 0.0},
    {"afternoon", at(15), at(17), 0.40, 5, 12, Place::on_the_move, 0.6, 0.0, 0.05},
    {"long evening", at(19, 30), at(21, 30), 0.85, 20, 40, Place::home, 0.6, 0.0, 0.0},
    {"late night", at(23), at(23, 50), 0.40, 6, 14, Place::home, 0.5, 0.0, 0.0},
}};

//                                 calm  happy energetic sad  focus
constexpr MoodWeights kMorning = {0.45, 0.25, 0.10, 0.05, 0.15};
constexpr MoodWeights kMidday = {0.20, 0.30, 0.15, 0.05, 0.30};
constexpr MoodWeights kAfternoon = {0.10, 0.10, 0.10, 0.05, 0.65};
constexpr MoodWeights kEvening = {0.05, 0.30, 0.50, 0.05, 0.10};
constexpr MoodWeights kLateNight = {0.30, 0.05, 0.05, 0.55, 0.05};

}  // namespace

std::span<const RoutineSlot> weekday_routine() { return kWeekday; }
std::span<const RoutineSlot> weekend_routine() { return kWeekend; }

MoodWeights mood_weights_at(int local_hour) {
  if (local_hour >= 5 && local_hour < 11) return kMorning;
  if (local_hour >= 11 && local_hour < 13) return kMidday;
  if (local_hour >= 13 && local_hour < 18) return kAfternoon;
  if (local_hour >= 18 && local_hour < 23) return kEvening;
  return kLateNight;
}

}  // namespace sonic::sim
