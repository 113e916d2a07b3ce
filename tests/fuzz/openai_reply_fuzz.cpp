// An OpenAI-compatible server's replies (OpenAI, Ollama, llama.cpp): a chat completion, or any
// of the error shapes. The raw body goes to the error reader, which takes anything.
#include "fuzz_input.hpp"
#include "sonic/insight/openai_client.hpp"
#include "sonic/insight/openai_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = sonic::fuzz::text_of(data, size);
  const auto error = sonic::insight::parse_openai_error(text);
  sonic::insight::is_insufficient_quota(429, error);
  const auto json = sonic::fuzz::json_of(text);
  if (!json) return 0;
  sonic::fuzz::expect_input_error_only([&] {
    const auto reply = sonic::insight::read_chat_reply(*json, text, "the chat server");
    sonic::fuzz::require(!reply.text.empty(), "a chat reply accepted without text");
  });
  return 0;
}
