// Catalog CSVs: every separator, the ID column by name, by content and by option, quoted fields
// holding separators and line breaks, a BOM, empty cells, bad values and a malformed file.
#include "sonic/sources/catalog_csv.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"

namespace sonic::sources {
namespace {

constexpr const char* kIdA = "4GiXBCUF7H6YfNQsnBRIzl";
constexpr const char* kIdB = "1zyqZONW985Cs4osz9wlsu";

struct ReadFile {
  char separator = 0;
  std::string id_found_by;
  std::vector<std::string> kept;
  std::vector<std::string> ids;
  std::vector<std::string> names;
  std::vector<std::string> skips;  // "" for stored rows
  std::vector<records::CatalogFeatureValues> features;
  std::vector<std::string> extras;
  std::vector<int> years;
  std::vector<int> decades;
};

ReadFile read(const std::string& text, std::string_view id_column = {}) {
  auto source = string_source(text);
  CatalogFileReader reader(*source, "cat.csv", id_column);
  ReadFile file;
  file.separator = reader.separator();
  file.id_found_by = std::string(id_column_source_name(reader.columns().track_id.source));
  file.kept = reader.columns().extra_names;
  CatalogFileRow row;
  while (reader.next(row)) {
    file.skips.push_back(row.skip_reason ? row.skip_reason : "");
    file.ids.push_back(row.track_id);
    file.names.emplace_back(row.name);
    file.features.push_back(row.features);
    // The kept cells given, by column name, as one JSON object ("" when none is).
    nlohmann::json extra = nlohmann::json::object();
    for (std::size_t i = 0; i < row.extra.size(); ++i) {
      if (!row.extra[i].empty()) extra[file.kept[i]] = std::string(row.extra[i]);
    }
    file.extras.push_back(extra.empty() ? "" : extra.dump());
    file.years.push_back(row.year);
    file.decades.push_back(row.decade);
  }
  return file;
}

std::string error_of(const std::string& text, std::string_view id_column = {}) {
  try {
    read(text, id_column);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

double feature(const ReadFile& file, std::size_t row, std::string_view name) {
  return file.features[row][records::catalog_feature_index(name)];
}

TEST(CatalogCsv, EverySeparatorIsDetectedFromTheHeader) {
  for (const char separator : {',', '\t', ';'}) {
    const std::string s(1, separator);
    const ReadFile file = read("id" + s + "name" + s + "energy" + s + "target\n" + kIdA + s + "\"Song, One\"" + s +
                               "0.5" + s + "1\n" + kIdB + s + "Two" + s + "0.25" + s + "0\n");
    EXPECT_EQ(file.separator, separator);
    ASSERT_EQ(file.ids, (std::vector<std::string>{kIdA, kIdB})) << separator;
    EXPECT_EQ(file.names[0], "Song, One");
    EXPECT_EQ(feature(file, 1, "energy"), 0.25);
    EXPECT_EQ(file.extras[0], R"({"target":"1"})");
  }
}

TEST(CatalogCsv, TheIdColumnIsFoundByNameByContentOrByOption) {
  // By name, whatever else is called like one: song_id is a known name.
  EXPECT_EQ(read(std::string("song_id,valence\n") + kIdA + ",0.5\n").id_found_by, "name");
  // By content: neither column is named like an ID; one holds URIs.
  const ReadFile by_content =
      read(std::string("title,Link,valence\nA,spotify:track:") + kIdA + ",0.1\nB,spotify:track:" + kIdB + ",0.2\n");
  EXPECT_EQ(by_content.id_found_by, "content");
  EXPECT_EQ(by_content.ids, (std::vector<std::string>{kIdA, kIdB}));
  EXPECT_TRUE(by_content.kept.empty());  // the ID column is not kept twice
  // A named `id` holding something else yields to a column of real IDs.
  EXPECT_EQ(read(std::string("id,spotify,valence\n17,") + kIdA + ",0.1\n").ids, (std::vector<std::string>{kIdA}));
  // --id-column wins over both, and a wrong one is named.
  const ReadFile by_option = read(std::string("id,other,valence\n") + kIdA + "," + kIdB + ",0.1\n", "other");
  EXPECT_EQ(by_option.id_found_by, "option");
  EXPECT_EQ(by_option.ids, (std::vector<std::string>{kIdB}));
  EXPECT_EQ(error_of(std::string("id,valence\n") + kIdA + ",0.1\n", "nope"),
            "cat.csv: no column named 'nope' (--id-column); its columns are: id, valence");
  EXPECT_NE(error_of("name,valence\nA,0.1\n").find("cat.csv: no Spotify track ID column"), std::string::npos);
}

TEST(CatalogCsv, QuotedFieldsBomEmptyCellsAndYears) {
  const std::string text = std::string("\xEF\xBB\xBF") + "id,name,year,release_date,energy,tempo,genre\n" + kIdA +
                           ",\"Hello, \"\"World\"\"\nPart 2\",,1999-04-01,,120,\"rock, indie\"\n" + kIdB +
                           ",B,2004,,0.3,,\n";
  const ReadFile file = read(text);
  ASSERT_EQ(file.ids.size(), 2u);
  EXPECT_EQ(file.names[0], "Hello, \"World\"\nPart 2");
  EXPECT_EQ(file.years, (std::vector<int>{1999, 2004}));
  EXPECT_EQ(file.decades, (std::vector<int>{1990, 2000}));
  EXPECT_TRUE(std::isnan(feature(file, 0, "energy")));  // an empty cell is missing, not zero
  EXPECT_EQ(feature(file, 0, "tempo"), 120);
  EXPECT_TRUE(std::isnan(feature(file, 1, "tempo")));
  EXPECT_EQ(nlohmann::json::parse(file.extras[0]), nlohmann::json({{"genre", "rock, indie"}}));
  EXPECT_EQ(file.extras[1], "");  // empty cells are left out
}

TEST(CatalogCsv, BadRowsAreSkippedForAReasonAndAMalformedFileNamesItsLine) {
  const ReadFile file = read(std::string("uri,energy,duration_ms,decade\n") +  //
                             "spotify:track:" + kIdA + ",0.5,200000,1960\n" +  // stored
                             ",0.5,1,\n" +                                     // no ID
                             "spotify:episode:" + kIdB + ",0.5,1,\n" +         // not a track
                             kIdB + ",1.7,1,\n" +                              // energy out of range
                             kIdB + ",abc,1,\n" +                              // not a number
                             kIdB + ",0.5,-4,\n" +                             // negative duration
                             kIdB + ",,,60s\n");                               // no numbers at all
  EXPECT_EQ(file.skips, (std::vector<std::string>{"", "no_track_id", "bad_track_id", "bad_value", "bad_value",
                                                  "bad_value", "no_features"}));
  EXPECT_EQ(file.decades[0], 1960);
  EXPECT_EQ(error_of(std::string("id,energy\n") + kIdA + ",0.5\n" + kIdB + ",0.5,extra\n"),
            "cat.csv: line 3: 3 fields, but the header has 2");
  EXPECT_EQ(error_of(std::string("id,energy\n") + kIdA + ",\"0.5\n"),
            "cat.csv: line 2: a quoted field that starts here is never closed");
}

TEST(CatalogCsv, YearsAndDecadesAreReadFromWhatFilesWrite) {
  EXPECT_EQ(year_of("1999"), 1999);
  EXPECT_EQ(year_of("1999-04"), 1999);
  EXPECT_EQ(year_of("1999.0"), 1999);
  EXPECT_EQ(year_of("0"), 0);
  EXPECT_EQ(year_of("19999"), 0);
  EXPECT_EQ(decade_of("1960"), 1960);
  EXPECT_EQ(decade_of("60s"), 1960);
  EXPECT_EQ(decade_of("00s"), 2000);
  EXPECT_EQ(decade_of("1967"), 1960);
  EXPECT_EQ(decade_of("x"), 0);
}

// Found by the fuzz target catalog_file: a Latin-1 header or cell made the extra columns invalid
// text (they are stored, and go into JSON and reports): a broken byte becomes U+FFFD.
TEST(CatalogCsv, KeptColumnsAreUtf8EvenFromBytesThatAreNotUtf8) {
  const auto file = read("id,energy,t\xe5mpo,genre\n4uLU6hMCjMI75M1A2tKUQC,0.5,12\xb0,caf\xc3\xa9\n");
  EXPECT_EQ(file.kept, (std::vector<std::string>{"t\xef\xbf\xbdmpo", "genre"}));
  ASSERT_EQ(file.extras.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(file.extras[0]),
            nlohmann::json::parse("{\"t\\ufffdmpo\":\"12\\ufffd\",\"genre\":\"caf\u00e9\"}"));
}

TEST(CatalogCsv, AKeptCellIsANumberByOneRule) {
  EXPECT_EQ(catalog_number("1"), 1.0);
  EXPECT_EQ(catalog_number("+4"), 4.0);
  EXPECT_EQ(catalog_number(" -3.5e2 "), -350.0);
  EXPECT_FALSE(catalog_number("pop"));
  EXPECT_FALSE(catalog_number("1x"));
  EXPECT_FALSE(catalog_number("inf"));
  EXPECT_FALSE(catalog_number(""));
}

}  // namespace
}  // namespace sonic::sources
