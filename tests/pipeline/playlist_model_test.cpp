// The language model as the playlist prompt's reader, against the loopback OpenAI fake and a
// real SQLite file: a valid reply replaces the parser's object and is cached; every failure
// leaves the parser's object with one warning and keeps the key out of it.
#include "sonic/pipeline/playlist_model.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_clock.hpp"
#include "fakes/openai_fake.hpp"
#include "sonic/insight/prompts.hpp"
#include "sonic/playlist/model_constraints.hpp"
#include "sonic/playlist/prompt_parser.hpp"
#include "sonic/store/schema.hpp"
#include "support/log_capture.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

using nlohmann::json;
using testing::OpenAiFake;
using testing::OpenAiFault;

json valid_reply() {
  json ranges = json::object();
  for (const char* feature : playlist::kPlaylistFeatures) ranges[feature] = nullptr;
  ranges["energy"] = {{"low", 0}, {"high", 30}};
  return {{"ranges", ranges},      {"time_of_day", "night"},  {"day_type", nullptr},
          {"mood", "calm"},        {"discovery_percent", 0},  {"songs", 12},
          {"minutes", nullptr},    {"ordering", "wind_down"}, {"name", "Lights out"},
          {"description", nullptr}};
}

class PlaylistModelTest : public ::testing::Test {
 protected:
  PlaylistModelTest() : db_(store::Database::open(dir_.path() / "sonic.db")) { store::migrate(db_); }

  ConstraintModel model() {
    ConstraintModel model;
    model.openai.base_url = openai_.base_url();
    model.openai.api_key = OpenAiFake::kApiKey;
    model.openai.model = "test-model";
    model.openai.http = insight::openai_http_settings(std::chrono::seconds(5));
    model.clock = &clock_;
    return model;
  }
  // The parser's reading of `prompt`, then the model's over it.
  std::pair<playlist::Constraints, ModelReading> read(const std::string& prompt, store::Database* cache) {
    auto constraints = playlist::parse_prompt(prompt).constraints;
    auto reading = read_prompt_with_model(prompt, constraints, model(), cache);
    return {constraints, reading};
  }

  testing::TempDir dir_;
  store::Database db_;
  OpenAiFake openai_;
  testing::FakeClock clock_;
};

TEST_F(PlaylistModelTest, AValidReplyReplacesTheParsersReadingAndIsAskedOnce) {
  openai_.set_reply(valid_reply().dump());
  const auto [constraints, reading] = read("something for falling asleep", &db_);
  EXPECT_TRUE(reading.used);
  EXPECT_FALSE(reading.cached);
  EXPECT_EQ(reading.model, "openai:test-model");
  EXPECT_EQ(constraints.source, "model");
  EXPECT_EQ(constraints.ranges.at("energy"), (playlist::FeatureRange{0.0, 0.3}));
  EXPECT_EQ(constraints.size.songs, 12);
  EXPECT_EQ(constraints.name, "Lights out");
  // The request: the schema as structured output, the prompt and the parser's reading as the message.
  const auto body = openai_.requests().at(0).json();
  EXPECT_EQ(body["response_format"]["json_schema"]["name"], "playlist_constraints");
  EXPECT_EQ(body["temperature"], 0);
  EXPECT_EQ(body["max_tokens"], 700);
  const auto message = json::parse(body["messages"][1]["content"].get<std::string>());
  EXPECT_EQ(message["request"], "something for falling asleep");
  EXPECT_EQ(message["parser_reading"],
            playlist::to_model_shape(playlist::parse_prompt("something for falling asleep").constraints));

  const auto [again, second] = read("something for falling asleep", &db_);
  EXPECT_TRUE(second.cached);
  EXPECT_EQ(again, constraints);
  EXPECT_EQ(openai_.completion_requests(), 1u);  // the store answered
  read("something else", &db_);
  EXPECT_EQ(openai_.completion_requests(), 2u);  // another prompt is another question
}

TEST_F(PlaylistModelTest, TheRequestIsLean) {
  openai_.set_reply(valid_reply().dump());
  read("give me high energy morning music", nullptr);
  const auto body = openai_.requests().at(0).json();
  // Not OpenAI's own server: the compact form, in which the model may leave out what is not said.
  EXPECT_EQ(body["response_format"]["json_schema"]["schema"],
            playlist::constraint_schema(playlist::default_lexicon(), playlist::SchemaForm::compact));
  EXPECT_EQ(body["response_format"]["json_schema"]["strict"], true);
  // One compact line: the parser's reading in the reply's own units, nothing it left unset.
  EXPECT_EQ(body["messages"][1]["content"],
            R"({"parser_reading":{"discovery_percent":0,"ordering":"steady","ranges":{"energy":{"high":100,"low":70}},)"
            R"("songs":25,"time_of_day":"morning"},"request":"give me high energy morning music"})");
  // The system prompt leaves the fields' names, bounds and descriptions to the schema: it is the
  // prompt file's short text (v1 spent 1,300 bytes repeating the schema), and it names the units.
  const std::string system = body["messages"][0]["content"];
  EXPECT_EQ(system, insight::load_prompt(kConstraintPrompt).system);
  EXPECT_LT(system.size(), 700u);
  EXPECT_NE(system.find("whole percentages"), std::string::npos);
  EXPECT_NE(system.find("beats per minute"), std::string::npos);
}

TEST_F(PlaylistModelTest, AReplyLeavingOutWhatThePromptDoesNotSayIsUsed) {
  openai_.set_reply(
      R"({"ranges": {"energy": {"low": 0, "high": 30}}, "discovery_percent": 0, "ordering": "wind_down"})");
  const auto [constraints, reading] = read("something for falling asleep", &db_);
  EXPECT_TRUE(reading.used);
  EXPECT_EQ(constraints.ranges, (std::map<std::string, playlist::FeatureRange>{{"energy", {0.0, 0.3}}}));
  EXPECT_EQ(constraints.ordering, playlist::Ordering::wind_down);
  EXPECT_EQ(constraints.time_of_day, std::nullopt);
  EXPECT_EQ(constraints.mood, std::nullopt);
  EXPECT_EQ(constraints.size.songs, playlist::default_lexicon().default_size_songs);
  EXPECT_EQ(constraints.name, std::nullopt);
  EXPECT_EQ(read("something for falling asleep", &db_).second.cached, true);
}

TEST_F(PlaylistModelTest, EveryFailureLeavesTheParsersReadingWithOneLineSayingWhy) {
  const auto parser = playlist::parse_prompt("calm evening music").constraints;
  struct Case {
    std::string name;
    std::function<void()> arrange;
    std::string reason;
  };
  json wrong_type = valid_reply();
  wrong_type["songs"] = "twelve";
  const std::vector<Case> cases = {
      {"not JSON", [&] { openai_.set_reply("Here is your playlist: calm songs!"); }, "the model's reply is not JSON"},
      // A grammar-constrained small model really wrote this number (bench/run playlist-model).
      {"a number beyond a double", [&] { openai_.set_reply(R"({"songs": 9777777777777777.7E+9777777777777777})"); },
       "a number is out of range"},
      {"breaks the schema", [&] { openai_.set_reply(wrong_type.dump()); },
       "at /songs: expected an integer or a null, found a string"},
      // A reply cut at max_tokens or the end of the context (a small model's, before the lean request).
      {"cut at the token limit",
       [&] {
         openai_.set_reply(valid_reply().dump());
         openai_.add_fault(OpenAiFault::cut_at_length);
       },
       "the model stopped at its token limit (finish_reason \"length\") before the object was complete"},
      {"refused key", [&] { openai_.add_fault(OpenAiFault::invalid_api_key); }, "401"},
      {"server errors past the retries", [&] { openai_.add_fault(OpenAiFault::server_error, 3); }, "500"},
      {"rate limited past the retries", [&] { openai_.add_fault(OpenAiFault::rate_limited, 3); }, "429"},
  };
  for (const auto& failure : cases) {
    SCOPED_TRACE(failure.name);
    failure.arrange();
    testing::LogCapture log(spdlog::level::warn);
    const auto [constraints, reading] = read("calm evening music", &db_);
    EXPECT_FALSE(reading.used);
    EXPECT_EQ(constraints, parser);
    ASSERT_TRUE(reading.fallback_reason);
    EXPECT_NE(reading.fallback_reason->find(failure.reason), std::string::npos) << *reading.fallback_reason;
    const std::string logged = log.text();
    EXPECT_EQ(std::count(logged.begin(), logged.end(), '\n'), 1) << logged;
    EXPECT_NE(logged.find("the parser's reading is"), std::string::npos) << logged;
    EXPECT_EQ(logged.find(OpenAiFake::kApiKey), std::string::npos);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM narratives"), 0);  // nothing invalid is cached
  }
}

TEST_F(PlaylistModelTest, AnUnreachableServerAndNoStoreStillGiveAPlaylist) {
  auto settings = model();
  settings.openai.base_url = "http://127.0.0.1:9/v1";
  auto constraints = playlist::parse_prompt("20 happy songs").constraints;
  const auto parser = constraints;
  const auto reading = read_prompt_with_model("20 happy songs", constraints, settings, nullptr);
  EXPECT_FALSE(reading.used);
  EXPECT_EQ(constraints, parser);
  const auto reported = to_json(reading);
  EXPECT_EQ(reported["used"], false);
  EXPECT_TRUE(reported["fallback_reason"].is_string());
}

TEST_F(PlaylistModelTest, AStoredReplyThatNoLongerReadsIsAskedAgainAndReplaced) {
  openai_.set_reply(valid_reply().dump());
  read("late night", &db_);
  // A stored reply broken by hand (as a reply under an older lexicon's moods would be).
  db_.exec("UPDATE narratives SET text = '{\"ranges\":{}}'");
  const auto [constraints, reading] = read("late night", &db_);
  EXPECT_TRUE(reading.used);
  EXPECT_FALSE(reading.cached);
  EXPECT_EQ(openai_.completion_requests(), 2u);
  EXPECT_EQ(read("late night", &db_).second.cached, true);  // the new answer replaced the broken row
}

}  // namespace
}  // namespace sonic::pipeline
