#include "support/log_capture.hpp"

#include <spdlog/sinks/ostream_sink.h>

namespace sonic::testing {

LogCapture::LogCapture(spdlog::level::level_enum level)
    : logger_(std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_))),
      previous_(spdlog::default_logger()) {
  logger_->set_pattern("%l: %v");
  logger_->set_level(level);
  spdlog::set_default_logger(logger_);
}

LogCapture::~LogCapture() { spdlog::set_default_logger(previous_); }

std::string LogCapture::text() const {
  logger_->flush();
  return stream_.str();
}

}  // namespace sonic::testing
