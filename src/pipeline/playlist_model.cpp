#include "sonic/pipeline/playlist_model.hpp"

#include <spdlog/spdlog.h>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/insight/narrator.hpp"
#include "sonic/insight/prompts.hpp"
#include "sonic/playlist/model_constraints.hpp"
#include "sonic/store/insight_store.hpp"

namespace sonic::pipeline {
namespace {

// A constraint object is under 200 tokens of a real model's vocabulary and under 700 bytes in
// the strict form with both texts at their longest (a byte-level model's tokens); a reply cut at
// this limit fails. With the lean request it also fits a 2,048-token context beside the prompt.
constexpr int kReplyTokens = 700;

playlist::ModelConstraints read_reply(const std::string& text) {
  nlohmann::json reply;
  try {
    reply = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // The position only: the reply's own bytes may be anything and do not belong in a message.
    throw InputError("the model's reply is not JSON (at byte " + std::to_string(error.byte) + ")");
  } catch (const nlohmann::json::exception&) {  // e.g. a number beyond a double's range
    throw InputError("the model's reply is not JSON that sonic can read (a number is out of range)");
  }
  return playlist::constraints_from_model(reply, playlist::default_lexicon());
}

// The reply for this request: from the store when a valid one is there, else from the model.
std::string reply_text(const insight::Prompt& prompt, const nlohmann::json& request, const nlohmann::json& schema,
                       const ConstraintModel& model, store::Database* cache, ModelReading& reading) {
  // The schema is in the key: a lexicon with other moods must not reuse an older reply.
  const std::string key = insight::narrative_input_hash(prompt, model.openai.model,
                                                        nlohmann::json{{"request", request}, {"schema", schema}});
  if (cache != nullptr) {
    if (const auto stored = store::find_narrative(*cache, key)) {
      try {
        read_reply(stored->text);
        reading.cached = true;
        return stored->text;
      } catch (const InputError& error) {  // a damaged row: ask again, and the answer replaces it
        spdlog::debug("the stored constraint reply is unreadable ({}); asking the model again", error.what());
      }
    }
  }
  insight::OpenAiClient client(model.openai, model.clock ? *model.clock : net::system_clock());
  const auto reply = client.chat({{"system", prompt.system}, {"user", prompt.user_message(request, -1)}},
                                 {.temperature = 0,
                                  .max_tokens = kReplyTokens,
                                  .schema = insight::ReplySchema{playlist::kConstraintSchemaName, schema}});
  if (reply.finish_reason == "length") {
    // Said before the JSON error it would otherwise be, so the reason names the cause.
    throw InputError("the model stopped at its token limit (finish_reason \"length\") before the object was complete");
  }
  read_reply(reply.text);  // only a valid reply is kept
  if (cache != nullptr) {
    store::Transaction transaction(*cache);
    store::save_narrative(*cache, key, {reading.model, reply.text, now_utc_ms()});
    transaction.commit();
  }
  return reply.text;
}

}  // namespace

ModelReading read_prompt_with_model(const std::string& prompt_text, playlist::Constraints& constraints,
                                    const ConstraintModel& model, store::Database* cache) {
  ModelReading reading;
  reading.model = "openai:" + model.openai.model;
  try {
    const insight::Prompt prompt = insight::load_prompt(kConstraintPrompt);
    const nlohmann::json request = {{"request", prompt_text},
                                    {"parser_reading", playlist::to_model_shape(constraints)}};
    // OpenAI's strict mode takes only the strict form; elsewhere the model may leave out what is not said.
    const auto form = model.openai.is_openai() ? playlist::SchemaForm::strict : playlist::SchemaForm::compact;
    const auto schema = playlist::constraint_schema(playlist::default_lexicon(), form);
    auto read = read_reply(reply_text(prompt, request, schema, model, cache, reading));
    constraints = std::move(read.constraints);
    reading.adjusted = std::move(read.adjusted);
    reading.used = true;
  } catch (const Error& error) {
    // Whatever went wrong, the parser's reading is a working playlist: say why and go on.
    reading.fallback_reason = error.what();
    spdlog::warn("the language model's constraints were not used ({}); the parser's reading is", error.what());
  }
  return reading;
}

nlohmann::json to_json(const ModelReading& reading) {
  nlohmann::json json = {
      {"model", reading.model}, {"used", reading.used}, {"cached", reading.cached}, {"adjusted", reading.adjusted}};
  json["fallback_reason"] =
      reading.fallback_reason ? nlohmann::json(*reading.fallback_reason) : nlohmann::json(nullptr);
  return json;
}

}  // namespace sonic::pipeline
