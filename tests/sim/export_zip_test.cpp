#include "sonic/sim/export_zip.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <ctime>
#include <map>

#include "sim_fixtures.hpp"
#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::sim {
namespace {

using sonic::testing::read_file;
using sonic::testing::TempDir;

struct ZipEntry {
  std::string contents;
  std::time_t modified = 0;
};

// Every entry of a zip by name, read back with libzip.
std::map<std::string, ZipEntry> read_zip(const std::filesystem::path& path) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) throw std::runtime_error("cannot open " + path.string());
  std::map<std::string, ZipEntry> entries;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    zip_stat_index(archive, index, 0, &stat);
    std::string contents(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    const zip_int64_t read = zip_fread(file, contents.data(), stat.size);
    zip_fclose(file);
    EXPECT_EQ(read, static_cast<zip_int64_t>(stat.size));
    entries[stat.name] = {contents, stat.mtime};
  }
  zip_close(archive);
  return entries;
}

std::vector<std::string> folder_listing(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

TEST(ExportZip, HoldsExactlyTheExportFilesAndNothingElse) {
  TempDir dir;
  const History& history = testing::default_year();
  write_extended_export_zip(history, dir / "my_spotify_data.zip", 5000);
  const auto entries = read_zip(dir / "my_spotify_data.zip");
  const auto expected = render_extended_export(history, 5000);
  ASSERT_EQ(entries.size(), expected.size());
  for (const ExportFile& file : expected) {
    ASSERT_TRUE(entries.count(file.name)) << file.name;
    EXPECT_EQ(entries.at(file.name).contents, file.json);
    // A fixed time (three days after the last stream), not "now": the bytes must not depend
    // on when the zip was written. DOS times have two-second steps.
    EXPECT_NEAR(static_cast<double>(entries.at(file.name).modified),
                static_cast<double>(history.rows.back().ts + 3 * 86400), 2.0);
  }
  EXPECT_EQ(folder_listing(dir.path()), std::vector<std::string>{"my_spotify_data.zip"})
      << "no temporary file left behind";
}

TEST(ExportZip, SameSeedSameBytesDifferentSeedDifferentBytes) {
  TempDir dir;
  write_extended_export_zip(testing::default_year(), dir / "a.zip");
  write_extended_export_zip(simulate_listener(), dir / "b.zip");
  SimulationOptions other;
  other.seed = 7;
  write_extended_export_zip(simulate_listener(other), dir / "c.zip");
  EXPECT_EQ(read_file(dir / "a.zip"), read_file(dir / "b.zip"));
  EXPECT_NE(read_file(dir / "a.zip"), read_file(dir / "c.zip"));
}

TEST(ExportZip, ReplacesAnExistingFile) {
  TempDir dir;
  sonic::testing::write_file(dir / "export.zip", "not a zip");
  write_extended_export_zip(testing::default_year(), dir / "export.zip");
  EXPECT_EQ(read_zip(dir / "export.zip").size(), 1u);
}

TEST(ExportZip, FailureThrowsAndLeavesNothingBehind) {
  TempDir dir;
  sonic::testing::write_file(dir / "a-file", "x");
  EXPECT_THROW(write_extended_export_zip(testing::default_year(), dir / "a-file" / "export.zip"), Error);
  EXPECT_EQ(folder_listing(dir.path()), std::vector<std::string>{"a-file"});
}

}  // namespace
}  // namespace sonic::sim
