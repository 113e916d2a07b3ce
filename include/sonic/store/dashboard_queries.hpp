#pragma once
// What a report's dashboard (report/dashboard.hpp) reads about a period: the listens (music,
// 30 s or more) starting in [from_ms, to_ms), their totals, top lists, moods and mood clusters.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sonic/records/catalog_track.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/ranked_row.hpp"

namespace sonic::store {

struct PeriodTotals {
  std::int64_t listens = 0;
  std::int64_t ms_played = 0;
  std::int64_t tracks = 0;                     // distinct
  std::int64_t artists = 0;                    // distinct
  std::optional<std::int64_t> first_start_ms;  // nullopt without listens
  std::optional<std::int64_t> last_end_ms;
  std::optional<std::int64_t> last_start_ms;
};
PeriodTotals period_totals(Database& db, std::int64_t from_ms, std::int64_t to_ms);

// Plays of every kind (skips and episodes too) starting in the period.
std::int64_t plays_in_period(Database& db, std::int64_t from_ms, std::int64_t to_ms);

// Calls `visit` with the start and the milliseconds played of every listen in the period.
void for_each_listen_in_period(Database& db, std::int64_t from_ms, std::int64_t to_ms,
                               const std::function<void(std::int64_t start_ms, std::int64_t ms_played)>& visit);

// The `top` most listened artists (ties by name) or tracks (ties by title, then artist).
std::vector<RankedRow> top_listened_in_period(Database& db, TopOf what, std::int64_t from_ms, std::int64_t to_ms,
                                              int top);

// A listen of the period whose track the catalog holds (matched by Spotify ID), with that
// catalog row's decade (0: unknown) and thirteen numbers.
struct CatalogListen {
  std::int64_t ms_played = 0;
  int decade = 0;
  records::CatalogFeatureValues features{};
};
std::vector<CatalogListen> catalog_listens_in_period(Database& db, std::int64_t catalog_id, std::int64_t from_ms,
                                                     std::int64_t to_ms);

struct ListenMood {
  std::int64_t start_ms = 0;
  std::optional<std::string> mood;           // the classifier's (track_moods)
  std::optional<std::string> cluster_label;  // the mood cluster's, when the track has one
  std::int64_t cluster = 0;                  // its number (when cluster_label is set)
};
// Calls `visit` for every listen in the period, with its track's mood and cluster.
void for_each_listen_mood_in_period(Database& db, std::int64_t from_ms, std::int64_t to_ms,
                                    const std::function<void(const ListenMood&)>& visit);

struct ClusterHeading {
  std::int64_t cluster = 0;
  std::string label;
  std::int64_t size = 0;
  std::string model_id;
};
// The current clustering's clusters, by number.
std::vector<ClusterHeading> cluster_headings(Database& db);

struct ClusterPoint {
  std::int64_t cluster = 0;
  double valence = 0;
  double energy = 0;
};
// Each cluster's mean valence and energy over its members with both.
std::vector<ClusterPoint> cluster_mean_points(Database& db, const std::string& model_id);
// The members heard in the period that have both, by cluster and track id.
std::vector<ClusterPoint> cluster_members_heard(Database& db, const std::string& model_id, std::int64_t from_ms,
                                                std::int64_t to_ms);

struct ClusterListens {
  std::int64_t cluster = 0;
  std::int64_t listens = 0;
};
std::vector<ClusterListens> cluster_listens_in_period(Database& db, const std::string& model_id, std::int64_t from_ms,
                                                      std::int64_t to_ms);

}  // namespace sonic::store
