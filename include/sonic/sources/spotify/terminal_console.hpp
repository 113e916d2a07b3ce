#pragma once
// The login's console on a real terminal: instructions on stderr, lines from standard input,
// and a browser through xdg-open, but only where one can appear (a graphical display, and a
// person at a terminal: stdin and stderr are TTYs).
#include <chrono>
#include <optional>
#include <string>

#include "sonic/sources/spotify/login_flow.hpp"

namespace sonic::sources::spotify {

class TerminalConsole final : public LoginConsole {
 public:
  void say(const std::string& text) override;
  bool open_browser(const std::string& url) override;
  std::optional<std::string> read_line(std::chrono::milliseconds timeout) override;
  bool input_closed() const override { return closed_; }

 private:
  std::optional<std::string> take_line();

  std::string pending_;  // read from stdin, not yet a whole line
  bool closed_ = false;
};

// DISPLAY or WAYLAND_DISPLAY is set, and stdin and stderr are terminals.
bool can_open_browser();

}  // namespace sonic::sources::spotify
