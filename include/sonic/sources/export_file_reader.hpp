#pragma once
// Reads one JSON file of listening history, whichever layout Spotify used, row by row with flat
// memory. The layout is detected from the JSON keys, never from the file name.
#include <cstddef>
#include <string>

#include "sonic/core/error.hpp"
#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/json_reader.hpp"
#include "sonic/sources/play_record.hpp"
#include "sonic/sources/row_fields.hpp"

namespace sonic::sources {

enum class ExportLayout {
  unknown,              // not read yet, or an empty array
  extended,             // Streaming_History_Audio_*.json / endsong_*.json (either set of keys)
  basic_music,          // StreamingHistoryN.json / StreamingHistory_music_N.json
  basic_podcast,        // StreamingHistory_podcast_N.json
  api_recently_played,  // a saved GET /v1/me/player/recently-played response
};
const char* to_string(ExportLayout layout);

// Well-formed JSON that is no listening history (Userdata.json, a search log…). An import of a
// folder or zip skips such files; a file named on the command line is an error.
class NotListeningHistory : public InputError {
 public:
  using InputError::InputError;
};

class ExportFileReader {
 public:
  ExportFileReader(ByteSource& source, std::string name);

  // Reads the next row into `record`. Returns false after the last row. A row that is well
  // formed but cannot be stored (no track, episode or audiobook at all) comes back with
  // `skip_reason` set; otherwise `skip_reason` is empty. Malformed input throws InputError
  // naming the file, the row and the byte offset.
  bool next(PlayRecord& record, std::string& skip_reason);

  ExportLayout layout() const { return layout_; }
  std::size_t rows_read() const { return row_; }

 private:
  void open_top_level();
  bool next_item_start();
  [[noreturn]] void fail_row(const std::string& what) const;

  JsonReader json_;
  std::string name_;
  ExportLayout layout_ = ExportLayout::unknown;
  bool started_ = false;
  bool finished_ = false;
  std::size_t row_ = 0;
  RowFields fields_;
};

}  // namespace sonic::sources
