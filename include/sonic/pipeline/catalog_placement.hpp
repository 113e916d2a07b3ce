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
#include "sonic/store/catalog_store.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

// An empty array without a catalog or without a matched listen. Only reads: a catalog without a
// kept fit (imported before fits were kept, or its fit lost) is fitted for this render alone.
nlohmann::json catalog_placement_section(store::Database& db, const insight::PeriodSpan& span);

// Fits the catalog's clusters as the section places listens in them and keeps the fit (with the
// catalog's tracks per decade) for every render to read; `sonic catalog import` calls it.
void keep_catalog_placement_fit(store::Database& db, const store::CatalogSummary& catalog);

}  // namespace sonic::pipeline
