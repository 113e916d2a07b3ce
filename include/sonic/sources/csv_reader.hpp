#pragma once
// A streaming CSV reader: RFC 4180 (quoted fields holding commas, doubled quotes and line
// breaks; CRLF line ends) plus what real files add: LF or lone CR line ends, a UTF-8 byte order
// mark, blank lines (skipped), a last line with no line end. One record at a time through one
// fixed buffer, so memory stays flat however long the file is. Malformed input is an
// InputError "<name>: line <n>: <what>".
//
//   CsvReader csv(*source, path.string());
//   while (csv.next()) use(csv.fields());  // the first record is the header
//
// Lenient where every common writer is: a quote inside an unquoted field is kept as text.
// Strict where data would be lost: text after a closing quote, a quote that never closes, a
// record whose field count differs from the header's.
//
// The separator is a comma unless the caller names another or asks for it to be detected
// (kDetectSeparator): then the header line decides, the most frequent of comma, tab and
// semicolon outside quotes (a comma when none appears), as catalogs come in all three.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/sources/byte_source.hpp"

namespace sonic::sources {

class CsvReader {
 public:
  static constexpr std::size_t default_buffer_size = 256 * 1024;
  // No record may be longer: a quote that never closes would otherwise pull the rest of the
  // file into memory before the reader could say so.
  static constexpr std::size_t default_max_record_bytes = 1024 * 1024;
  // Passed as `separator`: the header line decides (see above).
  static constexpr char kDetectSeparator = '\0';

  // `name` is used in error messages (a file path). The source must outlive the reader.
  CsvReader(ByteSource& source, std::string name, std::size_t buffer_size = default_buffer_size,
            std::size_t max_record_bytes = default_max_record_bytes, char separator = ',');
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record; false after the last one. Every record must have as many fields as
  // the first. After an InputError the reader is unusable.
  bool next();

  // The current record's fields, unquoted. Valid until the next call to next().
  const std::vector<std::string_view>& fields() const { return fields_; }
  // The line (from 1) on which the current record starts.
  std::uint64_t line() const { return record_line_; }
  // Records read so far, the header included.
  std::uint64_t records() const { return records_; }
  const std::string& name() const { return name_; }
  // The separator in use: after the first next() when it is detected.
  char separator() const { return separator_; }

  // Throws InputError "<name>: line <line()>: <what>".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  enum class State : std::uint8_t;

  void start();
  void detect_separator();
  bool refill();
  bool end_of_input(State state);
  bool next_plain_line();
  bool count_record();  // counts the record in fields_ and checks its width
  void append(const char* begin, const char* end, State state);
  void end_field() { field_ends_.push_back(row_.size()); }
  void consume_line_end();
  bool finish_record();
  [[noreturn]] void fail_at_line(std::uint64_t line, const std::string& what) const;

  ByteSource& source_;
  std::string name_;
  std::size_t capacity_;
  std::size_t max_record_bytes_;
  char separator_;
  std::unique_ptr<char[]> buffer_;
  const char* pos_ = nullptr;
  const char* end_ = nullptr;
  bool started_ = false;
  bool exhausted_ = false;
  bool after_cr_ = false;  // the last byte ended a line with CR: an LF right after belongs to it

  std::string row_;                      // the current record's unquoted bytes, back to back
  std::vector<std::size_t> field_ends_;  // where each field ends in row_
  std::vector<std::string_view> fields_;
  std::uint64_t line_ = 1;         // the line the next byte is on
  std::uint64_t record_line_ = 0;  // the line the current record started on
  std::uint64_t quote_line_ = 0;   // the line the open quoted field started on
  std::uint64_t records_ = 0;
  std::size_t width_ = 0;  // the header's field count
};

}  // namespace sonic::sources
