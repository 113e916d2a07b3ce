#pragma once
// A request sonic serve refuses: the HTTP status and the body's {"error":{"code","message"}}.
#include <stdexcept>
#include <string>

namespace sonic::serve {

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }

 private:
  int status_;
  std::string code_;
};

}  // namespace sonic::serve
