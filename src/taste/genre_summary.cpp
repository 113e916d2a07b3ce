#include "sonic/taste/genre_summary.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace sonic::taste {
namespace {

constexpr double kMsPerHour = 3'600'000.0;
constexpr std::array<const char*, 4> kDayParts = {"morning", "afternoon", "evening", "night"};

// Milliseconds per canonical key, and the listens and time of a year or a time of day.
struct Tally {
  std::int64_t listens = 0;
  std::int64_t listens_with_genre = 0;
  double ms = 0.0;
  double ms_with_genre = 0.0;
  std::unordered_map<std::string, double> genre_ms;
};

void add(Tally& tally, double ms, const std::vector<TagShare>& genres) {
  tally.listens += 1;
  tally.ms += ms;
  if (genres.empty()) return;
  tally.listens_with_genre += 1;
  tally.ms_with_genre += ms;
  for (const auto& genre : genres) tally.genre_ms[genre.key] += ms * genre.share;
}

// The largest first (ties by shown name), at most `limit`, with shares of `whole_ms`.
std::vector<GenreTime> largest(const std::unordered_map<std::string, double>& ms_by_key, double whole_ms,
                               std::size_t limit, const ListeningData& data) {
  std::vector<GenreTime> items;
  for (const auto& [key, ms] : ms_by_key) {
    items.push_back({data.genre_name(key), ms / kMsPerHour, whole_ms > 0 ? ms / whole_ms : 0.0});
  }
  std::sort(items.begin(), items.end(), [](const GenreTime& a, const GenreTime& b) {
    return a.hours != b.hours ? a.hours > b.hours : a.name < b.name;
  });
  if (items.size() > limit) items.resize(limit);
  return items;
}

GenreSlice slice(std::string label, const Tally& tally, std::size_t limit, const ListeningData& data) {
  return {std::move(label),
          tally.listens,
          tally.listens_with_genre,
          tally.ms / kMsPerHour,
          tally.ms_with_genre / kMsPerHour,
          largest(tally.genre_ms, tally.ms_with_genre, limit, data)};
}

// The last of the four whose start the hour has reached; before the morning it is still the night.
std::size_t day_part(int hour, const std::array<int, 4>& starts) {
  for (std::size_t part = starts.size(); part-- > 0;) {
    if (hour >= starts[part]) return part;
  }
  return starts.size() - 1;
}

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

nlohmann::json times_json(const std::vector<GenreTime>& items, const char* name_key) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : items) {
    list.push_back({{name_key, item.name}, {"hours", rounded(item.hours, 2)}, {"share", rounded(item.share, 4)}});
  }
  return list;
}

nlohmann::json slice_json(const GenreSlice& slice) {
  return {{"listens", slice.listens},
          {"listens_with_genre", slice.listens_with_genre},
          {"hours", rounded(slice.hours, 2)},
          {"hours_with_genre", rounded(slice.hours_with_genre, 2)},
          {"top", times_json(slice.top, "genre")}};
}

}  // namespace

GenreSummary summarize_genres(const ListeningData& data, const TimeZone& zone, const GenreSummaryOptions& options) {
  Tally all;
  std::unordered_map<std::string, double> descriptor_ms;
  double ms_with_descriptor = 0.0;
  std::map<int, Tally> years;
  std::array<Tally, 4> day_parts;
  GenreSummary summary;
  for (const auto& listen : data.listens) {
    if (listen.start_ms < options.from_ms || listen.start_ms >= options.to_ms) continue;
    const auto ms = static_cast<double>(listen.ms_played);
    const auto& genres = data.genres_of(listen.track_id);
    const LocalTime local = zone.local(listen.start_ms);
    add(all, ms, genres);
    add(years[local.year], ms, genres);
    add(day_parts[day_part(local.hour, options.day_starts)], ms, genres);
    if (const auto source = data.genre_sources.find(listen.track_id); source != data.genre_sources.end()) {
      summary.listens_by_source[to_string(source->second)] += 1;
    }
    if (const auto found = data.track_descriptors.find(listen.track_id); found != data.track_descriptors.end()) {
      ms_with_descriptor += ms;
      for (const auto& descriptor : found->second) descriptor_ms[descriptor.key] += ms * descriptor.share;
    }
  }
  summary.listens = all.listens;
  summary.listens_with_genre = all.listens_with_genre;
  summary.hours = all.ms / kMsPerHour;
  summary.hours_with_genre = all.ms_with_genre / kMsPerHour;
  summary.top = largest(all.genre_ms, all.ms_with_genre, options.top, data);
  summary.descriptors = largest(descriptor_ms, ms_with_descriptor, options.descriptors, data);
  for (const auto& [year, tally] : years) {
    summary.years.push_back(slice(std::to_string(year), tally, options.top_per_slice, data));
  }
  for (std::size_t part = 0; part < day_parts.size(); ++part) {
    summary.times_of_day.push_back(slice(kDayParts[part], day_parts[part], options.top_per_slice, data));
  }
  summary.day_starts = options.day_starts;
  return summary;
}

nlohmann::json to_json(const GenreSummary& summary) {
  nlohmann::json years = nlohmann::json::array();
  for (const auto& year : summary.years) {
    nlohmann::json entry = slice_json(year);
    entry["year"] = std::stoi(year.label);
    years.push_back(std::move(entry));
  }
  nlohmann::json times = nlohmann::json::array();
  for (std::size_t part = 0; part < summary.times_of_day.size(); ++part) {
    nlohmann::json entry = slice_json(summary.times_of_day[part]);
    entry["time_of_day"] = summary.times_of_day[part].label;
    entry["from_hour"] = summary.day_starts[part];
    entry["to_hour"] = summary.day_starts[(part + 1) % summary.day_starts.size()];
    times.push_back(std::move(entry));
  }
  const double known =
      summary.listens > 0 ? static_cast<double>(summary.listens_with_genre) / static_cast<double>(summary.listens) : 0;
  return {{"listens", summary.listens},
          {"listens_with_genre", summary.listens_with_genre},
          {"known_share", rounded(known, 4)},
          {"hours", rounded(summary.hours, 2)},
          {"hours_with_genre", rounded(summary.hours_with_genre, 2)},
          {"by_source", summary.listens_by_source},
          {"top", times_json(summary.top, "genre")},
          {"descriptors", times_json(summary.descriptors, "descriptor")},
          {"years", years},
          {"times_of_day", times}};
}

}  // namespace sonic::taste
