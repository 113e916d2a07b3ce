#pragma once
// The narrator that needs no language model: templates over the same statistics the online
// narrator is given (a Profile's JSON, with the drift under "drift" when known).
//
// Deterministic and grounded: every number it writes is a figure of the statistics (a share
// may appear as a whole percentage). Varied: each sentence has several phrasings, chosen by
// bytes of the SHA-256 of the statistics, so different listeners read different sentences and
// the same listener always reads the same ones. The first line says it is the offline narrator.
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::insight {

inline constexpr const char* kOfflineNarrator = "offline";

std::string offline_narrative(const nlohmann::json& statistics);

}  // namespace sonic::insight
