// The streaming CSV reader with the separator detected from the header, read twice: in one piece
// through the default buffer, and a few bytes at a time through a tiny one. Both reads must give
// the same records (or the same error), and every record as many fields as the header.
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "sonic/sources/csv_reader.hpp"

namespace {

using sonic::sources::CsvReader;

std::vector<std::vector<std::string>> read_all(sonic::sources::ByteSource& source, std::size_t buffer_size) {
  std::vector<std::vector<std::string>> records;
  try {
    CsvReader csv(source, "fuzz.csv", buffer_size, 4096, CsvReader::kDetectSeparator);
    while (csv.next()) {
      records.emplace_back(csv.fields().begin(), csv.fields().end());
      sonic::fuzz::require(records.back().size() == records.front().size(),
                           "a record with another field count than the header");
    }
  } catch (const sonic::InputError& error) {
    records.push_back({std::string("error: ") + error.what()});
  }
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = sonic::fuzz::text_of(data, size);
  sonic::fuzz::PieceSource whole(text, text.size());
  sonic::fuzz::PieceSource pieces(text, 1 + size % 5);
  sonic::fuzz::require(read_all(whole, CsvReader::default_buffer_size) == read_all(pieces, 3),
                       "the CSV reader reads differently through a small buffer in pieces");
  return 0;
}
