#pragma once
// The narrator's prompts. Their source is data/prompts/<name>.md (a versioned file: the name is
// the version); scripts/embed-prompts copies every one into the binary, so a fresh build and an
// installed binary both have them without looking for files. SONIC_PROMPTS_DIR, when set, is
// read instead, to try a prompt without rebuilding.
//
// A prompt file holds a "## system" and a "## user" section (anything before them is a
// comment); {{statistics}} in the user section is replaced by the statistics JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sonic::insight {

struct Prompt {
  std::string version;  // the file name without .md, e.g. "narrative_v1"
  std::string system;
  std::string user_template;

  // The user section with `statistics` in place, dumped with `indent` spaces (-1: one compact line).
  std::string user_message(const nlohmann::json& statistics, int indent = 2) const;
};

// Reads the sections of a prompt file's text; an InputError names `origin` when one is missing.
Prompt parse_prompt(std::string version, std::string_view text, const std::string& origin);

// From SONIC_PROMPTS_DIR when set, else the embedded copy. UsageError for an unknown name.
Prompt load_prompt(const std::string& name);

}  // namespace sonic::insight
