#include "enrich_options.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "sonic/core/logging.hpp"
#include "sonic/core/service_endpoints.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic::cli {

void add_enrich_options(CLI::App& command, EnrichFlags& flags) {
  command.add_option("--services", flags.services, "Which services to ask, comma-separated")
      ->delimiter(',')
      ->check(CLI::IsMember({"reccobeats", "lastfm"}))
      ->capture_default_str();
  command
      .add_option("--reccobeats-interval", flags.reccobeats_interval_ms,
                  "Milliseconds between the starts of two ReccoBeats calls")
      ->envname("SONIC_RECCOBEATS_INTERVAL_MS")
      ->check(CLI::Range(0, 60'000))
      ->capture_default_str();
  command
      .add_option("--lastfm-interval", flags.lastfm_interval_ms,
                  "Milliseconds between the starts of two Last.fm calls (250: 4 a second)")
      ->envname("SONIC_LASTFM_INTERVAL_MS")
      ->check(CLI::Range(0, 60'000))
      ->capture_default_str();
  command
      .add_option("--retry-unknown-days", flags.unknown_retry_days,
                  "Days before a track or artist a service did not know is asked again")
      ->envname("SONIC_ENRICH_RETRY_DAYS")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
}

pipeline::EnrichOptions to_enrich_options(const EnrichFlags& flags) {
  const auto wants = [&](const char* service) {
    return std::find(flags.services.begin(), flags.services.end(), service) != flags.services.end();
  };
  pipeline::EnrichOptions options;
  options.features = wants("reccobeats");
  options.tags = wants("lastfm");
  options.endpoints = ServiceEndpoints::from_environment();
  const char* key = std::getenv("LASTFM_API_KEY");
  options.lastfm_api_key = key ? key : "";
  register_secret(options.lastfm_api_key);
  options.reccobeats_interval = std::chrono::milliseconds(flags.reccobeats_interval_ms);
  options.lastfm_interval = std::chrono::milliseconds(flags.lastfm_interval_ms);
  options.unknown_retry_ms = flags.unknown_retry_days * kMsPerDay;
  return options;
}

void ProgressBar::draw(const pipeline::EnrichProgress& progress) {
  constexpr std::size_t kWidth = 24;
  const std::size_t filled = progress.total ? kWidth * progress.done / progress.total : kWidth;
  std::fprintf(stderr, "\r\033[Kenriching [%s%s] %zu/%zu tracks", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '-').c_str(), progress.done, progress.total);
  open_line_ = progress.done < progress.total;
  if (!open_line_) std::fputc('\n', stderr);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (open_line_) std::fputc('\n', stderr);
  open_line_ = false;
}

}  // namespace sonic::cli
