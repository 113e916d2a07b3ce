// A whole-track catalog (`sonic catalog import`): separator detection, the ID, name, year and
// feature columns, the extra columns kept as JSON. A row is stored or skipped with a reason; a
// stored row's extra JSON is JSON.
#include <nlohmann/json.hpp>

#include "fuzz_input.hpp"
#include "sonic/sources/catalog_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = sonic::fuzz::text_of(data, size);
  sonic::fuzz::PieceSource source(text, 1 + size % 11);
  sonic::fuzz::expect_input_error_only([&] {
    sonic::sources::CatalogFileReader reader(source, "fuzz.csv");
    sonic::sources::CatalogFileRow row;
    while (reader.next(row)) {
      if (row.skip_reason) continue;
      sonic::fuzz::require(row.track_id.size() == 22, "a stored catalog row without a 22-character ID");
      sonic::fuzz::require(row.extra_json.empty() || nlohmann::json::accept(row.extra_json),
                           "a catalog row's extra columns are not JSON");
    }
  });
  return 0;
}
