// A features catalog (`sonic import-features`): the CSV, the column detection (ID columns by
// name or by content, the eleven features by name) and every feature cell. A row is stored,
// or skipped with a reason; a stored row holds a Spotify ID and values inside their ranges.
#include "fuzz_input.hpp"
#include "sonic/sources/feature_catalog.hpp"
#include "sonic/sources/spotify_track_id.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = sonic::fuzz::text_of(data, size);
  sonic::fuzz::PieceSource source(text, 1 + size % 11);
  sonic::fuzz::expect_input_error_only([&] {
    sonic::sources::FeatureCatalogReader reader(source, "fuzz.csv");
    sonic::sources::CatalogRow row;
    while (reader.next(row)) {
      if (row.skip_reason) continue;
      sonic::fuzz::require(row.track_id.size() == 22, "a stored catalog row without a 22-character ID");
    }
  });
  return 0;
}
