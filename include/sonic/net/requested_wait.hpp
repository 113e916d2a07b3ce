#pragma once
// The wait a server asks for in its reply's headers.
#include <chrono>
#include <cstdint>
#include <optional>

#include "sonic/net/http_headers.hpp"

namespace sonic::net {

// The wait a reply asks for: `retry-after-ms` (OpenAI), else `Retry-After` as seconds or as an
// HTTP date (a date in the past means "now"). nullopt when there is no usable hint.
std::optional<std::chrono::milliseconds> requested_wait(const HttpHeaders& headers, std::int64_t now_utc_ms);

}  // namespace sonic::net
