#include "sonic/sources/byte_source.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::sources {
namespace {

std::string drain(ByteSource& source, std::size_t chunk) {
  std::string out;
  std::string buffer(chunk, '\0');
  while (const std::size_t n = source.read(buffer.data(), chunk)) out.append(buffer.data(), n);
  return out;
}

TEST(ByteSource, StringSourceGivesEveryByteThenZero) {
  const std::string text("abc\0def", 7);
  auto source = string_source(text);
  EXPECT_EQ(drain(*source, 3), text);
  char byte;
  EXPECT_EQ(source->read(&byte, 1), 0u);
}

TEST(ByteSource, FileSourceReadsTheWholeFile) {
  testing::TempDir dir;
  std::string text;
  for (int i = 0; i < 100000; ++i) text += static_cast<char>('a' + i % 26);
  auto source = open_file_source(testing::write_file(dir / "data.json", text));
  EXPECT_EQ(drain(*source, 4096), text);
}

TEST(ByteSource, MissingFileIsAnInputErrorNamingIt) {
  testing::TempDir dir;
  try {
    open_file_source(dir / "absent.json");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("absent.json"), std::string::npos) << error.what();
  }
}

TEST(ByteSource, ReadingADirectoryIsAnInputErrorNamingIt) {
  testing::TempDir dir;
  char buffer[16];
  try {
    auto source = open_file_source(dir.path());
    source->read(buffer, sizeof buffer);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(dir.path().filename().string()), std::string::npos);
  }
}

}  // namespace
}  // namespace sonic::sources
