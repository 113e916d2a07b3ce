#include "curl_trace.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <string_view>

namespace sonic::net {
namespace {

bool is_credential_header(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kNames = {"Authorization", "Proxy-Authorization", "Cookie",
                                                             "Set-Cookie"};
  for (const auto known : kNames) {
    if (header_name_equals(name, known)) return true;
  }
  return false;
}

std::string masked_line(const HttpRequest& request, std::string_view line) {
  const auto colon = line.find(':');
  if (colon != std::string_view::npos && is_credential_header(line.substr(0, colon))) {
    return std::string(line.substr(0, colon)) + ": [redacted]";
  }
  return request.mask(std::string(line));
}

int log_curl_event(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  const char* marker = nullptr;
  switch (type) {
    case CURLINFO_TEXT:
      marker = "*";
      break;
    case CURLINFO_HEADER_OUT:
      marker = ">";
      break;
    case CURLINFO_HEADER_IN:
      marker = "<";
      break;
    default:
      return 0;  // bodies and TLS records: too big, and a reply may carry fresh tokens
  }
  const auto& request = *static_cast<const HttpRequest*>(user);
  std::string_view text(data, size);
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) spdlog::trace("curl {} {}", marker, masked_line(request, line));
  }
  return 0;
}

}  // namespace

void trace_transfer_if_enabled(CURL* handle, const HttpRequest& request) {
  if (!spdlog::should_log(spdlog::level::trace)) return;
  curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, log_curl_event);
  curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &request);
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);
}

}  // namespace sonic::net
