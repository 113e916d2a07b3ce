// `sonic recommend`, `sonic profile export|import` and `sonic compare` end to end: the real
// binary on a real imported history.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fakes/lastfm_fake.hpp"
#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

class TasteE2e : public ::testing::Test {
 protected:
  RunResult sonic(std::vector<std::string> args, const RunOptions& options = {}) {
    args.insert(args.begin(), {"--home", home_.path().string(), "--tz", "UTC"});
    return run_sonic(args, options);
  }
  std::string read(const std::filesystem::path& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  }
  void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

  TempDir home_;
  TempDir files_;
};

TEST_F(TasteE2e, RecommendsWithReasonsThatSumToAHundredAndTwoPerArtist) {
  SONIC_SHARED_DATA_OR_SKIP(history, "histories/basic/jill");
  ASSERT_EQ(sonic({"import", history.string()}).exit_code, 0);
  const auto run = sonic({"recommend", "--json", "--size", "15"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["recommendations"].size(), 15u);
  std::map<std::string, int> per_artist;
  for (const auto& pick : json["recommendations"]) {
    int total = 0;
    for (const auto& reason : pick["reasons"]) total += reason["percent"].get<int>();
    EXPECT_EQ(total, 100) << pick.dump();
    EXPECT_LE(++per_artist[pick["artist"]], 2) << pick.dump();
  }
  ASSERT_EQ(json["skipped"].size(), 1u);  // the discover pool says why it did not run, in one line
  EXPECT_NE(json["skipped"][0].get<std::string>().find("LASTFM_API_KEY is not set"), std::string::npos);

  const auto text = sonic({"recommend", "--pool", "rediscover", "--size", "3"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("because: "), std::string::npos) << text.out;

  const auto playlist = files_ / "mix.xspf";
  const auto written = sonic({"recommend", "--size", "5", "--format", "xspf", "--out", playlist.string()});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_EQ(written.out, playlist.string() + "\n");
  const auto xml = read(playlist);
  EXPECT_EQ(xml.rfind("<?xml", 0), 0u);
  EXPECT_EQ(xml.find("<annotation>because:") != std::string::npos, true);
}

TEST_F(TasteE2e, AProfileComparedWithItsOwnHomeScoresAHundred) {
  SONIC_SHARED_DATA_OR_SKIP(history, "histories/basic/tabatista");
  ASSERT_EQ(sonic({"import", history.string()}).exit_code, 0);
  const auto profile = files_ / "me.json";
  const auto exported = sonic({"profile", "export", "--out", profile.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto document = nlohmann::json::parse(read(profile));
  EXPECT_EQ(document["format"], "sonic.taste-profile");
  EXPECT_FALSE(document.contains("listens_detail"));
  const auto compared = sonic({"compare", profile.string(), "--json"});
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  const auto json = nlohmann::json::parse(compared.out);
  EXPECT_NEAR(json["score"].get<double>(), 100.0, 1e-6);
  EXPECT_NEAR(json["parts"]["artists"].get<double>(), 1.0, 1e-9);
  EXPECT_FALSE(json["shared_favourites"].empty());

  const auto imported = sonic({"profile", "import", profile.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_TRUE(std::filesystem::exists(home_ / "profiles" / "me.json"));
}

TEST_F(TasteE2e, AMalformedOrNewerProfileExitsThreeNamingFileAndPlace) {
  SONIC_SHARED_DATA_OR_SKIP(history, "histories/basic/tabatista");
  ASSERT_EQ(sonic({"import", history.string()}).exit_code, 0);
  const auto profile = files_ / "friend.json";
  ASSERT_EQ(sonic({"profile", "export", "--out", profile.string()}).exit_code, 0);
  auto document = nlohmann::json::parse(read(profile));
  document["artists"][1]["share"] = "lots";
  write(profile, document.dump());
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"profile", "import", profile.string()}, {"compare", profile.string()}}) {
    const auto run = sonic(args);
    EXPECT_EQ(run.exit_code, 3) << run.err;
    EXPECT_NE(run.err.find(profile.string() + ": /artists/1/share: expected a number"), std::string::npos) << run.err;
  }
  document["artists"][1]["share"] = 0.1;
  document["version"] = 99;
  write(profile, document.dump());
  const auto newer = sonic({"profile", "import", profile.string()});
  EXPECT_EQ(newer.exit_code, 3);
  EXPECT_NE(newer.err.find("newer than this sonic reads"), std::string::npos) << newer.err;
  EXPECT_FALSE(std::filesystem::exists(home_ / "profiles" / "friend.json"));
}

// The discover pool through the binary, Last.fm's fake answering every seed artist: never-heard
// artists with reasons naming the seed, and a second run served from the store's cache.
TEST_F(TasteE2e, DiscoverAsksLastfmOnceAndExplainsBySeed) {
  SONIC_SHARED_DATA_OR_SKIP(history, "histories/basic/jill");
  ASSERT_EQ(sonic({"import", history.string()}).exit_code, 0);
  LastfmFake lastfm;
  lastfm.similar_to_any_artist({{"Fake Band Nobody Heard", "", 0.9}, {"Second Unheard Act", "", 0.3}});
  RunOptions options;
  options.env = {{"LASTFM_URL", lastfm.base_url()}, {"LASTFM_API_KEY", LastfmFake::kApiKey}};
  const auto run = sonic({"recommend", "--pool", "discover", "--json", "--size", "5"}, options);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["recommendations"].size(), 2u) << run.out;
  const auto& first = json["recommendations"][0];
  EXPECT_EQ(first["artist"], "Fake Band Nobody Heard");
  EXPECT_EQ(first["pool"], "discover");
  int total = 0;
  for (const auto& reason : first["reasons"]) {
    total += reason["percent"].get<int>();
    EXPECT_NE(reason["because"].get<std::string>().find(" on Last.fm"), std::string::npos) << reason.dump();
  }
  EXPECT_EQ(total, 100);
  EXPECT_EQ(run.err.find(LastfmFake::kApiKey), std::string::npos);
  const std::size_t asked = lastfm.request_count();
  EXPECT_EQ(asked, 5u + 5u);  // five seed artists, five seed tracks (unknown: error 6)
  const auto again = sonic({"recommend", "--pool", "discover", "--json", "--size", "5"}, options);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(lastfm.request_count(), asked);
  EXPECT_EQ(nlohmann::json::parse(again.out)["recommendations"], json["recommendations"]);
  const auto text = sonic({"recommend", "--pool", "discover", "--offline"}, options);
  EXPECT_NE(text.out.find("Fake Band Nobody Heard (the artist)  [discover]"), std::string::npos) << text.out;
}

// `sonic report --compare OTHER`: the HTML report gains a compatibility section, names escaped.
TEST_F(TasteE2e, TheHtmlReportShowsAComparisonWhenAskedFor) {
  SONIC_SHARED_DATA_OR_SKIP(history, "histories/basic/tabatista");
  ASSERT_EQ(sonic({"import", history.string()}).exit_code, 0);
  const auto profile = files_ / "me&<you>.json";
  ASSERT_EQ(sonic({"profile", "export", "--out", profile.string()}).exit_code, 0);
  const auto plain = files_ / "plain.html";
  ASSERT_EQ(sonic({"report", "--format", "html", "--out", plain.string()}).exit_code, 0);
  EXPECT_EQ(read(plain).find("<section id=\"compare\">"), std::string::npos);  // only when asked for
  const auto page_path = files_ / "compared.html";
  const auto run = sonic({"report", "--format", "html", "--out", page_path.string(), "--compare", profile.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto page = read(page_path);
  EXPECT_NE(page.find("<section id=\"compare\">"), std::string::npos);
  EXPECT_NE(page.find("me&amp;&lt;you&gt;.json</b>: <b>100 / 100</b>"), std::string::npos)
      << page.substr(page.find("compare"), 400);
  EXPECT_EQ(page.find("me&<you>"), std::string::npos);
  EXPECT_NE(page.find("Shared favourites"), std::string::npos);
  const auto json = sonic({"report", "--json", "--compare", profile.string()});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(json.out)["comparison"]["score"].get<double>(), 100.0);
}

}  // namespace
}  // namespace sonic::testing
