#pragma once
// The fate of every row an import read: imported, a duplicate, or skipped for a named reason.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sonic::pipeline {

struct Tally {
  std::int64_t files = 0;
  std::int64_t rows = 0;
  std::int64_t imported = 0;
  std::int64_t duplicates = 0;
  std::int64_t replaced = 0;     // imported rows that took the place of a poorer source's play
  std::int64_t short_plays = 0;  // imported, but under 30 s
  std::int64_t episodes = 0;     // imported podcast / audiobook plays
  std::map<std::string, std::int64_t> skipped;

  void skip(const std::string& reason, std::int64_t count = 1) { skipped[reason] += count; }
  void add(const Tally& other);
  std::int64_t skipped_total() const;
};

struct FileFailure {
  std::string file;
  std::string message;
};

// Files an import with keep_going refused still fail the run: InputError (exit 3) naming how many
// and the first one's reason. Nothing when there are none.
void throw_if_files_failed(const std::vector<FileFailure>& failures);

struct ImportReport {
  Tally tally;
  std::int64_t sessions = 0;                          // sessions in the store afterwards
  std::map<std::string, std::int64_t> skipped_files;  // whole files passed over, by reason
  std::vector<FileFailure> failures;                  // files refused (only with keep_going; else it throws)
  bool dry_run = false;

  // {"files":N,"rows":N,"imported":N,"duplicates":N,"skipped":{"reason":N},...}
  nlohmann::json to_json() const;
  // The human tally for stderr.
  std::string to_text() const;
  void throw_if_failed() const { throw_if_files_failed(failures); }
};

}  // namespace sonic::pipeline
