// The CSV reader against RFC 4180's cases and what real files add, cut at every byte boundary,
// and a round trip of random fields through a writer that quotes as the RFC says.
#include "sonic/sources/csv_reader.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "sources/json_test_support.hpp"

namespace sonic::sources {
namespace {

using Records = std::vector<std::vector<std::string>>;
using testing::ChunkedSource;

struct Read {
  Records records;
  std::vector<std::uint64_t> lines;  // where each record starts
};

Read read_csv(ByteSource& source, std::size_t buffer_size = CsvReader::default_buffer_size,
              std::size_t max_record = CsvReader::default_max_record_bytes) {
  CsvReader csv(source, "test.csv", buffer_size, max_record);
  Read read;
  while (csv.next()) {
    read.records.emplace_back(csv.fields().begin(), csv.fields().end());
    read.lines.push_back(csv.line());
  }
  return read;
}

Read read_csv(const std::string& text) {
  auto source = string_source(text);
  return read_csv(*source);
}

std::string error_of(const std::string& text, std::size_t max_record = CsvReader::default_max_record_bytes) {
  auto source = string_source(text);
  try {
    read_csv(*source, CsvReader::default_buffer_size, max_record);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(CsvReader, PlainRecords) {
  const Read read = read_csv("id,energy\nabc,0.5\ndef,0.25\n");
  EXPECT_EQ(read.records, (Records{{"id", "energy"}, {"abc", "0.5"}, {"def", "0.25"}}));
  EXPECT_EQ(read.lines, (std::vector<std::uint64_t>{1, 2, 3}));
}

TEST(CsvReader, QuotedFieldsHoldCommasDoubledQuotesAndLineBreaks) {
  const Read read = read_csv(
      "name,artist,n\n"
      "\"Hello, World\",\"The \"\"Band\"\"\",1\n"
      "\"two\nlines\",\"crlf\r\ninside\",2\n"
      "\"\",\"\"\"\",3\n"
      "after,the,break\n");
  EXPECT_EQ(read.records, (Records{{"name", "artist", "n"},
                                   {"Hello, World", "The \"Band\"", "1"},
                                   {"two\nlines", "crlf\r\ninside", "2"},
                                   {"", "\"", "3"},
                                   {"after", "the", "break"}}));
  // A record's line is where it starts, counting the breaks inside quoted fields.
  EXPECT_EQ(read.lines, (std::vector<std::uint64_t>{1, 2, 3, 6, 7}));
}

TEST(CsvReader, CrlfLfAndLoneCrLineEndsAndNoneAtTheEnd) {
  const Records expected{{"a", "b"}, {"1", "2"}, {"3", "4"}, {"5", "6"}};
  EXPECT_EQ(read_csv("a,b\r\n1,2\r\n3,4\r\n5,6\r\n").records, expected);
  EXPECT_EQ(read_csv("a,b\n1,2\n3,4\n5,6").records, expected);
  EXPECT_EQ(read_csv("a,b\r1,2\r3,4\r\n5,6").records, expected);
  EXPECT_EQ(read_csv("a,b\r\n1,2\r\n3,4\r\n5,6").lines, (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

TEST(CsvReader, ByteOrderMarkIsDroppedEvenWhenItArrivesOneByteAtATime) {
  const std::string text = "\xEF\xBB\xBFid,valence\r\nx,1\r\n";
  EXPECT_EQ(read_csv(text).records, (Records{{"id", "valence"}, {"x", "1"}}));
  ChunkedSource one_byte(text, 1);
  EXPECT_EQ(read_csv(one_byte).records, (Records{{"id", "valence"}, {"x", "1"}}));
  // Only a whole BOM at the very start is one: elsewhere its bytes are text.
  EXPECT_EQ(read_csv("\xEF\xBB,x\n").records, (Records{{"\xEF\xBB", "x"}}));
  EXPECT_EQ(read_csv("a\n\xEF\xBB\xBF\n").records, (Records{{"a"}, {"\xEF\xBB\xBF"}}));
}

TEST(CsvReader, EmptyFieldsAreKept) {
  EXPECT_EQ(read_csv("a,b,c\n,,\n1,,\n,\"\",3").records,
            (Records{{"a", "b", "c"}, {"", "", ""}, {"1", "", ""}, {"", "", "3"}}));
  // A comma at the very end of the input still ends a field.
  EXPECT_EQ(read_csv("a,b\n1,").records, (Records{{"a", "b"}, {"1", ""}}));
}

TEST(CsvReader, BlankLinesArePassedOverAndCounted) {
  const Read read = read_csv("\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n");
  EXPECT_EQ(read.records, (Records{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(read.lines, (std::vector<std::uint64_t>{3, 5, 8}));
  EXPECT_TRUE(read_csv("").records.empty());
  EXPECT_TRUE(read_csv("\xEF\xBB\xBF").records.empty());
  EXPECT_TRUE(read_csv("\r\n\n").records.empty());
}

TEST(CsvReader, AQuoteInsideAnUnquotedFieldIsText) {
  EXPECT_EQ(read_csv("title,n\n12\" single,1\n").records, (Records{{"title", "n"}, {"12\" single", "1"}}));
}

TEST(CsvReader, MalformedInputNamesFileAndLine) {
  EXPECT_EQ(error_of("id,name\nx,\"never closed\ny,z\n"),
            "test.csv: line 2: a quoted field that starts here is never closed");
  EXPECT_EQ(error_of("id,name,n\nx,y,1\n\"multi\nline\",z\n"), "test.csv: line 3: 2 fields, but the header has 3");
  EXPECT_EQ(error_of("id\nx,y\n"), "test.csv: line 2: 2 fields, but the header has 1");
  EXPECT_EQ(error_of("id,name\nx,\"quoted\"text\n"),
            "test.csv: line 2: expected a comma or a line end after the closing quote, found 't'");
}

TEST(CsvReader, AnUnterminatedQuoteStopsAtTheRecordLimitInsteadOfFillingMemory) {
  const std::string text = "id,name\nx,\"opened\n" + std::string(5000, 'y') + "\n";
  EXPECT_EQ(error_of(text, 1024),
            "test.csv: line 2: a quoted field that starts here runs past 1024 bytes: is its "
            "closing quote missing?");
  EXPECT_EQ(error_of("id\n" + std::string(2000, 'z') + "\n", 1024),
            "test.csv: line 2: a record longer than 1024 bytes");
  EXPECT_EQ(error_of(text), "test.csv: line 2: a quoted field that starts here is never closed");
}

// Random fields of everything that needs quoting, and the CSV an RFC 4180 writer makes of them.
struct Document {
  Records records;
  std::string text;
};

Document random_document(std::uint64_t seed, const std::string& line_end) {
  SeededRandom random(seed);
  const std::string alphabet[] = {"a", "Z", "0", ",", "\"", "\n", "\r\n", " ", "\xC3\xA9", "\xF0\x9F\x8E\xB5", "'"};
  Document document;
  const std::size_t width = 1 + random.below(6);
  for (int row = 0; row < 200; ++row) {
    std::vector<std::string> record;
    std::string line;
    for (std::size_t column = 0; column < width; ++column) {
      std::string field;
      const std::size_t length = random.chance(0.2) ? 0 : random.below(60);
      for (std::size_t i = 0; i < length; ++i) field += alphabet[random.below(std::size(alphabet))];
      const bool must_quote = field.find_first_of(",\"\r\n") != std::string::npos;
      std::string written = field;
      if (must_quote || random.chance(0.1)) {
        written.clear();
        for (char c : field) written += c == '"' ? std::string("\"\"") : std::string(1, c);
        written = "\"" + written + "\"";
      }
      line += (column ? "," : "") + written;
      record.push_back(field);
    }
    // One empty unquoted field is a blank line, which a reader passes over: quote it.
    if (width == 1 && record[0].empty()) line = "\"\"";
    document.records.push_back(record);
    document.text += line + line_end;
  }
  return document;
}

TEST(CsvReader, RandomFieldsSurviveTheRoundTripWhereverTheInputIsCut) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Document document = random_document(seed, seed % 2 ? "\r\n" : "\n");
    const Read whole = read_csv(document.text);
    EXPECT_EQ(whole.records, document.records) << "seed " << seed;
    // Read whole, plain lines take the reader's shortcut; one byte at a time, none can: the
    // records and the lines they start on must not tell the two apart.
    ChunkedSource one_byte(document.text, 1, seed);
    const Read by_byte = read_csv(one_byte);
    EXPECT_EQ(by_byte.records, document.records) << "seed " << seed;
    EXPECT_EQ(by_byte.lines, whole.lines) << "seed " << seed;
    ChunkedSource random_chunks(document.text, 97, seed);
    EXPECT_EQ(read_csv(random_chunks, 64).records, document.records) << "seed " << seed;
  }
}

// Found by the fuzz target csv_reader: the separator was decided from whatever the first read
// returned (3 bytes "a;b" said ';'), not from the header line the buffer can hold.
TEST(CsvReader, TheSeparatorIsDetectedFromTheWholeHeaderLineHoweverTheSourceReads) {
  // The second: a line end inside quotes does not end the header line (found by the same target).
  const std::pair<std::string, char> cases[] = {{"a;b,c,d\n1;2,3,4\n", ','}, {"\"x\ny\";a;b\n1;2;3\n", ';'}};
  for (const auto& [text, separator] : cases) {
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{3}, text.size()}) {
      ChunkedSource source(text, chunk);
      CsvReader csv(source, "t.csv", CsvReader::default_buffer_size, CsvReader::default_max_record_bytes,
                    CsvReader::kDetectSeparator);
      ASSERT_TRUE(csv.next());
      EXPECT_EQ(csv.separator(), separator) << "reads of up to " << chunk << " bytes";
      EXPECT_EQ(csv.fields().size(), 3u);
      ASSERT_TRUE(csv.next());
      EXPECT_EQ(csv.fields().size(), 3u);
    }
  }
}

}  // namespace
}  // namespace sonic::sources
