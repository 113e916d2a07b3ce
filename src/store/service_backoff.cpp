#include "sonic/store/service_backoff.hpp"

namespace sonic::store {

std::optional<ServiceBackoff> active_backoff(Database& db, std::string_view service, std::int64_t now_ms) {
  auto query = db.prepare("SELECT retry_at_ms, reason FROM service_backoff WHERE service = ?1 AND retry_at_ms > ?2");
  query.bind(1, service).bind(2, now_ms);
  if (!query.step()) return std::nullopt;
  return ServiceBackoff{std::string(service), query.integer(0), query.text(1)};
}

void record_backoff(Database& db, const ServiceBackoff& backoff) {
  db.prepare(
        "INSERT INTO service_backoff (service, retry_at_ms, reason) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(service) DO UPDATE SET retry_at_ms = excluded.retry_at_ms, "
        "reason = excluded.reason")
      .bind(1, backoff.service)
      .bind(2, backoff.retry_at_ms)
      .bind(3, backoff.reason)
      .run();
}

void clear_backoff(Database& db, std::string_view service) {
  db.prepare("DELETE FROM service_backoff WHERE service = ?1").bind(1, service).run();
}

}  // namespace sonic::store
