#pragma once
// Percent-encoding for query strings and application/x-www-form-urlencoded bodies.
#include <string>
#include <string_view>

namespace sonic::net {

// RFC 3986: unreserved characters (A-Z a-z 0-9 - . _ ~) stay as they are, every other byte
// becomes %XX (upper-case hex), a space included. Using %20 rather than '+' for spaces keeps
// one encoder for URLs and form bodies: servers decode both, and a literal '+' becomes %2B, so
// a server that reads '+' as a space still gets the right text.
std::string percent_encode(std::string_view text);

}  // namespace sonic::net
