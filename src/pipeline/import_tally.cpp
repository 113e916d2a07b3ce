#include "sonic/pipeline/import_tally.hpp"

#include <sstream>

#include "sonic/core/error.hpp"

namespace sonic::pipeline {

void throw_if_files_failed(const std::vector<FileFailure>& failures) {
  if (failures.empty()) return;
  throw InputError(std::to_string(failures.size()) +
                   " file(s) could not be imported; first: " + failures.front().message);
}

void Tally::add(const Tally& other) {
  files += other.files;
  rows += other.rows;
  imported += other.imported;
  duplicates += other.duplicates;
  replaced += other.replaced;
  short_plays += other.short_plays;
  episodes += other.episodes;
  for (const auto& [reason, count] : other.skipped) skipped[reason] += count;
}

std::int64_t Tally::skipped_total() const {
  std::int64_t total = 0;
  for (const auto& [reason, count] : skipped) total += count;
  return total;
}

nlohmann::json ImportReport::to_json() const {
  nlohmann::json failed = nlohmann::json::array();
  for (const auto& failure : failures) failed.push_back({{"file", failure.file}, {"error", failure.message}});
  return {{"files", tally.files},
          {"rows", tally.rows},
          {"imported", tally.imported},
          {"duplicates", tally.duplicates},
          {"skipped", tally.skipped},
          {"replaced", tally.replaced},
          {"short_plays", tally.short_plays},
          {"episodes", tally.episodes},
          {"sessions", sessions},
          {"failed", failed},
          {"skipped_files", skipped_files},
          {"dry_run", dry_run}};
}

std::string ImportReport::to_text() const {
  std::ostringstream text;
  text << (dry_run ? "dry run (nothing written): " : "") << tally.files << " files, " << tally.rows
       << " rows read: " << tally.imported << " imported";
  if (tally.replaced) text << " (" << tally.replaced << " replacing a poorer source's copy)";
  text << ", " << tally.duplicates << " duplicates, " << tally.skipped_total() << " skipped";
  if (!tally.skipped.empty()) {
    text << " (";
    bool first = true;
    for (const auto& [reason, count] : tally.skipped) {
      text << (first ? "" : ", ") << reason << ": " << count;
      first = false;
    }
    text << ")";
  }
  text << "\n";
  if (tally.imported) {
    text << "  of the imported: " << tally.short_plays << " under 30 s (kept, left out of analytics), "
         << tally.episodes << " podcast or audiobook plays\n";
  }
  for (const auto& [reason, count] : skipped_files) {
    text << "  files passed over (" << reason << "): " << count << "\n";
  }
  if (!dry_run) text << "  listening sessions in the store: " << sessions << "\n";
  for (const auto& failure : failures) text << "  failed: " << failure.message << "\n";
  return text.str();
}

}  // namespace sonic::pipeline
