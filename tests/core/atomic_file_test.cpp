#include "sonic/core/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic {
namespace {

TEST(AtomicFile, WritesReplacesAndLeavesNoTemporaryBehind) {
  testing::TempDir dir;
  const auto path = dir / "models" / "mood.json";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  EXPECT_EQ(testing::read_file(path), "second");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(path.parent_path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(AtomicFile, CreatesWithTheRequestedMode) {
  testing::TempDir dir;
  const auto path = dir / "credentials.json";
  write_file_atomically(path, "{}", 0600);
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(AtomicFile, FailureNamesThePathAndLeavesNoTemporaryBehind) {
  testing::TempDir dir;
  // A folder where the file should go: the final rename must fail, even for root.
  const auto path = dir / "report.html";
  testing::write_file(path / "keep.txt", "old");
  try {
    write_file_atomically(path, "new");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos);
  }
  EXPECT_EQ(testing::read_file(path / "keep.txt"), "old");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1);
}

}  // namespace
}  // namespace sonic
