// Reading the wait a server asks for. Retry-After is RFC 9110 section 10.2.3 (delay-seconds or
// an HTTP-date); retry-after-ms is OpenAI's finer-grained variant. Both are sometimes sent with
// a fraction, so a decimal number is accepted.
#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sonic/net/requested_wait.hpp"

namespace sonic::net {
namespace {

// Far beyond any cap, and small enough that "now + wait" cannot overflow.
constexpr double kLongestWaitMs = 10.0 * 366 * 24 * 3600 * 1000;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// A non-negative decimal number ("3", "1.5"), nothing else: no sign, exponent, inf or nan.
std::optional<double> parse_decimal(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string_view::npos) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::chrono::milliseconds whole_ms(double ms) {
  // Rounded up: retrying a moment late is harmless, a moment early earns another 429.
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(std::min(ms, kLongestWaitMs))));
}

}  // namespace

std::optional<std::chrono::milliseconds> requested_wait(const HttpHeaders& headers, std::int64_t now_utc_ms) {
  if (const auto text = headers.find("retry-after-ms")) {
    if (const auto ms = parse_decimal(*text)) return whole_ms(*ms);
  }
  const auto text = headers.find("retry-after");
  if (!text) return std::nullopt;
  if (const auto seconds = parse_decimal(*text)) return whole_ms(*seconds * 1000.0);
  // curl_getdate reads all three HTTP-date forms (IMF-fixdate, RFC 850, asctime).
  const std::string date(trim(*text));
  const time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const double wait_ms = static_cast<double>(when) * 1000.0 - static_cast<double>(now_utc_ms);
  return whole_ms(std::max(0.0, wait_ms));
}

}  // namespace sonic::net
