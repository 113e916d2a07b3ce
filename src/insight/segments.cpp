#include "sonic/insight/segments.hpp"

#include <vector>

#include "json_numbers.hpp"
#include "listening_tally.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/store/listen_details.hpp"

namespace sonic::insight {
namespace {

std::size_t segment_index(TimeOfDay part, bool weekend) { return (weekend ? 4u : 0u) + static_cast<std::size_t>(part); }

}  // namespace

std::string Segment::name() const { return std::string(weekend ? "weekend " : "weekday ") + name_of(time_of_day); }

Profile compute_profile(store::Database& db, const TimeZone& zone, const Period& period,
                        const SegmentBoundaries& boundaries) {
  boundaries.check();
  Profile profile;
  profile.period = period.describe();
  profile.span = resolve_period(db, zone, period);
  profile.time_zone = zone.name();
  profile.boundaries = boundaries;

  const store::ListenDetails details = store::listen_details(db, profile.span.from_ms, profile.span.to_ms);
  ListeningTally overall(details.tracks);
  std::vector<ListeningTally> by_segment(8, ListeningTally(details.tracks));
  for (const auto& listen : details.listens) {
    const LocalTime local = zone.local(listen.start_ms);
    overall.add(listen);
    by_segment[segment_index(boundaries.time_of_day(local.hour), local.weekend())].add(listen);
  }
  const std::int64_t total_ms = overall.ms_played();
  profile.overall = overall.stats(total_ms);
  for (const bool weekend : {false, true}) {
    for (const TimeOfDay part : kTimesOfDay) {
      profile.segments.push_back({part, weekend, by_segment[segment_index(part, weekend)].stats(total_ms)});
    }
  }
  return profile;
}

}  // namespace sonic::insight

// Profile::to_json: the stable keys the report, the narrator and retrain read.
namespace sonic::insight {
namespace {

using nlohmann::json;

json mix_json(const std::map<std::string, double>& mix) {
  json object = json::object();
  for (const auto& [label, share] : mix) object[label] = rounded(share, kShareDecimals);
  return object;
}

json stats_json(const ListeningStats& stats) {
  json artists = json::array();
  for (const auto& artist : stats.top_artists) {
    artists.push_back(
        {{"name", artist.name}, {"plays", artist.plays}, {"hours", rounded(artist.hours, kHourDecimals)}});
  }
  json tracks = json::array();
  for (const auto& track : stats.top_tracks) {
    tracks.push_back({{"name", track.name}, {"artist", track.artist}, {"plays", track.plays}});
  }
  return {{"hours", rounded(stats.hours, kHourDecimals)},
          {"share", rounded(stats.share, kShareDecimals)},
          {"plays", stats.plays},
          {"mood_mix", mix_json(stats.mood_mix)},
          {"cluster_mix", mix_json(stats.cluster_mix)},
          {"mean_valence", rounded_or_null(stats.mean_valence, kShareDecimals)},
          {"mean_energy", rounded_or_null(stats.mean_energy, kShareDecimals)},
          {"mean_danceability", rounded_or_null(stats.mean_danceability, kShareDecimals)},
          {"top_artists", artists},
          {"top_tracks", tracks}};
}

json mean_difference(const std::optional<double>& segment, const std::optional<double>& overall) {
  if (!segment || !overall) return nullptr;
  return rounded(*segment - *overall, kShareDecimals);
}

// Every label of either mix: a mood the segment lacks is a difference of minus its overall share.
// Empty when the segment has no labelled plays (nothing to compare).
json mix_difference(const std::map<std::string, double>& segment, const std::map<std::string, double>& overall) {
  json object = json::object();
  if (segment.empty()) return object;
  std::map<std::string, double> difference;
  for (const auto& [label, share] : overall) difference[label] -= share;
  for (const auto& [label, share] : segment) difference[label] += share;
  for (const auto& [label, value] : difference) object[label] = rounded(value, kShareDecimals);
  return object;
}

json versus_overall(const ListeningStats& segment, const ListeningStats& overall) {
  return {{"valence", mean_difference(segment.mean_valence, overall.mean_valence)},
          {"energy", mean_difference(segment.mean_energy, overall.mean_energy)},
          {"danceability", mean_difference(segment.mean_danceability, overall.mean_danceability)},
          {"mood_mix", mix_difference(segment.mood_mix, overall.mood_mix)},
          {"cluster_mix", mix_difference(segment.cluster_mix, overall.cluster_mix)}};
}

}  // namespace

json Profile::to_json() const {
  json segments_json = json::array();
  for (const Segment& segment : segments) {
    json entry = {{"name", segment.name()},
                  {"time_of_day", name_of(segment.time_of_day)},
                  {"day_type", segment.weekend ? "weekend" : "weekday"}};
    entry.update(stats_json(segment.stats));
    entry["vs_overall"] = versus_overall(segment.stats, overall);
    segments_json.push_back(std::move(entry));
  }
  return {{"period",
           {{"description", period},
            {"from", format_iso8601_utc(span.from_ms)},
            {"to", format_iso8601_utc(span.to_ms)},
            {"from_ms", span.from_ms},
            {"to_ms", span.to_ms},
            {"time_zone", time_zone}}},
          {"segment_boundaries",
           {{"morning", boundaries.morning},
            {"afternoon", boundaries.afternoon},
            {"evening", boundaries.evening},
            {"night", boundaries.night}}},
          {"overall", stats_json(overall)},
          {"segments", segments_json}};
}

}  // namespace sonic::insight
