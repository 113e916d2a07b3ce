#pragma once
// `sonic report` in a terminal: overview, the weekday × hour heatmap, mood mix (overall and by
// segment), top artists, drift flags, model metrics, the next 24 hours and the narrative, from
// the dashboard JSON alone (report/dashboard.hpp). Every line fits 80 display columns; names
// pass terminal_safe.
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::report {

struct TerminalOptions {
  bool colour = false;  // ANSI bold/dim/colour; only for a TTY (see colour_wanted)
};

std::string render_terminal(const nlohmann::json& dashboard, const TerminalOptions& options);

// Colour only on a terminal, and never when NO_COLOR is set to anything non-empty
// (https://no-color.org). `no_color` is getenv("NO_COLOR"), possibly null.
bool colour_wanted(bool stdout_is_tty, const char* no_color);

}  // namespace sonic::report
