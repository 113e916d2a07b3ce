// The reader's buffer and its grammar: which token may come next; then how numbers and strings
// are read (the two sections below).
#include "sonic/sources/json_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "byte_text.hpp"
#include "json_scan.hpp"
#include "utf8.hpp"
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

const char* JsonReader::skip_whitespace_run(const char* p) {
  for (;;) {
    p = json_scan::skip_whitespace(p);
    if (p != end_ || !refill(p)) return p;
  }
}

// Most tokens follow no whitespace at all (a key's ':', a value's ','): that case is inlined
// into the grammar below, which was a tenth of the reader's time as a call.
inline const char* JsonReader::skip_whitespace(const char* p) {
  if (p != end_ && !json_scan::is_whitespace(*p)) return p;
  return skip_whitespace_run(p);
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

// Numbers: the token is the longest run of number bytes, checked against the JSON grammar as a
// whole; conversion to int64 or double waits until someone asks, since most are never read.
namespace sonic::sources {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void JsonReader::read_number(const char* p) {
  const char* start = p;
  p = json_scan::skip_number_bytes(p);
  if (p != end_) {
    text_ = std::string_view(start, p - start);
  } else {  // it may go on after a refill
    scratch_.assign(start, p);
    while (p == end_ && refill(p)) {
      const char* stop = json_scan::skip_number_bytes(p);
      scratch_.append(p, stop);
      check_token_length("a number", scratch_.size());
      p = stop;
    }
    text_ = scratch_;
  }
  check_token_length("a number", text_.size());
  pos_ = p;
  number_is_integer_ = check_number_grammar();
}

void JsonReader::check_token_length(const char* kind, std::size_t length) const {
  if (length > max_token_bytes) {
    fail(std::string(kind) + " longer than " + std::to_string(max_token_bytes >> 20) +
         " MiB (no Spotify file holds one: is this the right file?)");
  }
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? over the whole run, reporting the first byte
// that breaks it. Returns whether it is an integer (no fraction, no exponent).
bool JsonReader::check_number_grammar() const {
  const std::string_view t = text_;
  const std::size_t n = t.size();
  std::size_t i = 0;
  auto fail_here = [&](const std::string& what) {
    fail_at_offset(token_offset_ + i, i < n ? what + ", found " + describe_byte(t[i]) : what);
  };
  auto digits = [&] {
    while (i < n && is_digit(t[i])) ++i;
  };
  if (t[i] == '-') ++i;
  if (i == n || !is_digit(t[i])) fail_here("expected a digit in a number");
  if (t[i] == '0') {
    ++i;
    if (i < n && is_digit(t[i])) fail_here("a number may not start with 0");
  } else {
    digits();
  }
  bool integer = true;
  if (i < n && t[i] == '.') {
    integer = false;
    ++i;
    if (i == n || !is_digit(t[i])) fail_here("expected a digit after the decimal point");
    digits();
  }
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    integer = false;
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    if (i == n || !is_digit(t[i])) fail_here("expected a digit in the exponent");
    digits();
  }
  if (i != n) fail_here("unexpected byte in a number");
  return integer;
}

std::int64_t JsonReader::integer() const {
  if (token_ != JsonToken::number) fail_not(JsonToken::number);
  if (!number_is_integer_) fail("expected an integer, found " + std::string(text_));
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text_.data(), text_.data() + text_.size(), value);
  if (error != std::errc() || end != text_.data() + text_.size()) {
    fail("integer out of range: " + std::string(text_));
  }
  return value;
}

double JsonReader::number() const {
  if (token_ != JsonToken::number) fail_not(JsonToken::number);
  double value = 0;
  if (std::from_chars(text_.data(), text_.data() + text_.size(), value).ec == std::errc()) {
    return value;
  }
  // Out of range: strtod tells underflow (a tiny value, fine as 0 or a denormal) from overflow.
  value = std::strtod(std::string(text_).c_str(), nullptr);
  if (std::isinf(value)) fail("number too large for a double: " + std::string(text_));
  return value;
}

}  // namespace sonic::sources

// Strings and keys: found with a vectorised scan, returned as a view into the buffer when they
// hold no escapes and do not straddle a refill, else gathered in the scratch string.
namespace sonic::sources {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_high_surrogate(char32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
bool is_low_surrogate(char32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

constexpr const char* truncated_string = "unexpected end of input inside a string";

}  // namespace

void JsonReader::read_string(const char* p) {
  const char* run = ++p;  // start of the bytes not yet copied to scratch_
  bool in_scratch = false;
  auto keep_run = [&](const char* upto) {
    if (in_scratch) {
      scratch_.append(run, upto);
    } else {
      scratch_.assign(run, upto);
      in_scratch = true;
    }
    check_token_length("a string", scratch_.size());
  };
  for (;;) {
    p = json_scan::find_string_special(p);
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      if (in_scratch) {
        scratch_.append(run, p);
        text_ = scratch_;
      } else {
        text_ = std::string_view(run, p - run);
      }
      check_token_length("a string", text_.size());
      pos_ = p + 1;
      return;
    }
    if (c >= 0x80) {
      const int length = utf8::sequence_length(p, end_ - p);
      if (length > 0) {  // valid and whole: stays in the run
        p += length;
        continue;
      }
      if (length == 0) fail_at(p, "invalid UTF-8 in a string");
      keep_run(p);
      p = read_utf8_across_refill(p);
    } else if (c == '\\') {
      keep_run(p);
      p = read_escape(p);
    } else if (p == end_) {
      keep_run(p);
      if (!refill(p)) fail_at(p, truncated_string);
    } else {
      fail_at(p, "control character " + describe_byte(*p) + " in a string (it must be escaped)");
    }
    run = p;
  }
}

// A multi-byte character cut by the end of the buffer: refill, then check it whole.
const char* JsonReader::read_utf8_across_refill(const char* p) {
  ensure(p, 4);
  const int length = utf8::sequence_length(p, end_ - p);
  if (length == 0) fail_at(p, "invalid UTF-8 in a string");
  if (length == utf8::need_more) fail_at(end_, truncated_string);
  scratch_.append(p, length);
  return p + length;
}

const char* JsonReader::read_escape(const char* p) {
  if (!ensure(p, 2)) fail_at(end_, truncated_string);
  char decoded = 0;
  switch (p[1]) {
    case '"':
      decoded = '"';
      break;
    case '\\':
      decoded = '\\';
      break;
    case '/':
      decoded = '/';
      break;
    case 'b':
      decoded = '\b';
      break;
    case 'f':
      decoded = '\f';
      break;
    case 'n':
      decoded = '\n';
      break;
    case 'r':
      decoded = '\r';
      break;
    case 't':
      decoded = '\t';
      break;
    case 'u':
      return read_unicode_escape(p);
    default:
      fail_at(p, "invalid escape: backslash followed by " + describe_byte(p[1]));
  }
  scratch_.push_back(decoded);
  return p + 2;
}

// \uXXXX, or a surrogate pair \uD83D\uDE00 written as two escapes, to UTF-8.
const char* JsonReader::read_unicode_escape(const char* p) {
  // Room for a whole pair; bytes past the end of the input read as the zero padding.
  ensure(p, 12);
  auto hex4 = [this](const char* escape) {
    char32_t value = 0;
    for (int i = 2; i < 6; ++i) {
      const int digit = hex_digit(escape[i]);
      if (digit < 0) {
        if (escape + i >= end_) fail_at(end_, truncated_string);
        fail_at(escape, "invalid \\u escape: expected four hex digits");
      }
      value = value * 16 + static_cast<char32_t>(digit);
    }
    return value;
  };
  char32_t code = hex4(p);
  const char* after = p + 6;
  if (is_high_surrogate(code)) {
    if (after[0] == '\\' && after[1] == 'u') {
      const char32_t low = hex4(after);
      if (!is_low_surrogate(low)) fail_at(p, "unpaired surrogate in a \\u escape");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      after += 6;
    } else if (after >= end_ || (after[0] == '\\' && after + 1 >= end_)) {
      fail_at(end_, truncated_string);
    } else {
      fail_at(p, "unpaired surrogate in a \\u escape");
    }
  } else if (is_low_surrogate(code)) {
    fail_at(p, "unpaired surrogate in a \\u escape");
  }
  utf8::append(scratch_, code);
  return after;
}

}  // namespace sonic::sources
