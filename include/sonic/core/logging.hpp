#pragma once
// Logs go to stderr through spdlog, never to stdout (stdout carries data: tables and JSON).
// Every secret sonic handles is registered here, and the sink masks it wherever it appears,
// so a token can not reach a log line by accident, at any level.
#include <string>

namespace sonic {

// level: trace, debug, info, warn, error, critical or off. Throws UsageError on another word.
void configure_logging(const std::string& level);

// From now on, `secret` is printed as "[redacted]" in every log line (secrets shorter than
// 6 characters are ignored: masking them would garble ordinary text).
void register_secret(const std::string& secret);

// The same masking for text that leaves sonic some other way (error messages, reports).
std::string redact_secrets(std::string text);

}  // namespace sonic
