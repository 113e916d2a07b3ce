// The dashboard's "mood_over_time": per local week or month, the share of listens of each
// classifier mood (track_moods) and of each cluster (track_clusters → mood_clusters' label).
#include "dashboard_moods.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "report_format.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/store/dashboard_queries.hpp"

namespace sonic::report::detail {
namespace {

struct Tally {
  std::int64_t listens = 0;
  std::int64_t with_mood = 0;
  std::int64_t with_cluster = 0;
  std::map<std::string, std::int64_t> moods;
  std::map<std::string, std::int64_t> clusters;

  void add(const std::optional<std::string>& mood, const std::optional<std::string>& cluster) {
    ++listens;
    if (mood) ++with_mood, ++moods[*mood];
    if (cluster) ++with_cluster, ++clusters[*cluster];
  }
};

nlohmann::json shares(const std::map<std::string, std::int64_t>& counts, std::int64_t whole) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [name, count] : counts) {
    object[name] = rounded(static_cast<double>(count) / static_cast<double>(whole), 4);
  }
  return object;
}

// Most listened first, then by name: the legend's order, the same in every renderer.
nlohmann::json names_by_count(const std::map<std::string, std::int64_t>& counts) {
  std::vector<std::pair<std::string, std::int64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  nlohmann::json names = nlohmann::json::array();
  for (const auto& entry : sorted) names.push_back(entry.first);
  return names;
}

nlohmann::json labels_in_order(const std::map<std::int64_t, std::string>& by_number) {
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& entry : by_number) labels.push_back(entry.second);
  return labels;
}

std::string date_text(std::int64_t day) {
  const CivilDate date = civil_from_days(day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

// The local day a bucket starts on: the Monday of the week, or the first of the month.
std::int64_t bucket_start(const LocalTime& local, Bucket bucket) {
  if (bucket == Bucket::week) return local.local_day - local.weekday;
  return days_from_civil(local.year, local.month, 1);
}

std::int64_t next_bucket(std::int64_t start, Bucket bucket) {
  if (bucket == Bucket::week) return start + 7;
  const CivilDate date = civil_from_days(start);
  return date.month == 12 ? days_from_civil(date.year + 1, 1, 1) : days_from_civil(date.year, date.month + 1, 1);
}

nlohmann::json bucket_json(std::int64_t start, Bucket bucket, const Tally& tally) {
  const std::string date = date_text(start);
  return {{"start", date},
          {"label", bucket == Bucket::week ? "week of " + date : date.substr(0, 7)},
          {"listens", tally.listens},
          {"moods", shares(tally.moods, tally.with_mood)},
          {"clusters", shares(tally.clusters, tally.with_cluster)}};
}

}  // namespace

nlohmann::json mood_over_time_section(store::Database& db, const TimeZone& zone, const insight::PeriodSpan& span,
                                      Bucket bucket) {
  std::map<std::int64_t, Tally> buckets;
  Tally total;
  std::map<std::int64_t, std::string> cluster_labels;  // by number: the clusters section's order
  store::for_each_listen_mood_in_period(db, span.from_ms, span.to_ms, [&](const store::ListenMood& listen) {
    if (listen.cluster_label) cluster_labels.emplace(listen.cluster, *listen.cluster_label);
    buckets[bucket_start(zone.local(listen.start_ms), bucket)].add(listen.mood, listen.cluster_label);
    total.add(listen.mood, listen.cluster_label);
  });
  nlohmann::json list = nlohmann::json::array();
  if (!buckets.empty()) {
    // Every bucket from the first to the last, empty ones included, so charts keep their time axis.
    const std::int64_t last = buckets.rbegin()->first;
    for (std::int64_t start = buckets.begin()->first; start <= last; start = next_bucket(start, bucket)) {
      const auto found = buckets.find(start);
      list.push_back(bucket_json(start, bucket, found == buckets.end() ? Tally{} : found->second));
    }
  }
  return {{"bucket", bucket == Bucket::week ? "week" : "month"},
          {"moods", names_by_count(total.moods)},
          {"clusters", labels_in_order(cluster_labels)},
          {"buckets", list},
          {"total",
           {{"listens", total.listens},
            {"listens_with_mood", total.with_mood},
            {"listens_with_cluster", total.with_cluster},
            {"moods", shares(total.moods, total.with_mood)},
            {"clusters", shares(total.clusters, total.with_cluster)}}}};
}

}  // namespace sonic::report::detail
