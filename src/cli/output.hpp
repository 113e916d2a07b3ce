#pragma once
// stdout carries data only: one JSON object for --json, or a human-readable text.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/report/terminal_report.hpp"

namespace sonic::cli {

inline void print_json(const nlohmann::json& object) {
  const std::string text = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

inline void print_text(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

// A result's JSON or its text on stdout, whether it renders itself (`result.to_json()`) or is
// rendered by its module (`to_json(result)`, found by argument-dependent lookup).
template <typename Result>
void print_result(const Result& result, bool json) {
  if constexpr (requires { result.to_json(); }) {
    json ? print_json(result.to_json()) : print_text(result.to_text());
  } else {
    json ? print_json(to_json(result)) : print_text(to_text(result));
  }
}

// An import's or an enrichment's tally: the text on stderr (unless quiet), the JSON on stdout
// when asked.
template <typename Report>
void print_tally(const Report& report, bool quiet, bool json) {
  if (!quiet) std::fputs(report.to_text().c_str(), stderr);
  if (json) print_json(report.to_json());
}

// Colour in the terminal report: only on a terminal, and never with NO_COLOR.
inline bool colour_on_stdout() { return report::colour_wanted(isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR")); }

}  // namespace sonic::cli
