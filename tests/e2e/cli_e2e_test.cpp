// The binary as cron and a person meet it: usage, version, exit codes, .env, --json.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "support/run_sonic.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

TEST(Cli, VersionAndHelpExitZero) {
  const auto version = run_sonic({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("sonic 0."), std::string::npos) << version.out;
  const auto help = run_sonic({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command : {"import", "stats", "demo"}) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  }
}

TEST(Cli, BadUsageExitsTwoWithThatSubcommandsUsage) {
  const auto none = run_sonic({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("subcommand"), std::string::npos) << none.err;

  const auto no_path = run_sonic({"import"});
  EXPECT_EQ(no_path.exit_code, 2);
  EXPECT_NE(no_path.err.find("--keep-going"), std::string::npos) << "import's own usage: " << no_path.err;
  EXPECT_TRUE(no_path.out.empty());

  EXPECT_EQ(run_sonic({"import", "--no-such-flag", "x"}).exit_code, 2);
  EXPECT_EQ(run_sonic({"stats", "--top", "0"}).exit_code, 2);
  const auto missing = run_sonic({"import", "/definitely/not/here.json"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/definitely/not/here.json"), std::string::npos) << missing.err;
}

TEST(Cli, SettingErrorsAreUsageErrors) {
  TempDir home;
  const auto level = run_sonic({"--home", home.path().string(), "--log-level", "loud", "stats"});
  EXPECT_EQ(level.exit_code, 2);
  EXPECT_NE(level.err.find("loud"), std::string::npos);
  const auto zone = run_sonic({"--home", home.path().string(), "--tz", "Mars/Base", "stats"});
  EXPECT_EQ(zone.exit_code, 2);
  EXPECT_NE(zone.err.find("Mars/Base"), std::string::npos);
}

TEST(Cli, StatsWithoutAStoreSaysWhatToDo) {
  TempDir home;
  const auto result = run_sonic({"--home", home.path().string(), "stats"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("sonic import"), std::string::npos) << result.err;
}

TEST(Cli, DotEnvInTheWorkingFolderSetsTheHomeButNeverOverridesTheEnvironment) {
  TempDir cwd, from_file, from_env;
  write_file(cwd / ".env", "SONIC_HOME=" + from_file.path().string() + "\n");
  const std::string fixture = SONIC_TEST_DATA_DIR "/import/StreamingHistory_music_0.json";
  RunOptions options;
  options.cwd = cwd.path().string();
  EXPECT_EQ(run_sonic({"import", fixture}, options).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(from_file / "sonic.db"));

  options.env["SONIC_HOME"] = from_env.path().string();
  EXPECT_EQ(run_sonic({"import", fixture}, options).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(from_env / "sonic.db"));
}

TEST(Cli, DemoImportsTheSimulatedYearAndPrintsOneJsonObject) {
  TempDir out;
  const auto result = run_sonic({"demo", "--out", out.path().string(), "--days", "60", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);  // throws unless exactly one document
  EXPECT_GT(json["import"]["imported"].get<int>(), 1000);
  int by_hour = 0;
  for (int count : json["stats"]["listens_by_hour"].get<std::vector<int>>()) by_hour += count;
  EXPECT_EQ(by_hour, json["stats"]["listens"].get<int>());
  EXPECT_GT(json["stats"]["sessions"]["count"].get<int>(), 50);
  EXPECT_TRUE(std::filesystem::exists(out / "my_spotify_data.zip"));
  EXPECT_TRUE(std::filesystem::exists(out / "audio_features.csv"));
  // The simulated catalog with artist genres: every listen's track is in it by Spotify ID, so
  // every listen has a known genre, and only the planted ones show.
  EXPECT_EQ(json["genre_catalog"]["stored"], json["genre_catalog"]["rows"]);
  const auto& genres = json["stats"]["genres"];
  EXPECT_EQ(genres["listens"], json["stats"]["listens"]);
  EXPECT_EQ(genres["listens_with_genre"], genres["listens"]);
  EXPECT_EQ(genres["by_source"], nlohmann::json({{"catalog_track", genres["listens"]}}));
  const std::set<std::string> planted = {
      "ambient",           "folk",  "pop",       "hip hop",  "electronic", "drum and bass",
      "singer-songwriter", "blues", "classical", "post-rock"};
  ASSERT_FALSE(genres["top"].empty());
  for (const auto& genre : genres["top"]) EXPECT_TRUE(planted.count(genre["genre"].get<std::string>())) << genre;
  // Recommendations from the listener's own history, each explained in shares of 100.
  const auto& picks = json["recommendations"]["recommendations"];
  ASSERT_FALSE(picks.empty()) << json["recommendations"].dump();
  for (const auto& pick : picks) {
    int total = 0;
    for (const auto& reason : pick["reasons"]) total += reason["percent"].get<int>();
    EXPECT_EQ(total, 100) << pick.dump();
    EXPECT_NE(pick["pool"], "discover");  // the demo asks no service
  }
  // A second simulated listener: another person, so well below the 100 a profile scores with itself.
  EXPECT_TRUE(std::filesystem::exists(out / "friend_spotify_data.zip"));
  const double score = json["comparison"]["score"].get<double>();
  EXPECT_GT(score, 0.0);
  EXPECT_LT(score, 90.0);
  EXPECT_GT(json["comparison"]["listens"]["b"].get<double>(), 1000);
  // The demo's playlist: every track inside the prompt's energy range, also written as XSPF.
  const auto& playlist = json["playlist"];
  ASSERT_FALSE(playlist["tracks"].empty()) << playlist.dump();
  const auto energy = playlist["constraints"]["ranges"]["energy"];
  for (const auto& track : playlist["tracks"]) {
    EXPECT_GE(track["features"]["energy"].get<double>(), energy[0].get<double>()) << track.dump();
    EXPECT_LE(track["features"]["energy"].get<double>(), energy[1].get<double>()) << track.dump();
  }
  EXPECT_LE(playlist["tracks"].size(), 10u);
  EXPECT_EQ(playlist["constraints"]["time_of_day"], "evening");
  EXPECT_TRUE(std::filesystem::exists(playlist["playlist_file"].get<std::string>()));
}

}  // namespace
}  // namespace sonic::testing

namespace sonic::testing {
namespace {

TEST(Cli, GlobalOptionsMayFollowTheSubcommandAndQuietSilencesStderr) {
  TempDir home;
  const auto result = run_sonic(
      {"import", SONIC_TEST_DATA_DIR "/import/endsong_0.json", "--json", "--quiet", "--home", home.path().string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.err.empty()) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["imported"], 1);
  EXPECT_TRUE(std::filesystem::exists(home / "sonic.db"));
}

}  // namespace
}  // namespace sonic::testing
