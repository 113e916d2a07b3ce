#include "sonic/core/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>
#include <vector>

#include "sonic/core/error.hpp"

namespace sonic {
namespace {

std::mutex& secrets_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::vector<std::string>& secrets() {
  static std::vector<std::string> list;
  return list;
}

// Formats like the default stderr sink, then masks secrets before writing.
class RedactingStderrSink : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    const std::string line = redact_secrets(std::string(formatted.data(), formatted.size()));
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
};

}  // namespace

void configure_logging(const std::string& level) {
  const auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    throw UsageError("unknown log level '" + level + "' (use trace, debug, info, warn, error, critical or off)");
  }
  static const auto logger = [] {
    auto created = std::make_shared<spdlog::logger>("sonic", std::make_shared<RedactingStderrSink>());
    created->set_pattern("sonic: %^%l%$: %v");
    spdlog::set_default_logger(created);
    return created;
  }();
  logger->set_level(parsed);
}

void register_secret(const std::string& secret) {
  if (secret.size() < 6) return;
  std::lock_guard lock(secrets_mutex());
  for (const auto& known : secrets()) {
    if (known == secret) return;
  }
  secrets().push_back(secret);
}

std::string redact_secrets(std::string text) {
  std::lock_guard lock(secrets_mutex());
  for (const auto& secret : secrets()) {
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[redacted]");
    }
  }
  return text;
}

}  // namespace sonic
