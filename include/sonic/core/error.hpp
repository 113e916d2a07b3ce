#pragma once
// Typed errors. Every failure sonic reports to a person is a sonic::Error carrying the exit
// status that tells cron "retry later" from "a person must act". main() catches them once.
#include <stdexcept>
#include <string>

namespace sonic {

enum class ExitCode : int {
  ok = 0,
  unexpected = 1,    // a bug or an environment failure nobody planned for
  usage = 2,         // bad flags or arguments
  bad_input = 3,     // malformed export, CSV, response or model file
  login_needed = 4,  // the refresh token is missing, expired or revoked
  rate_limited = 5,  // a service asked us to come back later
  network = 6,       // a service could not be reached
};

// The table in the README, as words: used in logs and in --json error objects.
const char* exit_code_name(ExitCode code);

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// A file, row or response that is not what it claims to be.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(ExitCode::bad_input, message) {}
};

class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ExitCode::usage, message) {}
};

}  // namespace sonic
