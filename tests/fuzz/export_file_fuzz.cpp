// The export row parser, every layout (extended audio/video, basic music and podcast, account
// data, a saved recently-played reply): the layout is detected from the keys, so one target
// reaches them all. Every row either parses, is skipped with a reason, or the file is an
// InputError naming the row and byte.
#include <string>

#include "fuzz_input.hpp"
#include "sonic/sources/export_file_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = sonic::fuzz::text_of(data, size);
  sonic::fuzz::PieceSource source(text, 1 + size % 13);
  sonic::fuzz::expect_input_error_only([&] {
    sonic::sources::ExportFileReader reader(source, "fuzz.json");
    sonic::sources::PlayRecord record;
    std::string skip_reason;
    std::size_t rows = 0;
    while (reader.next(record, skip_reason)) ++rows;
    sonic::fuzz::require(rows == reader.rows_read(), "the reader's row count differs from the rows it gave");
  });
  return 0;
}
