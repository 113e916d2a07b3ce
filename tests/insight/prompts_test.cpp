#include "sonic/insight/prompts.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "insight/embedded_prompts.hpp"
#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

namespace sonic::insight {
namespace {

const std::filesystem::path kPromptsDir = std::filesystem::path(SONIC_TEST_DATA_DIR) / "../../data/prompts";

// The binary carries data/prompts byte for byte: run scripts/embed-prompts after editing one.
TEST(PromptsTest, EmbeddedPromptsAreTheFilesInDataPrompts) {
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(kPromptsDir)) {
    if (entry.path().extension() == ".md") on_disk.insert(entry.path().stem().string());
  }
  std::set<std::string> embedded;
  for (const auto& prompt : embedded_prompts()) {
    embedded.insert(prompt.name);
    EXPECT_EQ(std::string(prompt.text), testing::read_file(kPromptsDir / (std::string(prompt.name) + ".md")))
        << prompt.name << " differs from data/prompts: run scripts/embed-prompts";
  }
  EXPECT_EQ(embedded, on_disk) << "run scripts/embed-prompts";
}

TEST(PromptsTest, TheNarrativePromptGroundsTheModelInTheStatistics) {
  const Prompt prompt = load_prompt("narrative_v1");
  EXPECT_EQ(prompt.version, "narrative_v1");
  EXPECT_NE(prompt.system.find("Do not invent"), std::string::npos);
  EXPECT_EQ(prompt.system.find("## "), std::string::npos);  // the headings are not part of it
  const std::string message = prompt.user_message({{"overall", {{"plays", 1234}}}});
  EXPECT_NE(message.find("\"plays\": 1234"), std::string::npos);
  EXPECT_EQ(message.find("{{statistics}}"), std::string::npos);
}

TEST(PromptsTest, ParsesSectionsAndRejectsIncompleteFiles) {
  const auto prompt = parse_prompt("v", "<!-- note -->\n## system\nS\n\n## user\nU {{statistics}}\n", "f");
  EXPECT_EQ(prompt.system, "S");
  EXPECT_EQ(prompt.user_template, "U {{statistics}}");
  EXPECT_THROW(parse_prompt("v", "## user\nU {{statistics}}\n", "f"), InputError);
  EXPECT_THROW(parse_prompt("v", "## system\nS\n## user\nno slot\n", "f"), InputError);
  EXPECT_THROW(load_prompt("narrative_v0"), UsageError);
}

TEST(PromptsTest, PromptsDirectoryOverridesTheEmbeddedCopy) {
  testing::TempDir dir;
  testing::write_file(dir / "narrative_v1.md", "## system\nTRY\n## user\n{{statistics}}\n");
  ::setenv("SONIC_PROMPTS_DIR", dir.path().c_str(), 1);
  const Prompt prompt = load_prompt("narrative_v1");
  EXPECT_THROW(load_prompt("narrative_v2"), UsageError);
  ::unsetenv("SONIC_PROMPTS_DIR");
  EXPECT_EQ(prompt.system, "TRY");
}

}  // namespace
}  // namespace sonic::insight
