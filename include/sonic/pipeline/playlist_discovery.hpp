#pragma once
// The discovery share of `sonic playlist` from taste's pools of the person's own history:
// rediscoveries (tracks not heard for 90 days) and quiet library tracks that shared sessions or
// genres with the current listening. They pass the same hard ranges as every other track;
// selection ranks them. (Taste's Last.fm/ReccoBeats "discover" pool is not used here yet.)
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sonic/playlist/selection.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

class TastePoolDiscovery : public playlist::DiscoverySource {
 public:
  // `library` (the playlist's candidates) supplies each pool track's features and habits; both it
  // and `db` must outlive this object. Only listens before `before_ms` count.
  TastePoolDiscovery(store::Database& db, std::int64_t before_ms, const std::vector<playlist::Candidate>& library);

  std::string name() const override { return "your rediscoveries and quiet library tracks"; }
  // Every pool track of the library (selection filters and ranks them; `count` is not a cap here).
  std::vector<playlist::Candidate> discover(const playlist::Constraints& constraints, std::size_t count) override;

 private:
  store::Database* db_;
  std::int64_t before_ms_;
  const std::vector<playlist::Candidate>* library_;
};

}  // namespace sonic::pipeline
