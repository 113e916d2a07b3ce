// Numbers: the token is the longest run of number bytes, checked against the JSON grammar as a
// whole; conversion to int64 or double waits until someone asks, since most are never read.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "byte_text.hpp"
#include "json_scan.hpp"
#include "sonic/sources/json_reader.hpp"

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
      p = stop;
    }
    text_ = scratch_;
  }
  pos_ = p;
  number_is_integer_ = check_number_grammar();
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
