#pragma once
// A streaming pull reader for JSON: the importer asks for one token at a time, so a file of
// hundreds of MB is read through one fixed buffer and never held whole. It checks the full JSON
// grammar (RFC 8259, including UTF-8 in strings) as it goes and reports malformed input as
// sonic::InputError "<name>: byte <offset>: <what>".
//
//   JsonReader reader(*source, path.string());
//   if (reader.next() != JsonToken::begin_array) reader.fail("expected an array of plays");
//   while (reader.next() == JsonToken::begin_object) {
//     while (reader.next() == JsonToken::key) {
//       if (reader.text() == "ms_played") { reader.next(); play.ms = reader.integer(); }
//       else reader.skip_value();
//     }
//   }
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/sources/byte_source.hpp"

namespace sonic::sources {

enum class JsonToken {
  begin_object,
  end_object,
  begin_array,
  end_array,
  key,
  string,
  number,
  boolean,
  null,
  end_of_input,
};

const char* json_token_name(JsonToken token);

class JsonReader {
 public:
  // Bytes read from the source at a time; a token may be longer (it is then gathered in a
  // scratch string), so this bounds memory, not what can be read.
  static constexpr std::size_t default_buffer_size = 256 * 1024;
  // Deeper nesting is rejected: no Spotify file comes near it, and a bound keeps memory flat.
  static constexpr int max_depth = 1024;
  // A longer string (or key) or number is rejected: none in a Spotify file comes near it (names are
  // at most a few hundred bytes), and gathering an unbounded one would hold a hostile file of
  // gigabytes on one line in memory.
  static constexpr std::size_t max_token_bytes = 1 << 20;

  // `name` is used in error messages (a file path). The source must outlive the reader.
  JsonReader(ByteSource& source, std::string name, std::size_t buffer_size = default_buffer_size);
  ~JsonReader();
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  // The next token. After the one top-level value only end_of_input follows, and it repeats.
  // After an InputError the reader is unusable.
  JsonToken next();

  // key/string: the unescaped UTF-8 text; number: the raw text as written. Valid until the next
  // call to next() or skip_value().
  std::string_view text() const { return text_; }
  // The typed accessors throw InputError (via fail()) when the current token is not of their
  // type, so an importer can read a field without checking the token first and still report a
  // wrong type as bad input.
  bool boolean() const;
  // The number as int64; InputError if it has a fraction or exponent, or does not fit.
  std::int64_t integer() const;
  // Any number as double; InputError if it is too large for one.
  double number() const;
  bool number_is_integer() const { return number_is_integer_; }
  // Byte offset (0-based, counting a BOM) where the current token starts.
  std::uint64_t offset() const { return token_offset_; }
  // Nesting depth after the current token: 1 after the top-level begin_array, 0 after its end.
  int depth() const { return depth_; }

  // Consumes the next whole value, however nested: call it after a key, before the first
  // token, or inside an array where a value is known to follow. Calling it anywhere else is a
  // programming error (std::logic_error).
  void skip_value();

  // Throws InputError "<name>: byte <offset()>: <what>", for callers that find a well-formed
  // token they cannot use.
  [[noreturn]] void fail(const std::string& what) const;

 private:
  enum class State : std::uint8_t;

  [[noreturn]] void fail_at(const char* where, const std::string& what) const;
  [[noreturn]] void fail_at_offset(std::uint64_t offset, const std::string& what) const;
  // "expected <what>, found 'x'", or "unexpected end of input, expected <what>" at the end.
  [[noreturn]] void fail_expected(const char* where, const std::string& what) const;
  std::uint64_t offset_of(const char* p) const { return base_offset_ + (p - buffer_.get()); }

  // Moves [keep, end) to the front of the buffer and reads more after it; `keep` is updated.
  // Returns false at the end of the input.
  bool refill(const char*& keep);
  // Makes at least `n` bytes available from `p` unless the input ends first.
  bool ensure(const char*& p, std::size_t n);
  // The first byte at or after p that is not whitespace, refilling as needed.
  const char* skip_whitespace(const char* p);
  const char* skip_whitespace_run(const char* p);
  void skip_bom();

  JsonToken advance();
  JsonToken read_value(const char* p);
  JsonToken read_key(const char* p);
  JsonToken begin_container(const char* p, char kind);
  JsonToken end_container(const char* p, char kind);
  void after_value();
  void read_string(const char* p);
  const char* read_escape(const char* p);
  const char* read_unicode_escape(const char* p);
  const char* read_utf8_across_refill(const char* p);
  void read_number(const char* p);
  // InputError naming `kind` when a token (or the part gathered so far) is past max_token_bytes.
  void check_token_length(const char* kind, std::size_t length) const;
  bool check_number_grammar() const;
  void read_literal(const char* p, std::string_view word);
  [[noreturn]] void fail_not(JsonToken wanted) const;

  ByteSource& source_;
  std::string name_;
  std::size_t capacity_;
  std::unique_ptr<char[]> buffer_;
  const char* pos_;
  const char* end_;
  std::uint64_t base_offset_ = 0;  // offset of buffer_[0] in the input
  bool source_done_ = false;

  State state_;
  std::vector<char> containers_;  // '{' or '[' per open level
  int depth_ = 0;

  JsonToken token_ = JsonToken::end_of_input;
  std::uint64_t token_offset_ = 0;
  std::string_view text_;
  std::string scratch_;  // holds text_ when it had escapes or straddled a refill
  bool boolean_ = false;
  bool number_is_integer_ = false;
};

}  // namespace sonic::sources
