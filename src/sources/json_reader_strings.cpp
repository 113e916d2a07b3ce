// Strings and keys: found with a vectorised scan, returned as a view into the buffer when they
// hold no escapes and do not straddle a refill, else gathered in the scratch string.
#include "byte_text.hpp"
#include "json_scan.hpp"
#include "sonic/sources/json_reader.hpp"
#include "utf8.hpp"

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
