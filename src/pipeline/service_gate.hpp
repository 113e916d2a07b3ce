#pragma once
// Whether an enrichment run may still ask a service, and what an error from it means for the
// run. Private to pipeline/.
#include <cstdint>
#include <string>

#include "sonic/core/error.hpp"
#include "sonic/pipeline/enrich_result.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

class ServiceGate {
 public:
  // Requests in a row that may fail on their own before the service is given up for the run:
  // beyond that the fault is not the items' (a wrong base URL, a changed API).
  static constexpr int kMaxFailuresInARow = 3;

  // Closed at once when the service is not wanted, or is still backed off from an earlier run.
  ServiceGate(std::string service, std::string display_name, bool wanted, store::Database& db, EnrichResult& report,
              std::int64_t now_ms);

  bool open() const { return open_; }
  // A network fault closed this gate: the whole run must stop.
  bool stops_run() const { return stops_run_; }

  void close(ServiceStop stop);
  void succeeded() { failures_in_a_row_ = 0; }

  // Called with an error one request raised. Returns true when the error concerns that request
  // alone, so its items are recorded as failed; otherwise the gate is now closed and nothing is
  // recorded. A rate limit past the wait cap is written to service_backoff.
  bool judge(const Error& error);

 private:
  std::string service_;
  std::string display_name_;
  store::Database& db_;
  EnrichResult& report_;
  bool open_ = true;
  bool stops_run_ = false;
  int failures_in_a_row_ = 0;
};

// "ReccoBeats is backed off until 2026-05-01T13:00:00.000Z: <reason>"
std::string backed_off_message(std::string_view display_name, std::int64_t retry_at_ms, const std::string& reason);

}  // namespace sonic::pipeline
