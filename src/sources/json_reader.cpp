// The reader's buffer and its grammar: which token may come next. Strings and numbers are read
// in json_reader_strings.cpp and json_reader_numbers.cpp.
#include "sonic/sources/json_reader.hpp"

#include <cstring>
#include <stdexcept>

#include "byte_text.hpp"
#include "json_scan.hpp"
#include "sonic/core/error.hpp"

namespace sonic::sources {

// What may come next, which is all the grammar needs to remember besides the open containers.
enum class JsonReader::State : std::uint8_t {
  bom,           // nothing read yet: a UTF-8 byte order mark may come first
  start,         // before the top-level value
  value,         // after ':' or after ',' in an array
  value_or_end,  // after '['
  key_or_end,    // after '{'
  colon,         // after a key
  comma_or_end,  // after a value inside a container
  done,          // after the top-level value: only whitespace may follow
};

const char* json_token_name(JsonToken token) {
  switch (token) {
    case JsonToken::begin_object:
      return "'{'";
    case JsonToken::end_object:
      return "'}'";
    case JsonToken::begin_array:
      return "'['";
    case JsonToken::end_array:
      return "']'";
    case JsonToken::key:
      return "a key";
    case JsonToken::string:
      return "a string";
    case JsonToken::number:
      return "a number";
    case JsonToken::boolean:
      return "true or false";
    case JsonToken::null:
      return "null";
    case JsonToken::end_of_input:
      return "the end of input";
  }
  return "?";
}

JsonReader::JsonReader(ByteSource& source, std::string name, std::size_t buffer_size)
    : source_(source),
      name_(std::move(name)),
      capacity_(buffer_size < 64 ? 64 : buffer_size),
      buffer_(new char[capacity_ + json_scan::padding]),
      pos_(buffer_.get()),
      end_(buffer_.get()),
      state_(State::bom) {
  std::memset(buffer_.get(), 0, json_scan::padding);
  containers_.reserve(64);
}

JsonReader::~JsonReader() = default;

// ---- errors -------------------------------------------------------------------------------

void JsonReader::fail(const std::string& what) const { fail_at_offset(token_offset_, what); }

void JsonReader::fail_at(const char* where, const std::string& what) const { fail_at_offset(offset_of(where), what); }

void JsonReader::fail_at_offset(std::uint64_t offset, const std::string& what) const {
  throw InputError(name_ + ": byte " + std::to_string(offset) + ": " + what);
}

void JsonReader::fail_expected(const char* where, const std::string& what) const {
  if (where >= end_) fail_at(where, "unexpected end of input, expected " + what);
  fail_at(where, "expected " + what + ", found " + describe_byte(*where));
}

void JsonReader::fail_not(JsonToken wanted) const {
  fail(std::string("expected ") + json_token_name(wanted) + ", found " + json_token_name(token_));
}

bool JsonReader::boolean() const {
  if (token_ != JsonToken::boolean) fail_not(JsonToken::boolean);
  return boolean_;
}

// ---- the buffer ---------------------------------------------------------------------------

bool JsonReader::refill(const char*& keep) {
  if (source_done_) return false;
  char* const buffer = buffer_.get();
  const std::size_t kept = end_ - keep;
  std::memmove(buffer, keep, kept);
  base_offset_ += keep - buffer;
  keep = buffer;
  const std::size_t got = source_.read(buffer + kept, capacity_ - kept);
  char* const end = buffer + kept + got;
  std::memset(end, 0, json_scan::padding);  // the scans' stop sign
  end_ = end;
  if (got == 0) source_done_ = true;
  return got != 0;
}

bool JsonReader::ensure(const char*& p, std::size_t n) {
  while (static_cast<std::size_t>(end_ - p) < n) {
    if (!refill(p)) return false;
  }
  return true;
}

const char* JsonReader::skip_whitespace(const char* p) {
  for (;;) {
    p = json_scan::skip_whitespace(p);
    if (p != end_ || !refill(p)) return p;
  }
}

void JsonReader::skip_bom() {
  const char* p = pos_;
  if (ensure(p, 3) && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  pos_ = p;
}

// ---- the grammar --------------------------------------------------------------------------

JsonToken JsonReader::next() {
  token_ = advance();
  return token_;
}

JsonToken JsonReader::advance() {
  text_ = {};
  if (state_ == State::bom) {
    skip_bom();
    state_ = State::start;
  }
  const char* p = skip_whitespace(pos_);
  switch (state_) {
    case State::comma_or_end: {
      const char kind = containers_.back();
      if (*p != ',') return end_container(p, kind);
      p = skip_whitespace(p + 1);
      return kind == '{' ? read_key(p) : read_value(p);
    }
    case State::colon:
      if (*p != ':') fail_expected(p, "':' after a key");
      return read_value(skip_whitespace(p + 1));
    case State::key_or_end:
      if (*p == '}') return end_container(p, '{');
      return read_key(p);
    case State::value_or_end:
      if (*p == ']') return end_container(p, '[');
      return read_value(p);
    case State::bom:
    case State::start:
    case State::value:
      return read_value(p);
    case State::done:
      token_offset_ = offset_of(p);
      pos_ = p;  // the whitespace may have spanned a refill
      if (p == end_) return JsonToken::end_of_input;
      fail_at(p, "unexpected " + describe_byte(*p) + " after the top-level value");
  }
  throw std::logic_error("JsonReader: unknown state");
}

JsonToken JsonReader::read_value(const char* p) {
  token_offset_ = offset_of(p);
  switch (*p) {
    case '{':
    case '[':
      return begin_container(p, *p);
    case '"':
      read_string(p);
      after_value();
      return JsonToken::string;
    case 't':
      read_literal(p, "true");
      boolean_ = true;
      after_value();
      return JsonToken::boolean;
    case 'f':
      read_literal(p, "false");
      boolean_ = false;
      after_value();
      return JsonToken::boolean;
    case 'n':
      read_literal(p, "null");
      after_value();
      return JsonToken::null;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      read_number(p);
      after_value();
      return JsonToken::number;
    default:
      fail_expected(p, "a value");
  }
}

JsonToken JsonReader::read_key(const char* p) {
  if (*p != '"') fail_expected(p, "a key string");
  token_offset_ = offset_of(p);
  read_string(p);
  state_ = State::colon;
  return JsonToken::key;
}

JsonToken JsonReader::begin_container(const char* p, char kind) {
  if (depth_ == max_depth) fail_at(p, "nesting deeper than " + std::to_string(max_depth) + " levels");
  containers_.push_back(kind);
  ++depth_;
  pos_ = p + 1;
  if (kind == '{') {
    state_ = State::key_or_end;
    return JsonToken::begin_object;
  }
  state_ = State::value_or_end;
  return JsonToken::begin_array;
}

JsonToken JsonReader::end_container(const char* p, char kind) {
  const char close = kind == '{' ? '}' : ']';
  if (*p != close) fail_expected(p, std::string("',' or '") + close + "'");
  token_offset_ = offset_of(p);
  containers_.pop_back();
  --depth_;
  pos_ = p + 1;
  after_value();
  return kind == '{' ? JsonToken::end_object : JsonToken::end_array;
}

void JsonReader::after_value() { state_ = depth_ == 0 ? State::done : State::comma_or_end; }

void JsonReader::read_literal(const char* p, std::string_view word) {
  if (!ensure(p, word.size())) {
    // Cut short: a true prefix of the word means the input ended, anything else is a typo.
    const std::string_view rest(p, end_ - p);
    if (word.substr(0, rest.size()) == rest) fail_at(end_, "unexpected end of input inside a literal");
  }
  if (std::memcmp(p, word.data(), word.size()) != 0) {
    fail_at(p, "invalid literal, expected '" + std::string(word) + "'");
  }
  pos_ = p + word.size();
}

void JsonReader::skip_value() {
  const bool in_array = !containers_.empty() && containers_.back() == '[';
  const bool at_value = state_ == State::bom || state_ == State::start || state_ == State::value ||
                        state_ == State::colon || state_ == State::value_or_end ||
                        (state_ == State::comma_or_end && in_array);
  if (!at_value) throw std::logic_error("JsonReader::skip_value: no value can follow here");
  const int outer = depth_;
  switch (next()) {
    case JsonToken::begin_object:
    case JsonToken::begin_array:
      while (depth_ > outer) next();
      return;
    case JsonToken::end_array:
      throw std::logic_error("JsonReader::skip_value: the array ended instead");
    default:
      return;
  }
}

}  // namespace sonic::sources
