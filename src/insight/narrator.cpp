#include "sonic/insight/narrator.hpp"

#include <spdlog/spdlog.h>

#include "sonic/core/error.hpp"
#include "sonic/core/sha256.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/insight/offline_narrator.hpp"
#include "sonic/insight/prompts.hpp"
#include "sonic/store/insight_store.hpp"

namespace sonic::insight {
namespace {

std::string canonical(const nlohmann::json& statistics) {
  return statistics.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Narrative offline(const nlohmann::json& statistics, std::optional<std::string> fallback_reason) {
  return {offline_narrative(statistics), kOfflineNarrator, false, std::move(fallback_reason)};
}

Narrative ask_model(store::Database& db, const Prompt& prompt, const nlohmann::json& statistics,
                    const NarratorSettings& settings) {
  const std::string hash = narrative_input_hash(prompt, settings.openai.model, statistics);
  if (const auto stored = store::find_narrative(db, hash)) {
    spdlog::info("narrative from the store (written by {}), no request made", stored->narrator);
    return {stored->text, stored->narrator, true, std::nullopt};
  }
  OpenAiClient client(settings.openai, settings.clock ? *settings.clock : net::system_clock());
  const auto reply = client.chat({{"system", prompt.system}, {"user", prompt.user_message(statistics)}});
  if (reply.finish_reason == "length") {
    spdlog::warn("the chat server at {} stopped at the token limit: the narrative may be cut short",
                 settings.openai.base_url);
  }
  const store::StoredNarrative narrative{"openai:" + settings.openai.model, reply.text, now_utc_ms()};
  store::Transaction transaction(db);
  store::save_narrative(db, hash, narrative);
  transaction.commit();
  return {narrative.text, narrative.narrator, false, std::nullopt};
}

}  // namespace

NarratorSettings NarratorSettings::from_environment(bool offline) {
  return {offline, OpenAiSettings::from_environment(), nullptr};
}

bool NarratorSettings::online_configured() const { return openai.configured(); }

nlohmann::json Narrative::to_json() const {
  nlohmann::json json = {{"text", text}, {"narrator", narrator}, {"cached", cached}};
  if (fallback_reason) json["fallback_reason"] = *fallback_reason;
  return json;
}

std::string narrative_input_hash(const Prompt& prompt, const std::string& model, const nlohmann::json& statistics) {
  Sha256 hash;
  // Each part ends in a NUL, so no two different inputs concatenate to the same bytes.
  for (const std::string& part : {prompt.version, prompt.system, prompt.user_template, model, canonical(statistics)}) {
    hash.update(part);
    hash.update(std::string_view("\0", 1));
  }
  return to_hex(hash.finish());
}

Narrative write_narrative(store::Database& db, const nlohmann::json& statistics, const NarratorSettings& settings) {
  if (settings.offline) return offline(statistics, std::nullopt);
  if (!settings.online_configured()) {
    spdlog::info("no OPENAI_API_KEY or OPENAI_BASE_URL: the offline narrator writes the narrative");
    return offline(statistics, std::nullopt);
  }
  const Prompt prompt = load_prompt(kNarrativePrompt);  // a broken prompt file is an error
  try {
    return ask_model(db, prompt, statistics, settings);
  } catch (const OpenAiError& error) {
    if (error.code() != ExitCode::network) throw;  // a person must act: say so, do not hide it
    spdlog::warn("{}; the offline narrator writes the narrative instead", error.what());
    return offline(statistics, error.what());
  } catch (const net::NetworkError& error) {
    spdlog::warn("{}; the offline narrator writes the narrative instead", error.what());
    return offline(statistics, error.what());
  } catch (const net::RateLimitedError& error) {
    spdlog::warn("{}; the offline narrator writes the narrative instead", error.what());
    return offline(statistics, error.what());
  } catch (const InputError& error) {
    spdlog::warn("{}; the offline narrator writes the narrative instead", error.what());
    return offline(statistics, error.what());
  }
}

Narrative recall_narrative(store::Database& db, const nlohmann::json& statistics, const NarratorSettings& settings) {
  if (settings.offline) return offline(statistics, std::nullopt);
  try {
    const Prompt prompt = load_prompt(kNarrativePrompt);
    const std::string hash = narrative_input_hash(prompt, settings.openai.model, statistics);
    if (const auto stored = store::find_narrative(db, hash)) {
      return {stored->text, stored->narrator, true, std::nullopt};
    }
  } catch (const Error& error) {  // a broken prompt file (SONIC_PROMPTS_DIR): still a report
    spdlog::warn("{}; the offline narrator writes the narrative", error.what());
  }
  return offline(statistics, std::nullopt);
}

}  // namespace sonic::insight
