// `sonic predict session`'s output: the chance of a session start per coming local hour, and why
// for the likeliest.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sonic/core/utc_time.hpp"
#include "sonic/report/session_forecast_report.hpp"

namespace sonic::report {
namespace {

const char* weekday_name(int weekday) {
  static const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return names[weekday];
}

std::string local_text(const LocalTime& local) {
  return fmt::format("{:04}-{:02}-{:02}T{:02}:00", local.year, local.month, local.day, local.hour);
}

nlohmann::json hour_json(const session::HourForecast& hour) {
  return {{"start", format_iso8601_utc(hour.start_ms)},
          {"local", local_text(hour.local)},
          {"hour", hour.local.hour},
          {"weekday", weekday_name(hour.local.weekday)},
          {"probability", hour.probability}};
}

}  // namespace

nlohmann::json to_json(const SessionForecastResult& report) {
  nlohmann::json hours = nlohmann::json::array();
  nlohmann::json likeliest = nlohmann::json::array();
  for (const auto& hour : report.hours) hours.push_back(hour_json(hour));
  for (const auto& hour : report.hours) {
    if (hour.reasons.empty()) continue;
    nlohmann::json entry = hour_json(hour);
    entry["reasons"] = nlohmann::json::array();
    for (const auto& reason : hour.reasons) {
      entry["reasons"].push_back(
          {{"factor", reason.factor}, {"contribution", reason.contribution}, {"text", reason.text}});
    }
    likeliest.push_back(entry);
  }
  std::sort(likeliest.begin(), likeliest.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    return a["probability"].get<double>() > b["probability"].get<double>();
  });
  return {{"model_id", report.model_id},
          {"time_zone", report.time_zone},
          {"from", format_iso8601_utc(report.from_ms)},
          {"hours", hours},
          {"likeliest", likeliest}};
}

std::string to_text(const SessionForecastResult& report) {
  std::string text = fmt::format("Chance that a listening session starts, by local hour ({}):\n", report.time_zone);
  for (const auto& hour : report.hours) {
    const auto bar = static_cast<std::size_t>(std::lround(hour.probability * 40));
    text +=
        fmt::format("  {:.3} {:02}-{:02} {:02}:00  {:>5.1f}%  {}\n", weekday_name(hour.local.weekday), hour.local.month,
                    hour.local.day, hour.local.hour, 100 * hour.probability, std::string(bar, '#'));
  }
  const nlohmann::json likeliest = to_json(report)["likeliest"];
  if (!likeliest.empty()) text += "\nWhy the likeliest hours:\n";
  for (const auto& hour : likeliest) {
    text += fmt::format("  {} {:.1f}%\n", hour["local"].get<std::string>(), 100 * hour["probability"].get<double>());
    for (const auto& reason : hour["reasons"]) text += "    - " + reason["text"].get<std::string>() + "\n";
  }
  return text;
}

}  // namespace sonic::report
