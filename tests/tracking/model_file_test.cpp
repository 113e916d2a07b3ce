#include "sonic/tracking/model_file.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::tracking {
namespace {

using testing::TempDir;

ModelFileInfo sample_info() {
  ModelFileInfo info;
  info.format = "sonic-test-model";
  info.version = 1;
  info.model_id = "abc";
  info.feature_names = {"energy", "valence"};
  info.seed = 7;
  info.window_from_ms = 0;
  info.window_to_ms = 3600000;
  info.metrics = {{"accuracy", 0.5}};
  info.created_ms = 86400000;
  return info;
}

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no InputError)";
}

TEST(ModelFile, RoundTripsTheEnvelope) {
  TempDir dir;
  save_model_file(dir / "m.json", sample_info(), {{"weights", {1, 2}}});
  const auto file = load_model_file(dir / "m.json", "sonic-test-model", 1, "train it");
  EXPECT_EQ(file.info.model_id, "abc");
  EXPECT_EQ(file.info.feature_names, (std::vector<std::string>{"energy", "valence"}));
  EXPECT_EQ(file.info.seed, 7u);
  EXPECT_EQ(file.info.window_to_ms, 3600000);
  EXPECT_EQ(file.info.created_ms, 86400000);
  EXPECT_EQ(file.info.metrics["accuracy"], 0.5);
  EXPECT_EQ(file.model()["weights"][1], 2);
  // The format name comes first in the file, as the architecture asks.
  EXPECT_EQ(testing::read_file(dir / "m.json").find("\"format\""), 3u);  // after "{\n "
}

TEST(ModelFile, RefusesMissingTruncatedForeignAndNewerFiles) {
  TempDir dir;
  const auto path = dir / "m.json";
  EXPECT_NE(message_of([&] {
              load_model_file(path, "sonic-test-model", 1, "run `sonic train x`");
            }).find("run `sonic train x`"),
            std::string::npos);

  save_model_file(path, sample_info(), nlohmann::json::object());
  const auto text = testing::read_file(path);
  testing::write_file(path, text.substr(0, text.size() / 2));
  auto message = message_of([&] { load_model_file(path, "sonic-test-model", 1, ""); });
  EXPECT_NE(message.find(path.string()), std::string::npos);
  EXPECT_NE(message.find("not valid JSON"), std::string::npos);

  // Found by fuzz_model_files: nlohmann throws out_of_range, not parse_error, for a number
  // beyond a double; it escaped as an uncaught exception.
  testing::write_file(path, R"({"format":"sonic-test-model","version":1,"x":143.3E580012083054})");
  message = message_of([&] { load_model_file(path, "sonic-test-model", 1, ""); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("not valid JSON"), std::string::npos) << message;

  auto info = sample_info();
  info.version = 2;
  save_model_file(path, info, nlohmann::json::object());
  EXPECT_NE(message_of([&] { load_model_file(path, "sonic-test-model", 1, ""); }).find("newer sonic"),
            std::string::npos);
  EXPECT_NE(message_of([&] { load_model_file(path, "sonic-other", 1, ""); }).find("not a sonic-other model"),
            std::string::npos);

  testing::write_file(path, R"({"format":"sonic-test-model","version":1,"model_id":"a"})");
  EXPECT_NE(message_of([&] { load_model_file(path, "sonic-test-model", 1, ""); }).find("feature_names is missing"),
            std::string::npos);
}

}  // namespace
}  // namespace sonic::tracking
