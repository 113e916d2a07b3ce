#include "sonic/sources/sampled_csv.hpp"

#include "sonic/core/error.hpp"

namespace sonic::sources {

SampledCsvReader::SampledCsvReader(ByteSource& source, std::string name, std::size_t sample_rows)
    : csv_(source, std::move(name), CsvReader::default_buffer_size, CsvReader::default_max_record_bytes,
           CsvReader::kDetectSeparator) {
  if (!csv_.next()) throw InputError(csv_.name() + ": empty file, expected a header line");
  header_.assign(csv_.fields().begin(), csv_.fields().end());
  header_view_.assign(header_.begin(), header_.end());
  while (sample_.size() < sample_rows) {
    if (!csv_.next()) {
      sample_ended_file_ = true;
      break;
    }
    sample_.emplace_back(csv_.fields().begin(), csv_.fields().end());
    sample_lines_.push_back(csv_.line());
  }
}

bool SampledCsvReader::next() {
  if (replayed_ < sample_.size()) {
    const auto& row = sample_[replayed_];
    fields_.assign(row.begin(), row.end());
    line_ = sample_lines_[replayed_++];
    return true;
  }
  if (sample_ended_file_ || !csv_.next()) return false;
  fields_.assign(csv_.fields().begin(), csv_.fields().end());
  line_ = csv_.line();
  return true;
}

}  // namespace sonic::sources
