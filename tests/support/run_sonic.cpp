#include "support/run_sonic.hpp"

#include "support/sonic_process.hpp"

namespace sonic::testing {

RunResult run_sonic(const std::vector<std::string>& args, const RunOptions& options) {
  SonicProcess process(args, options);
  process.close_stdin();
  const auto limit = options.kill_after_ms > 0
                         ? std::chrono::milliseconds(options.kill_after_ms)
                         : std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::hours(24));
  return process.wait(limit);
}

}  // namespace sonic::testing
