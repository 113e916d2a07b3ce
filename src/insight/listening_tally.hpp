#pragma once
// Adds listens up into the figures of a segment (insight/segments.hpp).
#include <cstdint>
#include <map>
#include <string>

#include "sonic/insight/segments.hpp"
#include "sonic/store/listen_details.hpp"

namespace sonic::insight {

class ListeningTally {
 public:
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

  std::int64_t ms_played_ = 0;
  std::int64_t plays_ = 0;
  std::map<std::string, std::int64_t> moods_;
  std::map<std::string, std::int64_t> clusters_;
  Mean valence_, energy_, danceability_;
  std::map<std::int64_t, ItemTally> artists_;
  std::map<std::int64_t, ItemTally> tracks_;
};

}  // namespace sonic::insight
