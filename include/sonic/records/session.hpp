#pragma once
// A listening session (a row of the sessions table): listens with no more than the session gap
// between the end of the listening so far and the next start (features/sessions.hpp groups them).
#include <cstdint>

namespace sonic::records {

struct Session {
  std::int64_t start_ms;
  std::int64_t end_ms;  // the latest end among its listens (plays may overlap)
  std::int64_t plays;
  std::int64_t ms_played;
};

}  // namespace sonic::records
