#include "sonic/net/http_errors.hpp"

#include <cstdio>

#include "sonic/core/utc_time.hpp"

namespace sonic::net {
namespace {

std::string asks_to_wait(const std::string& what, int status, std::chrono::milliseconds wait,
                         std::int64_t retry_at_ms) {
  return what + " answered HTTP " + std::to_string(status) + " and asks us to wait " + describe_duration(wait) +
         ", until " + format_iso8601_utc(retry_at_ms) + "; try again after that";
}

ExitCode exit_code_for_status(int status) {
  return status >= 500 || status == 408 ? ExitCode::network : ExitCode::unexpected;
}

std::string status_message(const std::string& what, int status, const std::string& body) {
  std::string message = what + " answered HTTP " + std::to_string(status);
  const std::string excerpt = body_excerpt(body);
  if (!excerpt.empty()) message += ": " + excerpt;
  return message;
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t utf8_sequence_length(char lead) {
  const auto c = static_cast<unsigned char>(lead);
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// Drops a multi-byte character the cut left incomplete at the end of `text`.
void drop_partial_utf8_tail(std::string& text) {
  std::size_t lead = text.size();
  while (lead > 0 && text.size() - lead < 4 && is_utf8_continuation(text[lead - 1])) --lead;
  if (lead == 0) return;
  --lead;
  if (lead + utf8_sequence_length(text[lead]) > text.size()) text.resize(lead);
}

}  // namespace

RateLimitedError::RateLimitedError(const std::string& what_was_asked, int status, std::chrono::milliseconds wait,
                                   std::int64_t now_utc_ms)
    : Error(ExitCode::rate_limited, asks_to_wait(what_was_asked, status, wait, now_utc_ms + wait.count())),
      wait_(wait),
      retry_at_ms_(now_utc_ms + wait.count()) {}

HttpStatusError::HttpStatusError(const std::string& what_was_asked, int status, std::string masked_body)
    : Error(exit_code_for_status(status), status_message(what_was_asked, status, masked_body)),
      status_(status),
      body_(std::move(masked_body)) {}

std::string body_excerpt(std::string_view body, std::size_t limit) {
  std::string excerpt;
  bool pending_space = false;
  bool cut = false;
  for (const char ch : body) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) {  // white space and control characters (ESC included)
      pending_space = !excerpt.empty();
      continue;
    }
    if (excerpt.size() + (pending_space ? 1 : 0) >= limit) {
      cut = true;
      break;
    }
    if (pending_space) excerpt += ' ';
    pending_space = false;
    excerpt += ch;
  }
  if (cut) {
    drop_partial_utf8_tail(excerpt);
    excerpt += "...";
  }
  return excerpt;
}

std::string describe_duration(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  char text[48];
  if (ms < 1000) {
    std::snprintf(text, sizeof text, "%lld ms", static_cast<long long>(ms));
  } else if (ms < 60'000) {
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
  } else if (ms < 3'600'000) {
    std::snprintf(text, sizeof text, "%lld min %lld s", static_cast<long long>(ms / 60'000),
                  static_cast<long long>(ms % 60'000 / 1000));
  } else {
    std::snprintf(text, sizeof text, "%lld h %lld min", static_cast<long long>(ms / 3'600'000),
                  static_cast<long long>(ms % 3'600'000 / 60'000));
  }
  return text;
}

}  // namespace sonic::net
