// `sonic summarize` end to end: the real binary on an imported history, with the offline
// narrator and against the OpenAI fake (OPENAI_BASE_URL) in each fault mode.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fakes/openai_fake.hpp"
#include "fakes/refusing_port.hpp"
#include "sonic/store/database.hpp"
#include "support/run_sonic.hpp"
#include "support/synthetic_history.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

class SummarizeE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto file = write_extended_history(data_.path(), synthetic_tracks(40, 5));
    ASSERT_EQ(sonic({"import", file.string()}).exit_code, 0);
  }
  RunResult sonic(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--home", home_.path().string(), "--tz", "UTC"});
    RunOptions options;
    options.env = std::move(env);
    return run_sonic(args, options);
  }
  std::map<std::string, std::string> online() const {
    return {{"OPENAI_BASE_URL", openai_.base_url()}, {"OPENAI_API_KEY", OpenAiFake::kApiKey}};
  }
  std::int64_t rows(const char* table) {
    return store::Database::open_read_only(home_ / "sonic.db").scalar(std::string("SELECT count(*) FROM ") + table);
  }

  OpenAiFake openai_;
  TempDir home_;
  TempDir data_;
};

TEST_F(SummarizeE2e, OfflineNarratorWithoutAnyConfiguration) {
  const auto text = sonic({"summarize", "--period", "all"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.rfind("Written by sonic's offline narrator", 0), 0u) << text.out;
  EXPECT_NE(text.out.find("-- offline, all time"), std::string::npos) << text.out;

  const auto run = sonic({"summarize", "--period", "all", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["narrative"]["narrator"], "offline");
  EXPECT_EQ(json["narrative"]["cached"], false);
  const std::string narrative = json["narrative"]["text"];
  EXPECT_EQ(text.out.substr(0, narrative.size() - 1), narrative.substr(0, narrative.size() - 1));
  EXPECT_EQ(json["segments"]["segments"].size(), 8u);
  EXPECT_EQ(json["segments"]["overall"]["plays"], 40);
  EXPECT_TRUE(json["drift"]["flags"].is_array());
  EXPECT_EQ(rows("drift_runs"), 2);  // kept per run
  EXPECT_EQ(openai_.completion_requests(), 0u);
}

TEST_F(SummarizeE2e, TheModelIsAskedOnceThenTheStoreAnswers) {
  const auto first = sonic({"summarize", "--json"}, online());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto json = nlohmann::json::parse(first.out);
  EXPECT_EQ(json["narrative"]["narrator"], "openai:gpt-4o-mini");
  EXPECT_EQ(json["narrative"]["text"], OpenAiFake::kDefaultReply);
  EXPECT_EQ(json["narrative"]["cached"], false);
  const auto second = sonic({"summarize", "--json"}, online());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(nlohmann::json::parse(second.out)["narrative"]["cached"], true);
  EXPECT_EQ(openai_.completion_requests(), 1u);
  EXPECT_EQ(rows("narratives"), 1);
  EXPECT_EQ(openai_.requests()[0].header("Authorization"), std::string("Bearer ") + OpenAiFake::kApiKey);
}

TEST_F(SummarizeE2e, OfflineFlagNeverCallsTheServer) {
  const auto run = sonic({"summarize", "--offline", "--json"}, online());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["narrative"]["narrator"], "offline");
  EXPECT_EQ(openai_.completion_requests(), 0u);
}

TEST_F(SummarizeE2e, RateLimitThenSuccess) {
  openai_.add_fault(OpenAiFault::rate_limited);
  const auto run = sonic({"summarize", "--json"}, online());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["narrative"]["narrator"], "openai:gpt-4o-mini");
  EXPECT_EQ(openai_.completion_requests(), 2u);
}

TEST_F(SummarizeE2e, InsufficientQuotaExitsWithAClearMessage) {
  openai_.add_fault(OpenAiFault::insufficient_quota, 5);
  const auto run = sonic({"summarize"}, online());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("no quota left"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--offline"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(OpenAiFake::kApiKey), std::string::npos) << run.err;
  EXPECT_EQ(openai_.completion_requests(), 1u);
}

TEST_F(SummarizeE2e, ARefusedKeyIsNeverPrinted) {
  openai_.add_fault(OpenAiFault::invalid_api_key);
  const auto run = sonic({"--log-level", "debug", "summarize"}, online());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("check OPENAI_API_KEY"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(OpenAiFake::kApiKey), std::string::npos) << run.err;
}

TEST_F(SummarizeE2e, LlamaCppIntegerCodesAreReadable) {
  openai_.add_fault(OpenAiFault::llamacpp_bad_key);
  const auto run = sonic({"summarize"}, online());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("HTTP 401 authentication_error: Invalid API Key"), std::string::npos) << run.err;
}

TEST_F(SummarizeE2e, ServerErrorsFallBackToTheOfflineNarrator) {
  openai_.add_fault(OpenAiFault::server_error, 3);
  const auto run = sonic({"summarize", "--json"}, online());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto narrative = nlohmann::json::parse(run.out)["narrative"];
  EXPECT_EQ(narrative["narrator"], "offline");
  EXPECT_NE(narrative["fallback_reason"].get<std::string>().find("HTTP 500"), std::string::npos);
  EXPECT_NE(run.err.find("offline narrator writes the narrative instead"), std::string::npos) << run.err;
  EXPECT_EQ(openai_.completion_requests(), 3u);
  EXPECT_EQ(rows("narratives"), 0);  // nothing cached: the next run asks the model again
}

TEST_F(SummarizeE2e, ATimeoutFallsBackToTheOfflineNarrator) {
  openai_.set_slow_delay(std::chrono::seconds(5));
  openai_.add_fault(OpenAiFault::slow, 3);
  auto env = online();
  env["OPENAI_TIMEOUT"] = "0.3";
  const auto run = sonic({"summarize", "--json"}, env);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["narrative"]["narrator"], "offline");
  EXPECT_NE(run.err.find("Timeout"), std::string::npos) << run.err;
}

TEST_F(SummarizeE2e, AnUnreachableServerFallsBack) {
  RefusingPort nobody;
  const auto run = sonic({"summarize", "--json"}, {{"OPENAI_BASE_URL", nobody.url("/v1")}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["narrative"]["narrator"], "offline");
}

TEST_F(SummarizeE2e, OllamaMissingModelExitsNonZero) {
  openai_.add_fault(OpenAiFault::ollama_model_missing);
  const auto run = sonic({"summarize"}, {{"OPENAI_BASE_URL", openai_.base_url()}, {"OPENAI_MODEL", "llama3"}});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("model \"llama3\" not found"), std::string::npos) << run.err;
}

TEST_F(SummarizeE2e, BadFlagsAreUsageErrors) {
  EXPECT_EQ(sonic({"summarize", "--period", "14"}).exit_code, 2);
  const auto segments = sonic({"summarize", "--segments", "morning=13"});
  EXPECT_EQ(segments.exit_code, 2);
  EXPECT_NE(segments.err.find("--segments"), std::string::npos) << segments.err;
  EXPECT_EQ(sonic({"summarize"}, {{"OPENAI_TIMEOUT", "soon"}}).exit_code, 2);
}

// The simulated listener, given moods and clusters the way `sonic predict mood` and `sonic
// cluster` store them (by a rule on its audio features here): every section is filled.
TEST(SummarizeDemoE2e, DemoHistoryHasEverySection) {
  TempDir out;
  ASSERT_EQ(run_sonic({"demo", "--out", out.path().string(), "--days", "60", "--import-only"}).exit_code, 0);
  {
    auto db = store::Database::open(out / "home" / "sonic.db");
    db.exec(R"sql(
INSERT INTO track_moods (track_id, mood, confidence, model_id, predicted_ms)
  SELECT track_id, CASE WHEN valence >= 0.5 THEN 'happy' ELSE 'sad' END, 0.8, 'test', 0 FROM audio_features;
INSERT INTO mood_clusters (cluster, label, size, centroid, model_id) VALUES
  (0, 'calm, acoustic', 0, '{}', 'test'), (1, 'high energy, electronic', 0, '{}', 'test');
INSERT INTO track_clusters (track_id, cluster, distance, model_id)
  SELECT track_id, energy >= 0.5, 0.1, 'test' FROM audio_features;)sql");
  }
  const auto run = run_sonic({"--home", (out / "home").string(), "--tz", "Europe/Berlin", "summarize", "--period",
                              "all", "--offline", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  double shares = 0;
  for (const auto& segment : json["segments"]["segments"]) shares += segment["share"].get<double>();
  EXPECT_NEAR(shares, 1.0, 0.01);
  EXPECT_FALSE(json["segments"]["overall"]["mood_mix"].empty());
  EXPECT_FALSE(json["segments"]["overall"]["cluster_mix"].empty());
  EXPECT_TRUE(json["segments"]["overall"]["mean_valence"].is_number());
  EXPECT_TRUE(json["drift"]["metrics"]["session_minutes"]["recent"].is_number());
  EXPECT_NE(json["narrative"]["text"].get<std::string>().find("valence"), std::string::npos);
}

}  // namespace
}  // namespace sonic::testing
