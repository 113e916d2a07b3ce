// Reading speed of sonic's CsvReader (records and fields) and FeatureCatalogReader (records,
// keys and the eleven features parsed and range-checked) over catalog CSVs.
//
//   csv_reader_bench [--runs N] FILE...
//
// Prints one JSON line: {"task":"csv-read","tool":"sonic","bytes":N,"rows":N,"seconds":S,
// "mb_per_s":X,"catalog_seconds":S,"catalog_mb_per_s":X}, seconds being medians over the runs.
// The reference a user would otherwise pick is pandas.read_csv; time it on the same files in
// the same session (the machines are shared and noisy) and compare the ratio.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/csv_reader.hpp"
#include "sonic/sources/feature_catalog.hpp"

namespace {

using sonic::sources::open_file_source;

// Fields seen, so the compiler cannot drop the read.
std::size_t csv_fields(const std::vector<std::string>& files, std::size_t& bytes) {
  std::size_t fields = 0;
  for (const auto& file : files) {
    auto source = open_file_source(file);
    sonic::sources::CsvReader csv(*source, file);
    while (csv.next()) {
      fields += csv.fields().size();
      for (const auto field : csv.fields()) bytes += field.size();
    }
  }
  return fields;
}

std::size_t catalog_rows(const std::vector<std::string>& files) {
  std::size_t keyed = 0;
  for (const auto& file : files) {
    auto source = open_file_source(file);
    sonic::sources::FeatureCatalogReader reader(*source, file);
    sonic::sources::CatalogRow row;
    while (reader.next(row)) keyed += row.skip_reason == nullptr;
  }
  return keyed;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto [runs, files] = sonic::bench::parse_runs_and_files(argc, argv, "csv_reader_bench", 7);
    std::size_t file_bytes = 0;
    for (const auto& file : files) {  // also warms the page cache
      auto source = open_file_source(file);
      char buffer[1 << 16];
      while (const std::size_t got = source->read(buffer, sizeof buffer)) file_bytes += got;
    }
    std::size_t fields = 0;
    std::size_t field_bytes = 0;
    std::size_t rows = 0;
    const double seconds = sonic::bench::median_seconds(runs, [&] {
      field_bytes = 0;
      fields = csv_fields(files, field_bytes);
    });
    const double catalog_seconds = sonic::bench::median_seconds(runs, [&] { rows = catalog_rows(files); });
    const double mb = static_cast<double>(file_bytes) / 1e6;
    sonic::bench::emit({{"task", "csv-read"},
                        {"tool", "sonic"},
                        {"bytes", file_bytes},
                        {"fields", fields},
                        {"rows", rows},
                        {"runs", runs},
                        {"seconds", seconds},
                        {"mb_per_s", mb / seconds},
                        {"catalog_seconds", catalog_seconds},
                        {"catalog_mb_per_s", mb / catalog_seconds}});
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "csv_reader_bench: %s\n", error.what());
    return 1;
  }
}
