#pragma once
// Captures what sonic logs while it lives: the default spdlog logger is replaced by one that
// writes into a string at the given level, and the previous logger is restored afterwards.
// The capture sink applies no redaction of its own, so a test sees exactly what the code
// handed to the logger.
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>
#include <string>

namespace sonic::testing {

class LogCapture {
 public:
  explicit LogCapture(spdlog::level::level_enum level = spdlog::level::trace);
  ~LogCapture();
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::string text() const;

 private:
  std::ostringstream stream_;  // declared first: outlives the logger that writes to it
  std::shared_ptr<spdlog::logger> logger_;
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace sonic::testing
