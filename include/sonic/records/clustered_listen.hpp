#pragma once
// A music listen (30 s or more) of a track that has a mood cluster, with the session it is in:
// what store::clustered_listens returns and the next-mood dataset is built from.
#include <cstdint>

#include "sonic/records/audio_features.hpp"

namespace sonic::records {

struct ClusteredListen {
  std::int64_t session_start_ms = 0;
  std::int64_t start_ms = 0;
  std::int64_t track_id = 0;
  int cluster = 0;
  AudioFeatures features;
};

}  // namespace sonic::records
