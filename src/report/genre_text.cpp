#include "genre_text.hpp"

#include <algorithm>
#include <utility>

#include "report_format.hpp"
#include "sonic/report/text_cell.hpp"

namespace sonic::report::detail {
namespace {

constexpr std::pair<const char*, const char*> kSources[] = {
    {"lastfm_track", "by the track's Last.fm tags"},
    {"lastfm_artist", "by the artist's Last.fm tags"},
    {"catalog_track", "by a catalog's genres for the track"},
    {"catalog_artist", "by a catalog's genres for the artist"},
};

std::string hour_label(std::int64_t hour) { return two_digits(static_cast<int>(hour)); }

}  // namespace

std::string genre_coverage(const nlohmann::json& genres) {
  const std::int64_t listens = integer_or(genres, "listens", 0);
  if (listens <= 0) return "";
  const std::int64_t known = integer_or(genres, "listens_with_genre", 0);
  std::string text = concat("A known genre for ", grouped(known), " of ", grouped(listens), " listens (",
                            fixed(100.0 * static_cast<double>(known) / static_cast<double>(listens), 1), "%)");
  std::vector<std::string> parts;
  const auto& by_source = field(genres, "by_source");
  for (const auto& [source, words] : kSources) {
    const std::int64_t count = integer_or(by_source, source, 0);
    if (count > 0) parts.push_back(concat(grouped(count), " ", words));
  }
  return parts.empty() ? text + "." : concat(text, ": ", joined(parts, ", "), ".");
}

std::vector<std::string> genre_share_items(const nlohmann::json& list, std::size_t limit) {
  std::vector<std::string> items;
  if (!list.is_array()) return items;
  for (const auto& item : list) {
    if (items.size() >= limit) break;
    const std::string name = text_or(item, "genre", text_or(item, "descriptor", "?"));
    items.push_back(concat(name, " ", percent(number_or(item, "share", 0))));
  }
  return items;
}

std::string time_of_day_label(const nlohmann::json& slice) {
  return concat(text_or(slice, "time_of_day", "?"), " (", hour_label(integer_or(slice, "from_hour", 0)), "–",
                hour_label(integer_or(slice, "to_hour", 0)), ")");
}

std::vector<GenreTable> genre_tables(const nlohmann::json& genres) {
  std::vector<GenreTable> tables;
  GenreTable top{"", {"#rank", "genre", "#hours", "#share"}, {}};
  for (const auto& item : field(genres, "top")) {
    top.rows.push_back({std::to_string(top.rows.size() + 1), text_or(item, "genre", ""),
                        fixed(number_or(item, "hours", 0), 1), percent(number_or(item, "share", 0))});
  }
  tables.push_back(std::move(top));
  GenreTable years{"By year", {"year", "#listens with a genre", "top genres"}, {}};
  for (const auto& slice : field(genres, "years")) {
    years.rows.push_back(
        {std::to_string(integer_or(slice, "year", 0)),
         concat(grouped(integer_or(slice, "listens_with_genre", 0)), " of ", grouped(integer_or(slice, "listens", 0))),
         joined(genre_share_items(field(slice, "top"), 3), " · ")});
  }
  if (!years.rows.empty()) tables.push_back(std::move(years));
  GenreTable times{"By time of day", {"time of day", "#hours with a genre", "top genres"}, {}};
  for (const auto& slice : field(genres, "times_of_day")) {
    times.rows.push_back({time_of_day_label(slice), fixed(number_or(slice, "hours_with_genre", 0), 1),
                          joined(genre_share_items(field(slice, "top"), 3), " · ")});
  }
  if (!times.rows.empty()) tables.push_back(std::move(times));
  return tables;
}

std::vector<std::string> genre_lines(const nlohmann::json& genres) {
  std::vector<std::string> lines = wrap(genre_coverage(genres), 78);
  if (integer_or(genres, "listens_with_genre", 0) <= 0) {
    for (auto& line : wrap(unavailable("genres"), 78)) lines.push_back(std::move(line));
    return lines;
  }
  lines.push_back(concat(cell("", 4), cell("genre", 40), cell("hours", 9, true), cell("share", 7, true)));
  int rank = 0;
  for (const auto& item : field(genres, "top")) {
    lines.push_back(concat(cell(std::to_string(++rank) + ".", 4), cell(text_or(item, "genre", ""), 40),
                           cell(fixed(number_or(item, "hours", 0), 1), 9, true),
                           cell(percent(number_or(item, "share", 0)), 7, true)));
  }
  const auto descriptors = genre_share_items(field(genres, "descriptors"), 5);
  if (!descriptors.empty()) {
    for (auto& line : wrap("descriptors: " + joined(descriptors, " · "), 78)) lines.push_back(std::move(line));
  }
  const auto slices = [&](const char* title, const char* key, bool years) {
    if (!has_items(genres, key)) return;
    lines.push_back(title);
    for (const auto& slice : field(genres, key)) {
      const auto top = genre_share_items(field(slice, "top"), 3);
      const std::string label = years ? std::to_string(integer_or(slice, "year", 0)) : time_of_day_label(slice);
      lines.push_back(concat("  ", cell(label, 22), cell(top.empty() ? "–" : joined(top, " · "), 54)));
    }
  };
  slices("by year:", "years", true);
  slices("by time of day:", "times_of_day", false);
  for (auto& line : lines) line.erase(line.find_last_not_of(' ') + 1);  // cells pad on the right
  return lines;
}

}  // namespace sonic::report::detail
