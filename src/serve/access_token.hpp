#pragma once
// Who may ask: loopback needs nothing, any other address a bearer token, compared in constant
// time. The token comes from a file only its owner can read, or SONIC_SERVE_TOKEN.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sonic::serve {

// 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(std::string_view host);

// The token of `--token-file` (a UsageError when it is missing, empty, or readable by others
// than its owner), else SONIC_SERVE_TOKEN's, else nullopt.
std::optional<std::string> read_access_token(const std::optional<std::filesystem::path>& token_file);

// "Bearer <token>" against the expected token; the time taken does not depend on where they differ
// or on their lengths (both sides are hashed first).
bool authorization_matches(std::string_view authorization_header, const std::string& token);

}  // namespace sonic::serve
