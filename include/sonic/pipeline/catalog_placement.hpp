#pragma once
// "Your listening in the catalogs" for `sonic report`: where the period's listening sits among
// each imported catalog's eras and clusters of sound, beside the catalog's own spread. Listens
// meet a catalog by their track's Spotify ID; catalogs holding none of them are left out.
//
//   [{"catalog", "tracks" (the catalog's), "listens" (matched), "hours" (matched),
//     "share_of_listening" (matched hours / the period's hours),
//     "decades": [{"decade", "your_share", "catalog_share"}] (oldest first; your_share of the
//                 matched hours with a known decade, catalog_share of its tracks with one),
//     "clusters": {"k", "fitted_on", "items": [{"label", "your_share", "catalog_share"}]} or null
//                 (the catalog's clusters as `sonic catalog report` fits them; your_share of the
//                 matched hours whose track has the six cluster features)}]
#include <nlohmann/json.hpp>

#include "sonic/insight/period.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

// An empty array without a catalog or without a matched listen.
nlohmann::json catalog_placement_section(store::Database& db, const insight::PeriodSpan& span);

}  // namespace sonic::pipeline
