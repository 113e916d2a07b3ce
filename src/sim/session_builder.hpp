#pragma once
// Turns one planned session (a routine slot and a start instant) into consecutive stream rows.
#include <cstdint>
#include <string>
#include <vector>

#include "daily_rhythm.hpp"
#include "sonic/core/random.hpp"
#include "sonic/sim/history.hpp"
#include "track_picker.hpp"

namespace sonic::sim {

class SessionBuilder {
 public:
  SessionBuilder(const Catalog& catalog, const SimulationOptions& options, SeededRandom& random);

  // Appends the session's streams to `rows` (and, rarely, an exact duplicate of one, as real
  // exports have) and returns what was planted.
  SimulatedSession build(const RoutineSlot& slot, std::int64_t start_ms, bool weekend, std::vector<StreamRow>& rows);

 private:
  // What stays the same for every stream of one session.
  struct Setting {
    LatentMood mood;
    std::string platform;
    std::string ip_addr;
    bool shuffle;
    bool offline;
    bool incognito;
  };

  Setting choose_setting(const RoutineSlot& slot, std::int64_t start_ms);
  StreamRow row_for(const Setting& setting, std::int64_t start_ms, std::int64_t ms_played) const;
  StreamRow podcast_row(const Setting& setting, std::int64_t start_ms, std::string reason_start);
  std::size_t next_track(const Setting& setting, std::int64_t at_ms, std::optional<std::size_t> previous);
  void append(StreamRow row, std::vector<StreamRow>& rows);
  int local_hour(std::int64_t utc_ms) const;

  const Catalog& catalog_;
  const SimulationOptions& options_;
  SeededRandom& random_;
  TrackPicker picker_;
  std::string phone_platform_;
  std::string desktop_platform_;
  std::size_t episodes_heard_ = 0;
};

}  // namespace sonic::sim
