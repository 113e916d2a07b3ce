// The streaming CSV reader, each input read four times: with the separator detected, in one
// piece and a few bytes at a time; with a comma, through the default buffer and through a tiny
// one. Each pair must give the same records (or the same error), every record as many fields as
// the header.
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "sonic/sources/csv_reader.hpp"

namespace {

using sonic::sources::CsvReader;

std::vector<std::vector<std::string>> read_all(sonic::sources::ByteSource& source, std::size_t buffer_size,
                                               char separator) {
  std::vector<std::vector<std::string>> records;
  try {
    CsvReader csv(source, "fuzz.csv", buffer_size, 4096, separator);
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
  // Short reads change nothing, separator detection included (it reads the header line whole)...
  sonic::fuzz::PieceSource whole(text, text.size());
  sonic::fuzz::PieceSource pieces(text, 1 + size % 5);
  sonic::fuzz::require(read_all(whole, CsvReader::default_buffer_size, CsvReader::kDetectSeparator) ==
                           read_all(pieces, CsvReader::default_buffer_size, CsvReader::kDetectSeparator),
                       "the CSV reader reads differently when the source gives a few bytes at a time");
  // ...and neither does the buffer's size, with the separator given (a header longer than the
  // buffer is detected from its first part, by design).
  sonic::fuzz::PieceSource whole_again(text, text.size());
  sonic::fuzz::PieceSource small_pieces(text, 1 + size % 5);
  sonic::fuzz::require(read_all(whole_again, CsvReader::default_buffer_size, ',') == read_all(small_pieces, 3, ','),
                       "the CSV reader reads differently through a small buffer in pieces");
  return 0;
}
