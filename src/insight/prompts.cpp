#include "sonic/insight/prompts.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "embedded_prompts.hpp"
#include "sonic/core/error.hpp"

namespace sonic::insight {
namespace {

constexpr std::string_view kSystemHeading = "## system\n";
constexpr std::string_view kUserHeading = "## user\n";
constexpr std::string_view kStatisticsSlot = "{{statistics}}";

// The position just after `heading` at the start of a line, or npos.
std::size_t section_start(std::string_view text, std::string_view heading) {
  for (std::size_t at = text.find(heading); at != std::string_view::npos; at = text.find(heading, at + 1)) {
    if (at == 0 || text[at - 1] == '\n') return at + heading.size();
  }
  return std::string_view::npos;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return std::string(text);
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UsageError("no prompt " + path.string() + " (SONIC_PROMPTS_DIR is set, so prompts are read from there)");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string Prompt::user_message(const nlohmann::json& statistics, int indent) const {
  std::string message = user_template;
  const std::string json = statistics.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
  for (auto at = message.find(kStatisticsSlot); at != std::string::npos;
       at = message.find(kStatisticsSlot, at + json.size())) {
    message.replace(at, kStatisticsSlot.size(), json);
  }
  return message;
}

Prompt parse_prompt(std::string version, std::string_view text, const std::string& origin) {
  const auto system_at = section_start(text, kSystemHeading);
  const auto user_at = section_start(text, kUserHeading);
  if (system_at == std::string_view::npos || user_at == std::string_view::npos || user_at < system_at) {
    throw InputError(origin + " needs a '## system' section followed by a '## user' section");
  }
  Prompt prompt{std::move(version), trimmed(text.substr(system_at, user_at - kUserHeading.size() - system_at)),
                trimmed(text.substr(user_at))};
  if (prompt.user_template.find(kStatisticsSlot) == std::string::npos) {
    throw InputError(origin +
                     ": the user section never mentions {{statistics}}, so the model "
                     "would not see the numbers");
  }
  return prompt;
}

Prompt load_prompt(const std::string& name) {
  if (const char* folder = std::getenv("SONIC_PROMPTS_DIR"); folder && *folder) {
    const auto path = std::filesystem::path(folder) / (name + ".md");
    return parse_prompt(name, read_text(path), path.string());
  }
  for (const auto& prompt : embedded_prompts()) {
    if (name == prompt.name) return parse_prompt(name, prompt.text, "the embedded prompt " + name);
  }
  throw UsageError("sonic has no prompt named " + name);
}

}  // namespace sonic::insight
