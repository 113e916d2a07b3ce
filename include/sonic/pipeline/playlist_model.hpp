#pragma once
// The language model as the playlist prompt's reader: it fills the same constraint object the
// parser fills, under a JSON schema (structured output), and never names tracks. On any failure
// (unreachable, refused, rate-limited, a reply that is not JSON or breaks the schema) the
// parser's object stands, with one warning line saying why. Valid replies are cached in the
// store like narratives: the same prompt, model and schema ask nothing twice.
#include <optional>
#include <string>
#include <vector>

#include "sonic/insight/openai_client.hpp"
#include "sonic/playlist/constraints.hpp"
#include "sonic/store/database.hpp"

namespace sonic::pipeline {

// The prompt file (data/prompts/) the model is asked with; its name is part of the cache key.
inline constexpr const char* kConstraintPrompt = "playlist_constraints_v2";

struct ConstraintModel {
  insight::OpenAiSettings openai;
  net::Clock* clock = nullptr;  // tests: a fake clock for the retries; null = the system clock
};

struct ModelReading {
  std::string model;                           // "openai:<model>"
  bool used = false;                           // its object replaced the parser's
  bool cached = false;                         // read from the store, no request made
  std::vector<std::string> adjusted;           // values clamped into their ranges
  std::optional<std::string> fallback_reason;  // why the parser's object stands
};

// Asks the model for `prompt` and, when its reply is valid, replaces `constraints` with it.
// `cache` may be null (no store: ask, keep nothing). The request is kept lean, since every byte
// of it is context a small local model no longer has for its reply: the short system prompt of
// kConstraintPrompt, one compact JSON user message {"request": prompt, "parser_reading": the
// parser's reading in the reply's own shape (playlist::to_model_shape)}, and the schema in its
// strict form for OpenAI, its compact form for any other server (playlist::SchemaForm). A reply
// the server cut at its token limit is a failure like any other.
ModelReading read_prompt_with_model(const std::string& prompt, playlist::Constraints& constraints,
                                    const ConstraintModel& model, store::Database* cache);

nlohmann::json to_json(const ModelReading& reading);

}  // namespace sonic::pipeline
