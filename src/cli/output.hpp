#pragma once
// stdout carries data only: one JSON object for --json, or a human-readable text.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

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

}  // namespace sonic::cli
