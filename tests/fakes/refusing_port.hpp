#pragma once
// A loopback port where nobody listens: connecting to it is refused at once. The port stays
// bound (but not listening) for the object's lifetime, so no other test can start a server on
// it in the meantime.
#include <string>
#include <string_view>

namespace sonic::testing {

class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  int port() const { return port_; }
  std::string url(std::string_view path = "") const;

 private:
  int socket_ = -1;
  int port_ = 0;
};

}  // namespace sonic::testing
