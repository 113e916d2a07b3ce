// The import benchmark: sonic's import of a folder of extended-history files into a fresh
// store, the same work as `anchors.py import DIR` (read all, drop duplicates, derive start
// times, write a table) and more (tracks, artists, cross-source matching, sessions, audit).
// Prints one JSON line with anchors.py's keys plus peak memory and the parse-only time.
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>

#include "bench_support.hpp"
#include "sonic/core/home.hpp"
#include "sonic/pipeline/import_into_home.hpp"
#include "sonic/sources/export_file_reader.hpp"
#include "sonic/sources/export_inputs.hpp"

namespace {

double parse_only_seconds(const std::filesystem::path& folder, std::int64_t& rows) {
  sonic::bench::Stopwatch watch;
  rows = 0;
  for (const auto& input : sonic::sources::list_export_inputs({folder})) {
    auto source = input.open();
    sonic::sources::ExportFileReader reader(*source, input.name);
    sonic::sources::PlayRecord record;
    std::string skip;
    while (reader.next(record, skip)) ++rows;
  }
  return watch.seconds();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: import_bench EXPORT_FOLDER\n");
    return 2;
  }
  const std::filesystem::path folder = argv[1];
  const auto scratch = std::filesystem::temp_directory_path() / "sonic-import-bench";
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);

  std::int64_t parsed_rows = 0;
  const double parse_seconds = parse_only_seconds(folder, parsed_rows);

  sonic::bench::Stopwatch watch;
  // What `sonic import` does in a new home: the store is built and put in place.
  const sonic::Home home{.dir = scratch, .database = scratch / "sonic.db"};
  const auto report = sonic::pipeline::import_into_home(home, {folder}, {});
  const double seconds = watch.seconds();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  sonic::bench::emit({{"task", "import"},
                      {"tool", "sonic"},
                      {"data", folder.string()},
                      {"rows", report.tally.imported},
                      {"files", report.tally.files},
                      {"seconds", seconds},
                      {"parse_seconds", parse_seconds},
                      {"peak_rss_mb", static_cast<double>(usage.ru_maxrss) / 1024.0}});
  std::filesystem::remove_all(scratch);
  return 0;
}
