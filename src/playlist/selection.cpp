#include "sonic/playlist/selection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace sonic::playlist {
namespace {

int feature_index(const std::string& feature) {
  for (int i = 0; i < 6; ++i) {
    if (feature == kPlaylistFeatures[i]) return i;
  }
  return -1;
}

std::string number(double value, const char* format = "%.2f") {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string range_text(const std::string& feature, const FeatureRange& range) {
  const char* format = feature == "tempo" ? "%.0f" : "%.2f";
  return feature + " " + number(range.low, format) + "-" + number(range.high, format);
}

// The words a mood cluster's label (mood/cluster_labels) carries when its centre lies in a range;
// empty when the range says nothing a label can (a middle band).
std::string cluster_term(const std::string& feature, const FeatureRange& range) {
  if (feature == "energy") return range.low >= 0.6 ? "high energy" : range.high <= 0.45 ? "low energy" : "";
  if (feature == "valence") return range.low >= 0.55 ? "positive" : range.high <= 0.4 ? "negative" : "";
  if (feature == "acousticness") return range.low >= 0.5 ? "acoustic" : range.high <= 0.4 ? "electronic" : "";
  if (feature == "instrumentalness") return range.low >= 0.5 ? "instrumental" : "";
  if (feature == "danceability") return range.low >= 0.6 ? "danceable" : "";
  if (feature == "tempo") return range.low >= 120 ? "fast" : range.high <= 100 ? "slow" : "";
  return "";
}

bool cluster_says(const std::string& label, const Constraints& constraints) {
  for (const auto& [feature, range] : constraints.ranges) {
    const auto term = cluster_term(feature, range);
    if (term.empty() || label.find(term) == std::string::npos) return false;
  }
  return !constraints.ranges.empty();
}

double closeness(const store::LibraryTrack& track, const Constraints& constraints) {
  if (constraints.ranges.empty()) return 1;
  const auto values = feature_values(track);
  double distance = 0;
  for (const auto& [feature, range] : constraints.ranges) {
    const auto value = values[feature_index(feature)];
    if (!value) return 0.5;  // admitted by its mood: as close as the middle of the scale
    const FeatureRange domain = feature_domain(feature);
    distance += std::abs(*value - range.centre()) / (domain.high - domain.low);
  }
  return 1 - distance / static_cast<double>(constraints.ranges.size());
}

// What the curve orders by: energy, else the mood's energy (the range's centre) for a track
// admitted by its mood.
double curve_value(const ChosenTrack& chosen, const Constraints& constraints) {
  if (chosen.candidate.track.energy) return *chosen.candidate.track.energy;
  const auto energy = constraints.ranges.find("energy");
  return energy != constraints.ranges.end() ? energy->second.centre() : 0.5;
}

std::string why(const Candidate& candidate, const Constraints& constraints, bool via_mood) {
  std::vector<std::string> parts;
  if (via_mood) {
    const auto& track = candidate.track;
    parts.push_back(track.mood && constraints.mood && *track.mood == *constraints.mood
                        ? "no audio features; its mood label is " + *track.mood
                        : "no audio features; its mood cluster is '" + track.cluster_label.value_or("") + "'");
  } else {
    const auto values = feature_values(candidate.track);
    for (const auto& [feature, range] : constraints.ranges) {
      parts.push_back(feature + " " + number(*values[feature_index(feature)], feature == "tempo" ? "%.0f" : "%.2f"));
    }
    if (constraints.mood && candidate.track.mood == constraints.mood) parts.push_back("mood " + *constraints.mood);
  }
  if (candidate.never_heard) {
    parts.push_back("new to you: " + candidate.discovery_reason);
  } else {
    std::string plays = "played " + std::to_string(candidate.plays) + "x";
    if (constraints.time_of_day || constraints.day_type)
      plays += ", " + std::to_string(candidate.segment_plays) + "x then";
    if (candidate.from_discovery) plays = "resurfaced from your library: " + plays;
    parts.push_back(plays);
  }
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

struct Ranked {
  const Candidate* candidate;
  double score;
  bool via_mood;
};

std::vector<Ranked> rank(const std::vector<Candidate>& candidates, const Constraints& constraints,
                         std::map<std::string, int>* ruled_out) {
  const bool timed = constraints.time_of_day || constraints.day_type;
  const double w_close = timed ? 0.4 : 0.6, w_affinity = timed ? 0.25 : 0.4, w_time = timed ? 0.35 : 0;
  std::vector<Ranked> ranked;
  for (const auto& candidate : candidates) {
    bool via_mood = false;
    if (!satisfies_hard_constraints(candidate.track, constraints, &via_mood)) {
      if (ruled_out) {
        const auto values = feature_values(candidate.track);
        for (const auto& [feature, range] : constraints.ranges) {
          const auto value = values[feature_index(feature)];
          ++(*ruled_out)[value ? range_text(feature, range) : "audio features (none, and no matching mood)"];
          if (!value) break;
        }
      }
      continue;
    }
    double score = w_close * closeness(candidate.track, constraints) + w_affinity * candidate.affinity +
                   w_time * candidate.time_fit;
    if (constraints.mood && candidate.track.mood == constraints.mood && !via_mood) score += 0.1;
    ranked.push_back({&candidate, score, via_mood});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.candidate->track.track_id < b.candidate->track.track_id;
  });
  return ranked;
}

}  // namespace

std::array<std::optional<double>, 6> feature_values(const store::LibraryTrack& track) {
  return {track.energy, track.valence, track.danceability, track.acousticness, track.instrumentalness, track.tempo};
}

bool satisfies_hard_constraints(const store::LibraryTrack& track, const Constraints& constraints, bool* via_mood) {
  if (via_mood) *via_mood = false;
  const auto values = feature_values(track);
  bool missing = false;
  for (const auto& [feature, range] : constraints.ranges) {
    const auto value = values[feature_index(feature)];
    if (!value) {
      missing = true;
    } else if (!range.contains(*value)) {
      return false;
    }
  }
  if (!missing) return true;
  const bool mood_says = constraints.mood && track.mood == constraints.mood;
  const bool cluster = track.cluster_label && cluster_says(*track.cluster_label, constraints);
  if (via_mood) *via_mood = mood_says || cluster;
  return mood_says || cluster;
}

Selection select_tracks(const std::vector<Candidate>& library, const Constraints& constraints,
                        DiscoverySource* discovery) {
  Selection selection;
  selection.candidates = static_cast<int>(library.size());
  std::map<std::string, int> ruled_out;
  const auto ranked = rank(library, constraints, &ruled_out);
  selection.fitting = static_cast<int>(ranked.size());

  const bool by_minutes = constraints.size.minutes.has_value();
  const std::int64_t target_ms = by_minutes ? *constraints.size.minutes * 60'000LL : 0;
  const int target_songs = by_minutes ? 1'000'000 : constraints.size.songs;
  std::size_t discovery_songs = 0;
  std::vector<Candidate> discovered;
  if (constraints.discovery_share > 0) {
    const int estimated = by_minutes ? static_cast<int>(target_ms / kAssumedTrackMs) : constraints.size.songs;
    discovery_songs = static_cast<std::size_t>(std::lround(constraints.discovery_share * estimated));
    if (!discovery) {
      selection.notes.push_back("asked for " + number(100 * constraints.discovery_share, "%.0f") +
                                "% new tracks, but no discovery source is wired in yet: every track comes from your "
                                "library");
    } else {
      discovered = discovery->discover(constraints, discovery_songs);
      for (auto& candidate : discovered) candidate.from_discovery = true;
    }
  }
  auto discovered_ranked = rank(discovered, constraints, nullptr);
  // "New" means never heard first; the person's own rediscoveries fill what the catalogs cannot.
  std::stable_partition(discovered_ranked.begin(), discovered_ranked.end(),
                        [](const Ranked& item) { return item.candidate->never_heard; });

  std::map<std::int64_t, int> per_artist;
  bool artist_cap_hit = false;
  auto full = [&] {
    return by_minutes ? selection.duration_ms >= target_ms : static_cast<int>(selection.tracks.size()) >= target_songs;
  };
  std::set<std::int64_t> taken;  // a discovered track may be a library track too: once only
  auto take = [&](const Ranked& item) {
    if (taken.count(item.candidate->track.track_id) > 0) return false;
    int& count = per_artist[item.candidate->track.artist_id];
    if (count >= kMaxTracksPerArtist) {
      artist_cap_hit = true;
      return false;
    }
    ++count;
    taken.insert(item.candidate->track.track_id);
    selection.tracks.push_back(
        {*item.candidate, item.score, item.via_mood, why(*item.candidate, constraints, item.via_mood)});
    selection.duration_ms += item.candidate->track.duration_ms.value_or(kAssumedTrackMs);
    return true;
  };
  std::size_t taken_new = 0;
  for (const auto& item : discovered_ranked) {
    if (taken_new >= discovery_songs || full()) break;
    if (take(item)) ++taken_new;
  }
  if (discovery && taken_new < discovery_songs) {
    selection.notes.push_back("only " + std::to_string(taken_new) + " of the " + std::to_string(discovery_songs) +
                              " new tracks asked for fit from " + discovery->name() + "; your library filled the rest");
  }
  for (const auto& item : ranked) {
    if (full()) break;
    take(item);
  }

  if (!full()) {
    std::string asked = by_minutes ? std::to_string(*constraints.size.minutes) + " minutes"
                                   : std::to_string(constraints.size.songs) + " tracks";
    const auto tightest = std::max_element(ruled_out.begin(), ruled_out.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
    if (tightest != ruled_out.end() && tightest->second > 0) {
      selection.ran_dry = tightest->first;
      selection.notes.push_back("only " + std::to_string(selection.tracks.size()) + " tracks fit (asked for " + asked +
                                "): " + tightest->first + " ran dry, ruling out " + std::to_string(tightest->second) +
                                " of " + std::to_string(selection.candidates) + " tracks in your library");
    } else if (artist_cap_hit) {
      selection.ran_dry = "at most 2 tracks per artist";
      selection.notes.push_back("only " + std::to_string(selection.tracks.size()) + " tracks fit (asked for " + asked +
                                "): the limit of 2 tracks per artist ran dry");
    } else {
      selection.ran_dry = "library size";
      selection.notes.push_back("only " + std::to_string(selection.tracks.size()) + " tracks fit (asked for " + asked +
                                "): your library holds no more");
    }
  }

  if (constraints.ordering != Ordering::steady) {
    const bool rising = constraints.ordering == Ordering::build_up;
    std::stable_sort(selection.tracks.begin(), selection.tracks.end(), [&](const ChosenTrack& a, const ChosenTrack& b) {
      const double x = curve_value(a, constraints), y = curve_value(b, constraints);
      return rising ? x < y : x > y;
    });
  }
  return selection;
}

}  // namespace sonic::playlist
