#pragma once
// Adds listens up into the figures of a segment (insight/segments.hpp).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sonic/insight/segments.hpp"
#include "sonic/store/listen_details.hpp"

namespace sonic::insight {

// Counts plays per track while adding; moods, clusters, artists and tracks are added up from
// those counts in stats(), so a listen costs no string or map work.
class ListeningTally {
 public:
  explicit ListeningTally(const std::vector<store::ListenedTrack>& tracks)
      : tracks_(&tracks), plays_by_track_(tracks.size(), 0), ms_by_track_(tracks.size(), 0) {}
  void add(const store::ListenDetail& listen);
  // `total_ms`: the whole period's listening time, for the share.
  ListeningStats stats(std::int64_t total_ms) const;
  std::int64_t ms_played() const { return ms_played_; }

 private:
  struct Mean {
    double sum = 0;
    std::int64_t count = 0;
    void add(const std::optional<double>& value);
    std::optional<double> value() const;
  };
  struct ItemTally {
    std::string name;
    std::string artist;
    std::int64_t plays = 0;
    std::int64_t ms_played = 0;
  };

  const std::vector<store::ListenedTrack>* tracks_;
  std::int64_t ms_played_ = 0;
  std::int64_t plays_ = 0;
  // Summed listen by listen, in time order, as the means always were.
  Mean valence_, energy_, danceability_;
  std::vector<std::int64_t> plays_by_track_;
  std::vector<std::int64_t> ms_by_track_;
};

}  // namespace sonic::insight
