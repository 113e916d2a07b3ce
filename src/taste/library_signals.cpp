#include "sonic/taste/library_signals.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace sonic::taste {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kMsPerYear = 365 * kMsPerDay;

// Whether a listen `age_ms` before now fell in the `season_days` after now one or more years
// back: its start in [now - k years, now - k years + season_days), so its age in
// (k years - season_days, k years], k >= 1.
bool in_season(std::int64_t age_ms, int season_days) {
  if (age_ms <= 0) return false;
  const std::int64_t into_year = age_ms % kMsPerYear;
  return into_year == 0 || into_year > kMsPerYear - season_days * kMsPerDay;
}

// Session numbers per listen, by the rule of features/sessions: a new session starts when more
// than the gap passes between the end of the listening so far and the next start.
std::vector<std::int32_t> number_sessions(std::span<const records::TasteListen> listens, std::int64_t gap_ms) {
  std::vector<std::int32_t> sessions(listens.size());
  std::int32_t current = -1;
  std::int64_t end_so_far = 0;
  for (std::size_t i = 0; i < listens.size(); ++i) {
    const std::int64_t end = listens[i].start_ms + listens[i].ms_played;
    if (i == 0 || listens[i].start_ms - end_so_far > gap_ms) {
      ++current;
      end_so_far = end;
    } else {
      end_so_far = std::max(end_so_far, end);
    }
    sessions[i] = current;
  }
  return sessions;
}

void normalise(std::unordered_map<std::string, double>& vector) {
  double norm = 0.0;
  for (const auto& [key, value] : vector) norm += value * value;
  norm = std::sqrt(norm);
  if (norm <= 0) return;
  for (auto& [key, value] : vector) value /= norm;
}

double dot(const std::unordered_map<std::string, double>& a, const std::unordered_map<std::string, double>& b) {
  double sum = 0.0;
  for (const auto& [key, value] : a) {
    if (const auto other = b.find(key); other != b.end()) sum += value * other->second;
  }
  return sum;
}

}  // namespace

const TrackSignals* LibrarySignals::find(std::int64_t track_id) const {
  const auto found = index.find(track_id);
  return found == index.end() ? nullptr : &tracks[found->second];
}

std::unordered_map<std::string, double> tfidf_vector(const std::vector<TagShare>& genres,
                                                     const std::unordered_map<std::string, double>& idf) {
  std::unordered_map<std::string, double> vector;
  for (const auto& genre : genres) {
    const auto weight = idf.find(genre.key);
    if (weight != idf.end() && weight->second > 0) vector[genre.key] = genre.share * weight->second;
  }
  normalise(vector);
  return vector;
}

LibrarySignals compute_library_signals(const ListeningData& data, std::span<const records::TasteListen> listens,
                                       std::int64_t now_ms, const SignalOptions& options) {
  LibrarySignals signals;
  signals.now_ms = now_ms;
  signals.options = options;
  const DecayOptions long_term{.kind = DecayKind::power, .power_d = options.long_term_power_d};
  const DecayOptions recent{.kind = DecayKind::exponential, .half_life_days = options.recent_half_life_days};

  std::unordered_map<std::int64_t, double> artist_weight;
  double total_weight = 0.0;
  for (const auto& listen : listens) {
    auto [position, added] = signals.index.try_emplace(listen.track_id, signals.tracks.size());
    if (added) {
      signals.tracks.push_back(
          {.track_id = listen.track_id, .artist_id = listen.artist_id, .first_ms = listen.start_ms});
    }
    auto& track = signals.tracks[position->second];
    const std::int64_t age = now_ms - listen.start_ms;
    if (track.plays > 0 && listen.start_ms - track.last_ms >= options.return_gap_days * kMsPerDay) ++track.returns;
    if (in_season(age, options.season_days)) ++track.season_plays;
    ++track.plays;
    track.last_ms = listen.start_ms;
    track.long_term += listen_weight(long_term, age);
    track.recent += listen_weight(recent, age);
    const double weight = listen_weight(options.decay, age);
    artist_weight[listen.artist_id] += weight;
    total_weight += weight;
  }
  for (auto& track : signals.tracks) {
    track.artist_now = total_weight > 0 ? artist_weight[track.artist_id] / total_weight : 0.0;
    track.since_last = listen_weight(recent, now_ms - track.last_ms);
  }

  // Co-listening: each session gives each of its tracks the recent weight of the others, divided
  // by the session's number of distinct tracks (a three-hour mix says less about a pair than a
  // ten-minute one).
  signals.session_of_listen = number_sessions(listens, options.session_gap_ms);
  double recent_total = 0.0;
  for (const auto& track : signals.tracks) recent_total += track.recent;
  std::vector<std::size_t> members;
  for (std::size_t begin = 0; begin < listens.size();) {
    std::size_t end = begin;
    while (end < listens.size() && signals.session_of_listen[end] == signals.session_of_listen[begin]) ++end;
    members.clear();
    for (std::size_t i = begin; i < end; ++i) members.push_back(signals.index[listens[i].track_id]);
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    double session_recent = 0.0;
    for (const auto member : members) session_recent += signals.tracks[member].recent;
    if (members.size() > 1 && recent_total > 0) {
      for (const auto member : members) {
        signals.tracks[member].co_listening +=
            (session_recent - signals.tracks[member].recent) / (static_cast<double>(members.size()) * recent_total);
      }
    }
    begin = end;
  }

  // Genres: IDF over the tracks heard so far, the recent taste as the recent-weighted sum of
  // their TF-IDF vectors.
  std::map<std::string, int> document_frequency;
  std::size_t documents = 0;
  for (const auto& track : signals.tracks) {
    const auto& genres = data.genres_of(track.track_id);
    if (genres.empty()) continue;
    ++documents;
    for (const auto& genre : genres) ++document_frequency[genre.key];
  }
  for (const auto& [key, count] : document_frequency) {
    signals.idf[key] =
        std::log(static_cast<double>(documents) / count) + 1.0;  // smooth: a genre every track has still counts
  }
  std::vector<std::unordered_map<std::string, double>> vectors(signals.tracks.size());
  for (std::size_t i = 0; i < signals.tracks.size(); ++i) {
    vectors[i] = tfidf_vector(data.genres_of(signals.tracks[i].track_id), signals.idf);
    for (const auto& [key, value] : vectors[i]) signals.taste_vector[key] += signals.tracks[i].recent * value;
  }
  normalise(signals.taste_vector);
  for (std::size_t i = 0; i < signals.tracks.size(); ++i) {
    signals.tracks[i].tag_similarity = std::max(0.0, dot(vectors[i], signals.taste_vector));
  }
  return signals;
}

}  // namespace sonic::taste
