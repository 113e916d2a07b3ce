#pragma once
// The report's "Your listening in the catalogs" section (pipeline/catalog_placement.hpp's JSON) in
// words, the same in the terminal, Markdown and HTML reports. Unescaped: each caller makes the
// text safe for its format. Private to report/.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report_format.hpp"

namespace sonic::report::detail {

// "1,234 listens (12.5 hours, 40% of your listening) are of tracks in the catalog hits (40,560
// tracks)."
std::string catalog_placement_summary(const nlohmann::json& catalog);

// "By decade of release" and "By the catalog's clusters of sound" (the latter only when the
// catalog could be clustered): your share beside the catalog's.
std::vector<TextTable> catalog_placement_tables(const nlohmann::json& catalog);

}  // namespace sonic::report::detail
