#include "sonic/core/error.hpp"

namespace sonic {

const char* exit_code_name(ExitCode code) {
  switch (code) {
    case ExitCode::ok:
      return "ok";
    case ExitCode::unexpected:
      return "unexpected failure";
    case ExitCode::usage:
      return "bad usage";
    case ExitCode::bad_input:
      return "bad input data";
    case ExitCode::login_needed:
      return "login needed";
    case ExitCode::rate_limited:
      return "rate-limited, try later";
    case ExitCode::network:
      return "network unreachable";
  }
  return "unknown";
}

}  // namespace sonic
