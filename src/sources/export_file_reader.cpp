#include "sonic/sources/export_file_reader.hpp"

#include <array>
#include <cstdint>
#include <string_view>

#include "sonic/core/utc_time.hpp"

namespace sonic::sources {

const char* to_string(ExportLayout layout) {
  switch (layout) {
    case ExportLayout::unknown:
      return "unknown";
    case ExportLayout::extended:
      return "extended";
    case ExportLayout::basic_music:
      return "basic-music";
    case ExportLayout::basic_podcast:
      return "basic-podcast";
    case ExportLayout::api_recently_played:
      return "api-recently-played";
  }
  return "unknown";
}

ExportFileReader::ExportFileReader(ByteSource& source, std::string name)
    : json_(source, name), name_(std::move(name)) {}

void ExportFileReader::fail_row(const std::string& what) const {
  json_.fail("row " + std::to_string(row_) + ": " + what);
}

// Positions the reader before the first row: inside the top-level array, or inside the
// "items" array of a Web API response object.
void ExportFileReader::open_top_level() {
  started_ = true;
  const JsonToken first = json_.next();
  if (first == JsonToken::begin_array) return;
  if (first != JsonToken::begin_object) {
    throw NotListeningHistory(name_ + ": not a Spotify listening history (the file holds a single " +
                              "value, not an array of plays or a recently-played response)");
  }
  while (true) {
    const JsonToken token = json_.next();
    if (token == JsonToken::end_object) break;
    if (json_.text() == "items") {
      if (json_.next() != JsonToken::begin_array) json_.fail("'items' should be an array");
      layout_ = ExportLayout::api_recently_played;
      return;
    }
    json_.skip_value();
  }
  throw NotListeningHistory(name_ + ": not a Spotify listening history (a JSON object without 'items')");
}

bool ExportFileReader::next_item_start() {
  const JsonToken token = json_.next();
  if (token == JsonToken::end_array) {
    // The rest of a recently-played response (cursors, next…) is of no interest, but it must
    // still be well-formed JSON.
    while (json_.next() != JsonToken::end_of_input) {
    }
    finished_ = true;
    return false;
  }
  ++row_;
  if (token != JsonToken::begin_object) fail_row("expected an object");
  return true;
}

bool ExportFileReader::next(PlayRecord& record, std::string& skip_reason) {
  if (finished_) return false;
  if (!started_) open_top_level();
  if (!next_item_start()) return false;

  RowFields& fields = fields_;
  fields.read_object(json_, row_);
  if (layout_ == ExportLayout::unknown) {
    layout_ = fields.detect_layout();
    if (layout_ == ExportLayout::unknown) {
      throw NotListeningHistory(name_ + ": not a Spotify listening history (row 1 has keys " + fields.key_list() + ")");
    }
  }
  record.clear();
  skip_reason.clear();
  if (auto problem = fields.to_record(layout_, record, skip_reason); !problem.empty()) {
    fail_row(problem);
  }
  return true;
}

}  // namespace sonic::sources
