#pragma once
// The discovery share of `sonic playlist`: first tracks new to the person, then their own
// rediscoveries.
// - New to you: tracks of the imported catalogs (`sonic catalog import`) the history never played
//   before the cut-off, found by taste's discover evidence: more by the artists the person plays
//   now, and artists or tracks Last.fm and ReccoBeats called similar in answers already cached by
//   `sonic recommend` (a playlist asks no service: it stays quick and works offline). Only catalog
//   tracks carry the audio features the ranges need, so a service's suggestion outside every
//   catalog is left out rather than guessed.
// - Your own: rediscoveries (tracks not heard for 90 days) and quiet library tracks that shared
//   sessions or genres with the current listening.
// All pass the same hard ranges as every other track; selection ranks them.
#include <cstdint>
#include <vector>

#include "sonic/playlist/selection.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

class TastePoolDiscovery : public playlist::DiscoverySource {
 public:
  // `library` (the playlist's candidates) supplies each pool track's features and habits; both it
  // and `db` must outlive this object. Only listens before `before_ms` count.
  TastePoolDiscovery(store::Database& db, std::int64_t before_ms, const std::vector<playlist::Candidate>& library);

  std::string name() const override;
  // The never-heard catalog tracks (at most kMaxNeverHeard, by evidence) and every pool track of
  // the library (selection filters and ranks them; `count` is not a cap here).
  std::vector<playlist::Candidate> discover(const playlist::Constraints& constraints, std::size_t count) override;

  static constexpr std::size_t kMaxNeverHeard = 2000;

 private:
  store::Database* db_;
  std::int64_t before_ms_;
  const std::vector<playlist::Candidate>* library_;
  bool had_catalog_ = false;
};

}  // namespace sonic::pipeline
