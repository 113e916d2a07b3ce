// `sonic catalog …` end to end through the binary: import's --json tally, trends, a malformed
// file (exit 3 naming file and line), the leak guard's refusal, and every step on the real
// hit-predictor catalog when ../shared is there.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

class CatalogE2e : public ::testing::Test {
 protected:
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", (home_ / "home").string()});
    return run_sonic(args);
  }
  TempDir home_;
};

TEST_F(CatalogE2e, ImportTrendsAndAMalformedFile) {
  const auto file = write_file(home_ / "lab" / "tracks.tsv",
                               "song_id\tyear\tenergy\n4GiXBCUF7H6YfNQsnBRIzl\t1991\t0.2\n"
                               "1zyqZONW985Cs4osz9wlsu\t1995\t0.4\n74cksX4vgcm0cHKaV7XE2L\t1999\t0.9\n");
  const auto imported = sonic({"catalog", "import", file.string(), "--json"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto tally = nlohmann::json::parse(imported.out);
  EXPECT_EQ(tally["catalog"], "lab");
  EXPECT_EQ(tally["stored"], 3);
  EXPECT_EQ(tally["files"][0]["separator"], "tab");

  const auto trends = sonic({"catalog", "trends", "--features", "energy", "--json"});
  ASSERT_EQ(trends.exit_code, 0) << trends.err;
  const auto periods = nlohmann::json::parse(trends.out)["periods"];
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0]["period"], 1990);
  EXPECT_TRUE(periods[0]["small"].get<bool>());
  EXPECT_DOUBLE_EQ(periods[0]["features"]["energy"]["median"].get<double>(), 0.4);

  const auto bad = write_file(home_ / "bad.csv", "id,energy\n4GiXBCUF7H6YfNQsnBRIzl,\"0.5\n");
  const auto refused = sonic({"catalog", "import", bad.string(), "--name", "lab"});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find(bad.string() + ": line 2: a quoted field that starts here is never closed"),
            std::string::npos)
      << refused.err;
  // The failed re-import left the catalog as it was.
  EXPECT_EQ(nlohmann::json::parse(sonic({"catalog", "trends", "--json"}).out)["periods"][0]["tracks"], 3);
}

TEST_F(CatalogE2e, EveryStepOnTheRealHitPredictorCatalog) {
  SONIC_SHARED_DATA_OR_SKIP(folder, "catalogs/hit-predictor");
  std::vector<std::string> import{"catalog", "import", "--json"};
  for (const char* decade : {"60s", "70s", "80s", "90s", "00s", "10s"}) {
    import.push_back((folder / ("dataset-of-" + std::string(decade) + ".csv")).string());
  }
  const auto imported = sonic(import);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(nlohmann::json::parse(imported.out)["rows"], 41106);

  const auto leak = sonic({"catalog", "train", "hits", "--label", "target", "--features", "energy,sections,uri"});
  EXPECT_EQ(leak.exit_code, 3);
  EXPECT_NE(leak.err.find("'uri' cannot be an input of the hit model"), std::string::npos) << leak.err;

  const auto trained = sonic({"catalog", "train", "hits", "--label", "target", "--threads", "2", "--json"});
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  const auto model = nlohmann::json::parse(trained.out);
  for (const char* split : {"random", "temporal"}) {
    const double gbdt = model["splits"][split]["models"]["gbdt"]["roc_auc"].get<double>();
    EXPECT_GT(gbdt, model["splits"][split]["models"]["duration_loudness"]["roc_auc"].get<double>()) << split;
    EXPECT_GT(gbdt, 0.8) << split;
  }
  EXPECT_EQ(model["splits"]["temporal"]["test_period"], 2010);

  const auto explained = sonic({"catalog", "explain", "4GiXBCUF7H6YfNQsnBRIzl", "--json"});
  ASSERT_EQ(explained.exit_code, 0) << explained.err;
  const auto explanation = nlohmann::json::parse(explained.out);
  double sum = explanation["bias"].get<double>();
  for (const auto& item : explanation["contributions"]) sum += item["contribution"].get<double>();
  EXPECT_NEAR(sum, explanation["margin"].get<double>(), 1e-9);
  EXPECT_EQ(explanation["track"]["name"], "Lucky Man");
}

}  // namespace
}  // namespace sonic::testing
