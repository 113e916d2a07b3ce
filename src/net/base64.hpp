#pragma once
// Standard base64 with padding (RFC 4648 section 4), for HTTP Basic authentication.
#include <string>
#include <string_view>

namespace sonic::net {

std::string base64_encode(std::string_view bytes);

}  // namespace sonic::net
