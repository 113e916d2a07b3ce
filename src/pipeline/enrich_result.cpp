#include "sonic/pipeline/enrich_result.hpp"

#include "sonic/core/logging.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic::pipeline {
namespace {

// Higher ranks decide the exit status: a person must act > try later (network) > rate limit.
int severity(ExitCode code) {
  switch (code) {
    case ExitCode::ok:
      return 0;
    case ExitCode::rate_limited:
      return 1;
    case ExitCode::network:
      return 2;
    default:
      return 3;
  }
}

const ServiceStop* deciding_stop(const std::map<std::string, ServiceStop>& stopped) {
  const ServiceStop* worst = nullptr;
  for (const auto& [service, stop] : stopped) {
    if (severity(stop.exit) > (worst ? severity(worst->exit) : 0)) worst = &stop;
  }
  return worst;
}

}  // namespace

ExitCode EnrichResult::exit_code() const {
  const ServiceStop* stop = deciding_stop(stopped);
  return stop ? stop->exit : ExitCode::ok;
}

void EnrichResult::throw_if_failed() const {
  if (const ServiceStop* stop = deciding_stop(stopped)) {
    throw Error(stop->exit, redact_secrets(stop->message));
  }
}

nlohmann::json EnrichResult::to_json() const {
  nlohmann::json stops = nlohmann::json::object();
  for (const auto& [service, stop] : stopped) {
    nlohmann::json entry = {{"reason", stop.reason}, {"message", redact_secrets(stop.message)}};
    if (stop.retry_at_ms) entry["retry_at"] = format_iso8601_utc(*stop.retry_at_ms);
    stops[service] = std::move(entry);
  }
  return {{"tracks_considered", tracks_considered},
          {"features_found", features_found},
          {"features_unknown", features_unknown},
          {"features_failed", features_failed},
          {"track_tags", track_tags},
          {"artist_tags", artist_tags},
          {"stopped", std::move(stops)}};
}

std::string EnrichResult::to_text() const {
  std::string text = std::to_string(tracks_considered) + " tracks considered: features for " +
                     std::to_string(features_found) + ", unknown to ReccoBeats " + std::to_string(features_unknown);
  if (features_failed > 0) text += ", refused " + std::to_string(features_failed);
  text +=
      "; " + std::to_string(track_tags) + " track tags and " + std::to_string(artist_tags) + " artist tags stored\n";
  for (const auto& [service, stop] : stopped) {
    text += "  " + service + " " + (stop.exit == ExitCode::ok ? "skipped" : "stopped") + ": " +
            redact_secrets(stop.message) + "\n";
  }
  return text;
}

}  // namespace sonic::pipeline
