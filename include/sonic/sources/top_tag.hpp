#pragma once
// One of Last.fm's top tags of a track or an artist.
#include <string>

namespace sonic::sources {

struct TopTag {
  std::string name;  // trimmed and lower-cased: "Hard Rock" and "hard rock " are one tag
  int count = 0;     // Last.fm's relative weight, 0..100 (100: the item's strongest tag)

  bool operator==(const TopTag&) const = default;
};

}  // namespace sonic::sources
