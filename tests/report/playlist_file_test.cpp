// The playlist file writer: each format read back by an independent reader (xmllint for XSPF,
// a JSON parser for JSPF, the #EXTM3U line grammar for M3U8) gives back every string the data
// carried, including names that are markup, JSON or M3U syntax.
#include "sonic/report/playlist_file.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::report {
namespace {

PlaylistDocument awkward_document() {
  return {.title = "Morning <calm> & \"quiet\"",
          .annotation = "for a slow start",
          .entries = {{.title = "Tom & Jerry </title><script>",
                       .artist = "AC/DC, \"The\" Band",
                       .album = "Live\nat 'Home'",
                       .duration_ms = 201'600,
                       .spotify_id = "4uLU6hMCjMI75M1A2tKUQC",
                       .annotation = "energy 0.80"},
                      {.title = "#EXTINF:1,fake", .artist = "Ünïcode ✓", .annotation = ""}}};
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// stdout of a shell command, and whether it exited 0.
std::pair<std::string, bool> run_command(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {"", false};
  std::string out;
  char buffer[4096];
  while (const auto n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  return {out, pclose(pipe) == 0};
}

bool have_xmllint() { return run_command("command -v xmllint >/dev/null 2>&1").second; }

std::string xpath(const std::filesystem::path& file, const std::string& expression) {
  const auto [out, ok] = run_command("xmllint --xpath '" + expression + "' '" + file.string() + "' 2>&1");
  EXPECT_TRUE(ok) << expression << ": " << out;
  return !out.empty() && out.back() == '\n' ? out.substr(0, out.size() - 1) : out;  // xmllint ends with one
}

TEST(PlaylistFile, XspfIsWellFormedXspf1WithItsRequiredElementsAndEveryNameReadsBack) {
  if (!have_xmllint()) GTEST_SKIP() << "xmllint is not installed";
  testing::TempDir dir;
  const auto file = dir / "mix.xspf";
  write_playlist_file(file, awkward_document(), PlaylistFormat::xspf);
  const auto [lint, well_formed] = run_command("xmllint --noout '" + file.string() + "' 2>&1");
  ASSERT_TRUE(well_formed) << lint << read_text(file);
  // XSPF 1: the root is <playlist version="1"> in the http://xspf.org/ns/0/ namespace and holds a <trackList>.
  const std::string ns = "*[local-name()=\"playlist\" and namespace-uri()=\"http://xspf.org/ns/0/\"]";
  EXPECT_EQ(xpath(file, "string(/" + ns + "/@version)"), "1");
  EXPECT_EQ(xpath(file, "count(/" + ns + "/*[local-name()=\"trackList\"])"), "1");
  const std::string track = "/" + ns + "/*[local-name()=\"trackList\"]/*[local-name()=\"track\"]";
  EXPECT_EQ(xpath(file, "count(" + track + ")"), "2");
  EXPECT_EQ(xpath(file, "string(/" + ns + "/*[local-name()=\"title\"])"), "Morning <calm> & \"quiet\"");
  EXPECT_EQ(xpath(file, "string(" + track + "[1]/*[local-name()=\"title\"])"), "Tom & Jerry </title><script>");
  EXPECT_EQ(xpath(file, "string(" + track + "[1]/*[local-name()=\"creator\"])"), "AC/DC, \"The\" Band");
  EXPECT_EQ(xpath(file, "string(" + track + "[1]/*[local-name()=\"location\"])"),
            "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  EXPECT_EQ(xpath(file, "string(" + track + "[1]/*[local-name()=\"duration\"])"), "201600");
  // A control character (the newline in the album) is replaced, never written raw.
  EXPECT_EQ(xpath(file, "string(" + track + "[1]/*[local-name()=\"album\"])"),
            "Live\xEF\xBF\xBD"
            "at 'Home'");
  EXPECT_EQ(xpath(file, "string(" + track + "[2]/*[local-name()=\"creator\"])"), "Ünïcode ✓");
  EXPECT_EQ(xpath(file, "count(" + track + "[2]/*[local-name()=\"annotation\"])"), "0");  // empty: left out
}

TEST(PlaylistFile, JspfRoundTripsEveryField) {
  testing::TempDir dir;
  const auto file = dir / "mix.jspf";
  const auto document = awkward_document();
  write_playlist_file(file, document, PlaylistFormat::jspf);
  const auto json = nlohmann::json::parse(read_text(file));
  const auto& playlist = json.at("playlist");
  EXPECT_EQ(playlist.at("title"), document.title);
  EXPECT_EQ(playlist.at("annotation"), document.annotation);
  ASSERT_EQ(playlist.at("track").size(), 2u);
  const auto& first = playlist.at("track")[0];
  EXPECT_EQ(first.at("title"), document.entries[0].title);
  EXPECT_EQ(first.at("creator"), document.entries[0].artist);
  EXPECT_EQ(first.at("album"), *document.entries[0].album);  // JSON escapes the newline itself
  EXPECT_EQ(first.at("duration"), 201'600);
  EXPECT_EQ(first.at("location"), nlohmann::json::array({"spotify:track:4uLU6hMCjMI75M1A2tKUQC"}));
  EXPECT_EQ(first.at("annotation"), "energy 0.80");
  const auto& second = playlist.at("track")[1];
  EXPECT_EQ(second.at("creator"), "Ünïcode ✓");
  EXPECT_FALSE(second.contains("duration"));
  EXPECT_EQ(second.at("location")[0], "spotify:search:%C3%9Cn%C3%AFcode%20%E2%9C%93%20%23EXTINF%3A1%2Cfake");
}

TEST(PlaylistFile, M3u8RoundTripsTitlesDurationsAndLocationsOneEntryPerExtinf) {
  testing::TempDir dir;
  const auto file = dir / "mix.m3u8";
  write_playlist_file(file, awkward_document(), PlaylistFormat::m3u8);
  // The M3U8 grammar: #EXTM3U first; #EXTINF:<seconds>,<display> then directives, then the URI line.
  std::istringstream lines(read_text(file));
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(line, "#EXTM3U");
  struct Entry {
    std::string seconds, display, album, uri;
  };
  std::vector<Entry> entries;
  std::string title;
  Entry pending;
  while (std::getline(lines, line)) {
    if (line.rfind("#PLAYLIST:", 0) == 0) {
      title = line.substr(10);
    } else if (line.rfind("#EXTINF:", 0) == 0) {
      const auto comma = line.find(',');
      pending = {line.substr(8, comma - 8), line.substr(comma + 1), "", ""};
    } else if (line.rfind("#EXTALB:", 0) == 0) {
      pending.album = line.substr(8);
    } else {
      ASSERT_FALSE(line.empty() || line[0] == '#') << "a line that is neither a directive nor a URI: " << line;
      pending.uri = line;
      entries.push_back(pending);
    }
  }
  EXPECT_EQ(title, "Morning <calm> & \"quiet\"");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].seconds, "202");  // 201.6 s rounded
  EXPECT_EQ(entries[0].display, "AC/DC, \"The\" Band - Tom & Jerry </title><script>");
  EXPECT_EQ(entries[0].album,
            "Live\xEF\xBF\xBD"
            "at 'Home'");  // the newline cannot start a new line
  EXPECT_EQ(entries[0].uri, "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  EXPECT_EQ(entries[1].seconds, "-1");
  EXPECT_EQ(entries[1].display, "Ünïcode ✓ - #EXTINF:1,fake");
}

TEST(PlaylistFile, TheFormatComesFromTheExtensionAndAnotherIsAUsageError) {
  EXPECT_EQ(playlist_format_of("a/b.M3U8"), PlaylistFormat::m3u8);
  EXPECT_EQ(playlist_format_of("b.xspf"), PlaylistFormat::xspf);
  EXPECT_EQ(playlist_format_of("b.jspf"), PlaylistFormat::jspf);
  EXPECT_THROW(playlist_format_of("b.txt"), UsageError);
  EXPECT_THROW(playlist_format_of("b"), UsageError);
}

}  // namespace
}  // namespace sonic::report
