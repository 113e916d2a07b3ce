#pragma once
// The narrative of `sonic summarize`: a paragraph for each notable segment and an overall
// musical personality, written by an OpenAI-compatible model from the statistics JSON (the
// prompt data/prompts/narrative_v1.md), or by the offline narrator.
//
//   const auto narrative = write_narrative(db, statistics, NarratorSettings::from_environment(false));
//
// Which narrator writes:
//  - offline asked for, or nothing configured (no OPENAI_API_KEY and no OPENAI_BASE_URL): offline;
//  - a narrative for the same input is in the store: that one (cached = true), no request;
//  - otherwise the model; its narrative is stored under SHA-256(prompt version and text, model,
//    statistics JSON) in the narratives table;
//  - the server unreachable, timing out, failing with 5xx, rate-limited past the retries or
//    answering something that is not a completion: the offline narrator, with a warning on
//    stderr and `fallback_reason` set;
//  - a refused key, an exhausted quota, an unknown model or another refusal: OpenAiError is
//    thrown (exit 2 or 1). These need a person, and a silent fallback would hide them from cron.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sonic/insight/openai_client.hpp"
#include "sonic/insight/prompts.hpp"
#include "sonic/store/database.hpp"

namespace sonic::insight {

inline constexpr const char* kNarrativePrompt = "narrative_v1";

struct NarratorSettings {
  bool offline = false;
  OpenAiSettings openai;
  net::Clock* clock = nullptr;  // tests: a fake clock for the retries; null = the system clock

  // The OPENAI_* environment (openai_client.hpp).
  static NarratorSettings from_environment(bool offline);
  // A key or a base URL of its own (Ollama and llama.cpp need no key).
  bool online_configured() const;
};

struct Narrative {
  std::string text;
  std::string narrator;  // "openai:<model>" or "offline"
  bool cached = false;
  std::optional<std::string> fallback_reason;  // why the online narrator was not used, if it failed

  nlohmann::json to_json() const;  // {"text","narrator","cached"} (+ "fallback_reason")
};

// The key of a narrative in the narratives table.
std::string narrative_input_hash(const Prompt& prompt, const std::string& model, const nlohmann::json& statistics);

Narrative write_narrative(store::Database& db, const nlohmann::json& statistics, const NarratorSettings& settings);

// The narrative without asking a server or writing the store (for reports): the online one the
// store holds for exactly these statistics and the configured model (cached = true), else the
// offline narrator's. Unless `settings.offline`, a prompt that cannot be read is a warning.
Narrative recall_narrative(store::Database& db, const nlohmann::json& statistics, const NarratorSettings& settings);

}  // namespace sonic::insight
