#include "sonic/features/sessions.hpp"

#include <algorithm>

namespace sonic::features {

std::vector<records::Session> group_into_sessions(std::span<const records::Listen> listens, std::int64_t gap_ms) {
  std::vector<records::Session> sessions;
  for (const records::Listen& listen : listens) {
    if (sessions.empty() || listen.start_ms - sessions.back().end_ms > gap_ms) {
      sessions.push_back({listen.start_ms, listen.end_ms, 0, 0});
    }
    records::Session& current = sessions.back();
    current.end_ms = std::max(current.end_ms, listen.end_ms);
    current.plays += 1;
    current.ms_played += listen.ms_played;
  }
  return sessions;
}

}  // namespace sonic::features
