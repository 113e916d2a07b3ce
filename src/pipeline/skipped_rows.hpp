#pragma once
// Counting a bad row of an imported CSV file by its reason, and saying what was wrong with it:
// the first of each reason in a file at info, the rest at debug, so a file with a million bad
// values logs one line, not a million.
#include <spdlog/spdlog.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace sonic::pipeline {

inline void count_skipped_row(std::map<std::string, std::int64_t>& skipped, const char* reason,
                              const std::string& problem, const std::filesystem::path& file, std::uint64_t line) {
  const auto times = ++skipped[reason];
  if (problem.empty()) return;
  spdlog::log(times == 1 ? spdlog::level::info : spdlog::level::debug, "{}: line {}: {}: row skipped", file.string(),
              line, problem);
}

}  // namespace sonic::pipeline
