#include "catalog_placement_text.hpp"

namespace sonic::report::detail {

std::string catalog_placement_summary(const nlohmann::json& catalog) {
  return concat(grouped(integer_or(catalog, "listens", 0)), " listens (", fixed(number_or(catalog, "hours", 0), 1),
                " hours, ", percent(number_or(catalog, "share_of_listening", 0)),
                " of your listening) are of tracks in the catalog ", text_or(catalog, "catalog", "?"), " (",
                grouped(integer_or(catalog, "tracks", 0)), " tracks).");
}

std::vector<TextTable> catalog_placement_tables(const nlohmann::json& catalog) {
  std::vector<TextTable> tables;
  TextTable decades{"By decade of release", {"decade", "#your listening", "#the catalog's tracks"}, {}};
  for (const auto& decade : field(catalog, "decades")) {
    decades.rows.push_back({concat(std::to_string(integer_or(decade, "decade", 0)), "s"),
                            percent(number_or(decade, "your_share", 0)),
                            percent(number_or(decade, "catalog_share", 0))});
  }
  if (!decades.rows.empty()) tables.push_back(std::move(decades));
  const auto& clusters = field(catalog, "clusters");
  TextTable by_cluster{concat("By the catalog's ", std::to_string(integer_or(clusters, "k", 0)), " clusters of sound"),
                       {"cluster", "#your listening", "#the catalog's tracks"},
                       {}};
  for (const auto& item : field(clusters, "items")) {
    by_cluster.rows.push_back({text_or(item, "label", "?"), percent(number_or(item, "your_share", 0)),
                               percent(number_or(item, "catalog_share", 0))});
  }
  if (!by_cluster.rows.empty()) tables.push_back(std::move(by_cluster));
  return tables;
}

}  // namespace sonic::report::detail
