#pragma once
// A music listen as sessions are made of: a track played 30 s or more (not an episode).
#include <cstdint>

namespace sonic::records {

struct Listen {
  std::int64_t start_ms;
  std::int64_t end_ms;
  std::int64_t ms_played;
};

}  // namespace sonic::records
