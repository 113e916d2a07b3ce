#include "sonic/sources/csv_reader.hpp"

#include <algorithm>
#include <cstring>

#include "byte_text.hpp"
#include "sonic/core/error.hpp"

namespace sonic::sources {

// Where the reader is inside the current record. A record always ends within one call to
// next(), so only after_cr_ (an LF may follow in the next call) outlives it.
enum class CsvReader::State : std::uint8_t {
  record_start,     // before a record: blank lines are passed over here
  field_start,      // after a comma, or at a record's first byte
  unquoted,         // inside a field that did not start with a quote
  quoted,           // inside a quoted field
  quote_in_quoted,  // just after a quote inside a quoted field: a doubled quote or the close
};

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The first separator, CR or LF in [begin, end), or end.
const char* find_field_end(const char* begin, const char* end, char separator) {
  while (begin != end && *begin != separator && *begin != '\n' && *begin != '\r') ++begin;
  return begin;
}

std::string size_text(std::size_t bytes) {
  return bytes % (1024 * 1024) == 0 ? std::to_string(bytes / (1024 * 1024)) + " MiB" : std::to_string(bytes) + " bytes";
}

}  // namespace

CsvReader::CsvReader(ByteSource& source, std::string name, std::size_t buffer_size, std::size_t max_record_bytes,
                     char separator)
    : source_(source),
      name_(std::move(name)),
      capacity_(std::max<std::size_t>(buffer_size, kUtf8Bom.size())),
      max_record_bytes_(max_record_bytes),
      separator_(separator),
      buffer_(new char[capacity_]) {}

CsvReader::~CsvReader() = default;

void CsvReader::fail(const std::string& what) const { fail_at_line(record_line_, what); }

void CsvReader::fail_at_line(std::uint64_t line, const std::string& what) const {
  throw InputError(name_ + ": line " + std::to_string(line) + ": " + what);
}

// Fills the buffer until it holds a BOM's length (a source may hand out one byte at a time),
// then drops the BOM if there is one.
void CsvReader::start() {
  started_ = true;
  // The BOM check needs its three bytes, and separator detection the whole header line as far
  // as the buffer holds it: read on until a line end arrives, whatever sizes the source's reads
  // come in (ByteSource may return fewer bytes at any time; the fuzz target csv_reader found
  // the separator decided by a 3-byte first read).
  std::size_t have = 0;
  bool line_end = false;
  bool quoted = false;
  while (have < capacity_ && (have < kUtf8Bom.size() || (separator_ == kDetectSeparator && !line_end))) {
    const std::size_t got = source_.read(buffer_.get() + have, capacity_ - have);
    if (got == 0) {
      exhausted_ = true;
      break;
    }
    // The header line ends at a line end outside quotes, as detect_separator() reads it.
    for (const char c : std::string_view(buffer_.get() + have, got)) {
      if (c == '"') quoted = !quoted;
      if (!quoted && (c == '\n' || c == '\r')) line_end = true;
    }
    have += got;
  }
  pos_ = buffer_.get();
  end_ = pos_ + have;
  if (std::string_view(pos_, have).starts_with(kUtf8Bom)) pos_ += kUtf8Bom.size();
  if (separator_ == kDetectSeparator) detect_separator();
}

// Counts the candidates on the header line as far as the first buffer holds it (a header longer
// than the buffer is decided by its first part), skipping quoted text. start() filled the buffer
// up to the first line end.
void CsvReader::detect_separator() {
  std::size_t commas = 0;
  std::size_t tabs = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (const char* at = pos_; at != end_; ++at) {
    const char c = *at;
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    tabs += c == '\t';
    semicolons += c == ';';
  }
  separator_ = ',';
  if (tabs > commas && tabs >= semicolons) separator_ = '\t';
  if (semicolons > commas && semicolons > tabs) separator_ = ';';
}

bool CsvReader::refill() {
  if (exhausted_) return false;
  const std::size_t got = source_.read(buffer_.get(), capacity_);
  if (got == 0) {
    exhausted_ = true;
    return false;
  }
  pos_ = buffer_.get();
  end_ = pos_ + got;
  return true;
}

void CsvReader::append(const char* begin, const char* end, State state) {
  row_.append(begin, end);
  if (row_.size() <= max_record_bytes_) return;
  if (state == State::quoted) {
    fail_at_line(quote_line_, "a quoted field that starts here runs past " + size_text(max_record_bytes_) +
                                  ": is its closing quote missing?");
  }
  fail("a record longer than " + size_text(max_record_bytes_));
}

// Consumes one line-end byte. CRLF counts as one line end: its LF is recognised by after_cr_.
void CsvReader::consume_line_end() {
  const char c = *pos_++;
  if (c == '\n' && after_cr_) {
    after_cr_ = false;
    return;
  }
  ++line_;
  after_cr_ = c == '\r';
}

// The common record, whole in the buffer, without a quote or a CR before its LF (or CRLF): its
// fields are views into the buffer, found with memchr, and nothing is copied. Anything else
// (a quote, a lone CR, a blank line, a record cut by the buffer's end, one over the size
// limit) goes through the state machine in next(). A 1.2M-row catalog spent 12 % of its
// import copying fields byte by byte.
bool CsvReader::next_plain_line() {
  if (pos_ == end_ || *pos_ == '\n' || *pos_ == '\r') return false;
  const auto available = static_cast<std::size_t>(end_ - pos_);
  const auto* newline = static_cast<const char*>(std::memchr(pos_, '\n', available));
  if (!newline) return false;
  const char* line_end = newline > pos_ && newline[-1] == '\r' ? newline - 1 : newline;
  const auto length = static_cast<std::size_t>(line_end - pos_);
  if (length > max_record_bytes_ || std::memchr(pos_, '"', length) || std::memchr(pos_, '\r', length)) return false;
  after_cr_ = false;
  record_line_ = line_;
  fields_.clear();
  for (const char* field = pos_;;) {
    const auto* separator =
        static_cast<const char*>(std::memchr(field, separator_, static_cast<std::size_t>(line_end - field)));
    const char* field_end = separator ? separator : line_end;
    fields_.emplace_back(field, static_cast<std::size_t>(field_end - field));
    if (!separator) break;
    field = separator + 1;
  }
  ++line_;
  pos_ = newline + 1;
  return count_record();
}

bool CsvReader::finish_record() {
  fields_.clear();
  std::size_t begin = 0;
  for (const std::size_t end : field_ends_) {
    fields_.emplace_back(row_.data() + begin, end - begin);
    begin = end;
  }
  return count_record();
}

bool CsvReader::count_record() {
  ++records_;
  if (records_ == 1) {
    width_ = fields_.size();
  } else if (fields_.size() != width_) {
    fail(std::to_string(fields_.size()) + (fields_.size() == 1 ? " field" : " fields") + ", but the header has " +
         std::to_string(width_));
  }
  return true;
}

bool CsvReader::end_of_input(State state) {
  switch (state) {
    case State::record_start:
      return false;
    case State::quoted:
      fail_at_line(quote_line_, "a quoted field that starts here is never closed");
    case State::field_start:  // "a,b," ends with an empty field
    case State::unquoted:
    case State::quote_in_quoted:
      end_field();
      return finish_record();
  }
  return false;
}

bool CsvReader::next() {
  if (!started_) start();
  if (next_plain_line()) return true;
  row_.clear();
  field_ends_.clear();
  State state = State::record_start;
  for (;;) {
    if (pos_ == end_ && !refill()) return end_of_input(state);
    switch (state) {
      case State::record_start:
        if (*pos_ == '\n' || *pos_ == '\r') {
          consume_line_end();  // a blank line, or the LF of the last record's CRLF
          continue;
        }
        after_cr_ = false;
        record_line_ = line_;
        state = State::field_start;
        [[fallthrough]];
      case State::field_start:
        if (*pos_ == '"') {
          ++pos_;
          quote_line_ = line_;
          state = State::quoted;
          continue;
        }
        state = State::unquoted;
        [[fallthrough]];
      case State::unquoted: {
        const char* stop = find_field_end(pos_, end_, separator_);
        append(pos_, stop, state);
        pos_ = stop;
        if (pos_ == end_) continue;
        end_field();
        if (*pos_ == separator_) {
          ++pos_;
          state = State::field_start;
          continue;
        }
        consume_line_end();
        return finish_record();
      }
      case State::quoted: {
        const auto* quote = static_cast<const char*>(std::memchr(pos_, '"', static_cast<std::size_t>(end_ - pos_)));
        if (!quote) quote = end_;
        line_ += static_cast<std::uint64_t>(std::count(pos_, quote, '\n'));
        append(pos_, quote, state);
        pos_ = quote;
        if (pos_ == end_) continue;
        ++pos_;
        state = State::quote_in_quoted;
        continue;
      }
      case State::quote_in_quoted: {
        const char c = *pos_;
        if (c == '"') {  // a doubled quote is one quote of text
          append(pos_, pos_ + 1, State::quoted);
          ++pos_;
          state = State::quoted;
          continue;
        }
        if (c != separator_ && c != '\n' && c != '\r') {
          fail_at_line(line_, "expected a " + std::string(separator_ == ',' ? "comma" : describe_byte(separator_)) +
                                  " or a line end after the closing quote, found " + describe_byte(c));
        }
        end_field();
        if (c == separator_) {
          ++pos_;
          state = State::field_start;
          continue;
        }
        consume_line_end();
        return finish_record();
      }
    }
  }
}

}  // namespace sonic::sources
