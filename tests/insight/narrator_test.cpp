#include "sonic/insight/narrator.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/openai_fake.hpp"
#include "fakes/refusing_port.hpp"
#include "sonic/insight/offline_narrator.hpp"
#include "support/listening_store.hpp"

namespace sonic::insight {
namespace {

using testing::OpenAiFake;
using testing::OpenAiFault;

const nlohmann::json kStatistics = {{"overall", {{"plays", 3}, {"hours", 0.2}}}, {"segments", nlohmann::json::array()}};

class NarratorTest : public ::testing::Test {
 protected:
  NarratorSettings online() {
    NarratorSettings settings;
    settings.openai.base_url = openai_.base_url();
    settings.openai.api_key = OpenAiFake::kApiKey;
    settings.openai.model = "test-model";
    settings.clock = &clock_;
    return settings;
  }
  std::int64_t stored_narratives() { return store_.db().scalar("SELECT count(*) FROM narratives"); }

  OpenAiFake openai_;
  testing::FakeClock clock_;
  testing::ListeningStore store_;
};

TEST_F(NarratorTest, TheModelWritesOnceAndTheStoreAnswersTheRerun) {
  const auto first = write_narrative(store_.db(), kStatistics, online());
  EXPECT_EQ(first.text, OpenAiFake::kDefaultReply);
  EXPECT_EQ(first.narrator, "openai:test-model");
  EXPECT_FALSE(first.cached);
  const auto second = write_narrative(store_.db(), kStatistics, online());
  EXPECT_EQ(second.text, first.text);
  EXPECT_EQ(second.narrator, first.narrator);
  EXPECT_TRUE(second.cached);
  EXPECT_EQ(openai_.completion_requests(), 1u);  // the re-run did not pay twice
  EXPECT_EQ(stored_narratives(), 1);
  // The prompt carried the statistics.
  const auto body = openai_.requests().at(0).json();
  EXPECT_NE(body["messages"][1]["content"].get<std::string>().find("\"plays\": 3"), std::string::npos);
}

TEST_F(NarratorTest, NewStatisticsOrAnotherModelAskAgain) {
  write_narrative(store_.db(), kStatistics, online());
  auto changed = kStatistics;
  changed["overall"]["plays"] = 4;
  write_narrative(store_.db(), changed, online());
  auto other_model = online();
  other_model.openai.model = "other-model";
  write_narrative(store_.db(), kStatistics, other_model);
  EXPECT_EQ(openai_.completion_requests(), 3u);
  EXPECT_EQ(stored_narratives(), 3);
}

TEST_F(NarratorTest, NothingConfiguredMeansTheOfflineNarrator) {
  const auto narrative = write_narrative(store_.db(), kStatistics, NarratorSettings{});
  EXPECT_EQ(narrative.narrator, kOfflineNarrator);
  EXPECT_EQ(narrative.text, offline_narrative(kStatistics));
  EXPECT_FALSE(narrative.fallback_reason);
  auto asked_offline = online();
  asked_offline.offline = true;
  EXPECT_EQ(write_narrative(store_.db(), kStatistics, asked_offline).narrator, kOfflineNarrator);
  EXPECT_EQ(openai_.completion_requests(), 0u);
}

TEST_F(NarratorTest, AnUnreachableServerFallsBackToTheOfflineNarrator) {
  testing::RefusingPort nobody;
  auto settings = online();
  settings.openai.base_url = nobody.url("/v1");
  const auto narrative = write_narrative(store_.db(), kStatistics, settings);
  EXPECT_EQ(narrative.narrator, kOfflineNarrator);
  ASSERT_TRUE(narrative.fallback_reason);
  EXPECT_EQ(narrative.to_json()["fallback_reason"], *narrative.fallback_reason);
  EXPECT_EQ(stored_narratives(), 0);
}

TEST_F(NarratorTest, AServerThatKeepsFailingFallsBackToo) {
  openai_.add_fault(OpenAiFault::server_error, 3);
  const auto narrative = write_narrative(store_.db(), kStatistics, online());
  EXPECT_EQ(narrative.narrator, kOfflineNarrator);
  EXPECT_NE(narrative.fallback_reason->find("HTTP 500"), std::string::npos);
}

TEST_F(NarratorTest, AnExhaustedQuotaIsReportedNotHidden) {
  openai_.add_fault(OpenAiFault::insufficient_quota);
  EXPECT_THROW(write_narrative(store_.db(), kStatistics, online()), OpenAiError);
  EXPECT_EQ(stored_narratives(), 0);
}

TEST_F(NarratorTest, TheCacheKeyCoversPromptModelAndStatistics) {
  const Prompt prompt = load_prompt(kNarrativePrompt);
  const auto key = narrative_input_hash(prompt, "m", kStatistics);
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key, narrative_input_hash(prompt, "m", nlohmann::json::parse(kStatistics.dump())));
  EXPECT_NE(key, narrative_input_hash(prompt, "n", kStatistics));
  Prompt edited = prompt;
  edited.system += " ";
  EXPECT_NE(key, narrative_input_hash(edited, "m", kStatistics));
}

}  // namespace
}  // namespace sonic::insight
