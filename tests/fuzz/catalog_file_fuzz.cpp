// A whole-track catalog (`sonic catalog import`): separator detection, the ID, name, year and
// feature columns, the other columns kept as UTF-8 text. A row is stored or skipped with a reason.
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
      // The kept cells are stored as text and end up in JSON: they must be UTF-8.
      for (const std::string_view cell : row.extra) {
        sonic::fuzz::require(nlohmann::json::accept(nlohmann::json(std::string(cell)).dump()),
                             "a catalog row's kept cell is not UTF-8");
      }
    }
  });
  return 0;
}
