#pragma once
// Where the listening time goes by genre, for `sonic stats` and every report format: the top
// genres by listening time, per local year and per time of day, and how many listens have a known
// genre at all (ListeningData says where a track's genres come from). A listen gives each of its
// track's genres its time × that genre's share, so a track tagged 2/3 indie and 1/3 rock gives
// 40 of its 60 minutes to indie. Descriptors ("female vocalists", "80s") are summed the same way
// and listed apart; they never count as a known genre.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/taste/listening_data.hpp"

namespace sonic::taste {

struct GenreTime {
  std::string name{};  // as shown: "hip hop"
  double hours = 0.0;
  double share = 0.0;  // of the slice's hours with a known genre (descriptors: of the hours with one)
};

// One year or one time of day.
struct GenreSlice {
  std::string label{};  // "2024", "morning"
  std::int64_t listens = 0;
  std::int64_t listens_with_genre = 0;
  double hours = 0.0;
  double hours_with_genre = 0.0;
  std::vector<GenreTime> top{};
};

struct GenreSummary {
  std::int64_t listens = 0;
  std::int64_t listens_with_genre = 0;
  double hours = 0.0;
  double hours_with_genre = 0.0;
  std::map<std::string, std::int64_t> listens_by_source{};  // to_string(GenreSource) → listens
  std::vector<GenreTime> top{};
  std::vector<GenreTime> descriptors{};
  std::vector<GenreSlice> years{};         // by year
  std::vector<GenreSlice> times_of_day{};  // morning, afternoon, evening, night: always all four
  std::array<int, 4> day_starts{};         // the local hours the four begin at
};

struct GenreSummaryOptions {
  std::int64_t from_ms = std::numeric_limits<std::int64_t>::min();  // listens starting in [from, to)
  std::int64_t to_ms = std::numeric_limits<std::int64_t>::max();
  std::size_t top = 10;           // genres overall
  std::size_t top_per_slice = 3;  // genres per year and per time of day
  std::size_t descriptors = 5;
  // Morning, afternoon, evening and night begin at these local hours (the report's segments and
  // day playlists use the same four).
  std::array<int, 4> day_starts = {5, 12, 17, 22};
};

GenreSummary summarize_genres(const ListeningData& data, const TimeZone& zone, const GenreSummaryOptions& options);

// {"listens", "listens_with_genre", "known_share", "hours", "hours_with_genre", "by_source",
//  "top": [{"genre", "hours", "share"}], "descriptors": [same, "descriptor" for "genre"],
//  "years": [{"year", "listens", "listens_with_genre", "hours", "hours_with_genre", "top"}],
//  "times_of_day": [{"time_of_day", "from_hour", "to_hour", …as years}]}; hours to 2 decimals,
//  shares to 4.
nlohmann::json to_json(const GenreSummary& summary);

}  // namespace sonic::taste
