#include "sonic/sources/export_inputs.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"
#include "support/zip_builder.hpp"

namespace sonic::sources {
namespace {

std::string read_all(ByteSource& source) {
  std::string text;
  char buffer[7];  // small on purpose: many reads
  for (std::size_t got; (got = source.read(buffer, sizeof buffer)) > 0;) text.append(buffer, got);
  return text;
}

TEST(ExportInputs, ZipAsSpotifyDeliversIt) {
  testing::TempDir dir;
  const auto zip = dir / "my_spotify_data.zip";
  testing::write_zip(
      zip, {
               {"Spotify Extended Streaming History/Streaming_History_Audio_2020-2021_10.json", "[10]"},
               {"Spotify Extended Streaming History/Streaming_History_Audio_2019-2020_2.json", "[2]"},
               {"Spotify Extended Streaming History/Streaming_History_Video_2019-2021.json", "[]"},
               {"Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf", "%PDF"},
               {"__MACOSX/Spotify Extended Streaming History/._Streaming_History_Audio_2019-2020_2.json", "x"},
           });
  const auto inputs = list_export_inputs({zip});
  ASSERT_EQ(inputs.size(), 3u);
  // Natural order: _2 before _10, whatever the zip's own order.
  EXPECT_NE(inputs[0].name.find("_2.json"), std::string::npos);
  EXPECT_NE(inputs[1].name.find("_10.json"), std::string::npos);
  EXPECT_TRUE(inputs[2].video);
  EXPECT_FALSE(inputs[0].video);
  EXPECT_FALSE(inputs[0].named_directly);
  EXPECT_EQ(inputs[0].name.rfind(zip.string() + ":", 0), 0u);
  auto source = inputs[1].open();
  EXPECT_EQ(read_all(*source), "[10]");
}

TEST(ExportInputs, FolderIsSearchedAndFilesNamedDirectlyAreMarked) {
  testing::TempDir dir;
  testing::write_file(dir / "export" / "MyData" / "StreamingHistory1.json", "[1]");
  testing::write_file(dir / "export" / "MyData" / "StreamingHistory0.json", "[0]");
  testing::write_file(dir / "export" / "notes.txt", "not json");
  const auto single = testing::write_file(dir / "one.json", "[]");
  const auto inputs = list_export_inputs({dir / "export", single});
  ASSERT_EQ(inputs.size(), 3u);
  EXPECT_NE(inputs[0].name.find("StreamingHistory0"), std::string::npos);
  EXPECT_FALSE(inputs[0].named_directly);
  EXPECT_TRUE(inputs[2].named_directly);
}

TEST(ExportInputs, DamagedZipAndMissingPathAreInputErrors) {
  testing::TempDir dir;
  const auto fake = testing::write_file(dir / "broken.zip", "PK\x03\x04 this is not really a zip");
  try {
    list_export_inputs({fake});
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("broken.zip"), std::string::npos);
  }
  EXPECT_THROW(list_export_inputs({dir / "absent.json"}), InputError);
}

}  // namespace
}  // namespace sonic::sources
