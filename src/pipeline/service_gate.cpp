#include "service_gate.hpp"

#include <spdlog/spdlog.h>

#include "sonic/core/utc_time.hpp"
#include "sonic/net/http_errors.hpp"
#include "sonic/sources/lastfm_client.hpp"
#include "sonic/store/service_backoff.hpp"

namespace sonic::pipeline {

std::string backed_off_message(std::string_view display_name, std::int64_t retry_at_ms, const std::string& reason) {
  return std::string(display_name) + " is backed off until " + format_iso8601_utc(retry_at_ms) + " (" + reason + ")";
}

ServiceGate::ServiceGate(std::string service, std::string display_name, bool wanted, store::Database& db,
                         EnrichResult& report, std::int64_t now_ms)
    : service_(std::move(service)), display_name_(std::move(display_name)), db_(db), report_(report) {
  if (!wanted) {
    open_ = false;
    return;
  }
  if (const auto backoff = store::active_backoff(db_, service_, now_ms)) {
    close({"rate_limited", backed_off_message(display_name_, backoff->retry_at_ms, backoff->reason),
           ExitCode::rate_limited, backoff->retry_at_ms});
    return;
  }
  store::clear_backoff(db_, service_);  // one that has run out
}

void ServiceGate::close(ServiceStop stop) {
  if (!open_) return;
  open_ = false;
  spdlog::debug("{}: {}", display_name_, stop.message);  // the report tells the person
  report_.stopped.emplace(service_, std::move(stop));
}

bool ServiceGate::judge(const Error& error) {
  if (const auto* limited = dynamic_cast<const net::RateLimitedError*>(&error)) {
    store::record_backoff(db_, {service_, limited->retry_at_ms(), limited->what()});
    close({"rate_limited", limited->what(), ExitCode::rate_limited, limited->retry_at_ms()});
    return false;
  }
  if (error.code() == ExitCode::network) {
    stops_run_ = true;
    close({"network", error.what(), ExitCode::network, std::nullopt});
    return false;
  }
  if (const auto* lastfm = dynamic_cast<const sources::LastfmError*>(&error); lastfm && lastfm->key_rejected()) {
    close({"api_key", error.what(), error.code(), std::nullopt});
    return false;
  }
  spdlog::warn("{}: {}", display_name_, error.what());
  if (++failures_in_a_row_ >= kMaxFailuresInARow) {
    close({"failing",
           display_name_ + " refused " + std::to_string(failures_in_a_row_) +
               " requests in a row; the last: " + error.what(),
           error.code(), std::nullopt});
  }
  return true;
}

}  // namespace sonic::pipeline
