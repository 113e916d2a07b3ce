#pragma once
// Percent-encoding for query strings and application/x-www-form-urlencoded bodies.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sonic::net {

// RFC 3986: unreserved characters (A-Z a-z 0-9 - . _ ~) stay as they are, every other byte
// becomes %XX (upper-case hex), a space included. Using %20 rather than '+' for spaces keeps
// one encoder for URLs and form bodies: servers decode both, and a literal '+' becomes %2B, so
// a server that reads '+' as a space still gets the right text.
std::string percent_encode(std::string_view text);

// The inverse, for one component of a query string or form body (a redirect URL pasted by a
// person, say): %XX becomes its byte and '+' a space. A '%' without two hex digits after it
// stays as it is.
std::string percent_decode(std::string_view text);

// "code=a%2Fb&state=x&flag" as decoded (name, value) pairs in their order; "flag" has an empty
// value, empty parts are skipped.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

}  // namespace sonic::net
