#include "sonic/session/session_forecast.hpp"

#include <algorithm>
#include <numeric>

#include "sonic/core/utc_time.hpp"
#include "sonic/features/local_hours.hpp"

namespace sonic::session {

std::vector<HourForecast> forecast_session_starts(const ml::GbdtModel& model, const records::SessionHistory& history,
                                                  const TimeZone& zone, std::int64_t from_ms,
                                                  const ForecastOptions& options) {
  const std::int64_t first = features::next_local_hour_start(zone, from_ms);
  std::vector<std::int64_t> starts =
      features::local_hour_starts(zone, first, first + std::int64_t{std::max(options.hours, 0)} * kMsPerHour);
  const features::SessionDataset rows =
      features::build_session_dataset(features::history_known_at(history, from_ms), zone, starts);
  std::vector<HourForecast> forecast(starts.size());
  if (starts.empty()) return forecast;

  const Eigen::MatrixXd probabilities = model.predict_proba(rows.features);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    forecast[i].start_ms = starts[i];
    forecast[i].local = zone.local(starts[i]);
    forecast[i].probability = probabilities(static_cast<Eigen::Index>(i), 1);
  }
  std::vector<std::size_t> likeliest(forecast.size());
  std::iota(likeliest.begin(), likeliest.end(), std::size_t{0});
  std::stable_sort(likeliest.begin(), likeliest.end(),
                   [&](std::size_t a, std::size_t b) { return forecast[a].probability > forecast[b].probability; });
  likeliest.resize(std::min(likeliest.size(), static_cast<std::size_t>(std::max(options.explained_hours, 0))));
  // Contributions (TreeSHAP, most of a forecast's cost) only for the rows that are explained.
  Eigen::MatrixXd explained(static_cast<Eigen::Index>(likeliest.size()), rows.features.cols());
  for (std::size_t k = 0; k < likeliest.size(); ++k) {
    explained.row(static_cast<Eigen::Index>(k)) = rows.features.row(static_cast<Eigen::Index>(likeliest[k]));
  }
  const Eigen::MatrixXd contributions = model.contributions(explained);
  for (std::size_t k = 0; k < likeliest.size(); ++k) {
    const auto row = static_cast<Eigen::Index>(k);
    forecast[likeliest[k]].reasons = explain_hour(explained.row(row), contributions.row(row),
                                                  forecast[likeliest[k]].local, options.reasons_per_hour);
  }
  return forecast;
}

}  // namespace sonic::session
