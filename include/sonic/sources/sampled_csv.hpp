#pragma once
// A CSV read with its header and first rows in hand before the rest: a catalog's ID column may
// have to be recognised by its content, so the first rows are read ahead, kept, and then handed
// out again in order. Memory stays flat: only the sample is held.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/csv_reader.hpp"

namespace sonic::sources {

class SampledCsvReader {
 public:
  static constexpr std::size_t kDefaultSampleRows = 200;

  // Reads the header and up to `sample_rows` records; the separator is detected. InputError
  // for an empty file or malformed CSV (naming the file and line). The source must outlive it.
  SampledCsvReader(ByteSource& source, std::string name, std::size_t sample_rows = kDefaultSampleRows);

  const std::vector<std::string_view>& header() const { return header_view_; }
  const std::vector<std::vector<std::string>>& sample() const { return sample_; }

  // The next record after the header (the sample's first); false after the last.
  bool next();
  const std::vector<std::string_view>& fields() const { return fields_; }
  std::uint64_t line() const { return line_; }  // of the current record
  const std::string& name() const { return csv_.name(); }
  char separator() const { return csv_.separator(); }

 private:
  CsvReader csv_;
  std::vector<std::string> header_;
  std::vector<std::string_view> header_view_;
  std::vector<std::vector<std::string>> sample_;
  std::vector<std::uint64_t> sample_lines_;
  std::size_t replayed_ = 0;
  bool sample_ended_file_ = false;
  std::vector<std::string_view> fields_;
  std::uint64_t line_ = 0;
};

}  // namespace sonic::sources
