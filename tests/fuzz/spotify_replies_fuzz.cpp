// Spotify's replies: the token reply (code exchange and refresh), the recently-played envelope
// (items, cursors, next) and its plays (through the export reader's API layout, as ingest reads
// them), and a TrackObject (GET /v1/tracks). One input is offered to each.
#include <string>

#include "fuzz_input.hpp"
#include "sonic/sources/export_file_reader.hpp"
#include "sonic/sources/spotify/accounts_client.hpp"
#include "sonic/sources/spotify/track_metadata.hpp"
#include "sonic/sources/spotify/web_api_client.hpp"

namespace spotify = sonic::sources::spotify;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = sonic::fuzz::text_of(data, size);
  const auto json = sonic::fuzz::json_of(text);
  if (!json) return 0;
  using sonic::fuzz::expect_input_error_only;
  expect_input_error_only([&] {
    const auto grant = spotify::read_token_reply(*json, "POST /api/token", 1'700'000'000'000, true, "");
    sonic::fuzz::require(!grant.access_token.empty() && !grant.refresh_token.empty(),
                         "a code exchange accepted without both tokens");
  });
  expect_input_error_only([&] { spotify::read_token_reply(*json, "POST /api/token", 0, false, "kept-refresh-token"); });
  expect_input_error_only([&] {
    const auto page = spotify::read_recently_played_page(*json, std::string(text), "GET /v1/me/player/recently-played");
    auto source = sonic::sources::string_source(page.body);
    sonic::sources::ExportFileReader reader(*source, "recently-played");
    sonic::sources::PlayRecord record;
    std::string skip_reason;
    while (reader.next(record, skip_reason)) {
    }
  });
  expect_input_error_only([&] { spotify::parse_track(*json, "GET /v1/tracks/x"); });
  return 0;
}
