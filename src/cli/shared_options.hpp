#pragma once
// Options several subcommands share, each defined once: one name, one help text, one range, and
// an environment variable where a setting (not a one-off choice) is meant.
#include <CLI/CLI.hpp>
#include <string>

namespace sonic::cli {

// --json: the result as one JSON object on stdout (logs and tallies stay on stderr).
inline CLI::Option* add_json_flag(CLI::App& command, bool& json) {
  return command.add_flag("--json", json, "Print one JSON object on stdout");
}

// --seed / SONIC_SEED: the same seed and data give the same result.
template <typename Seed>
CLI::Option* add_seed_option(CLI::App& command, Seed& seed) {
  return command.add_option("--seed", seed, "Seed of every random choice")
      ->envname("SONIC_SEED")
      ->capture_default_str();
}

// --threads / SONIC_THREADS: how many threads, never what they compute.
template <typename Threads>
CLI::Option* add_threads_option(CLI::App& command, Threads& threads) {
  return command.add_option("--threads", threads, "Threads (0: all cores; the result is the same)")
      ->envname("SONIC_THREADS")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
}

// --format terminal|json|html|md, --json and --out: the report commands' outputs. html and md go
// to a file: --out, else `default_file` (as the help says it).
struct ReportOutputFlags {
  std::string format = "terminal";
  bool json = false;
  std::string out;
};
inline void add_report_output_options(CLI::App& command, ReportOutputFlags& flags, const std::string& default_file) {
  command
      .add_option("--format", flags.format,
                  "terminal, json, html or md. html and md are written to a file (--out, else " + default_file +
                      ") whose path is printed on stdout")
      ->check(CLI::IsMember({"terminal", "json", "html", "md"}))
      ->capture_default_str();
  command.add_flag("--json", flags.json, "The same as --format json: one JSON object on stdout");
  command.add_option("--out", flags.out, "Write the report to this file (atomically) and print its path");
}

// --min-confidence: a propagated mood cluster below it is not stored (the track keeps none).
inline CLI::Option* add_min_confidence_option(CLI::App& command, double& min_confidence) {
  return command
      .add_option("--min-confidence", min_confidence,
                  "Keep a mood cluster propagated to a track without features only at this confidence or more")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
}

// --keep-going: for commands that read several files, each in its own transaction.
inline CLI::Option* add_keep_going_flag(CLI::App& command, bool& keep_going) {
  return command.add_flag("--keep-going", keep_going, "Import the other files when one is malformed (still exits 3)");
}

}  // namespace sonic::cli
