#pragma once
// The offline narrator's closing paragraph: the overall musical personality and recent drift.
#include <nlohmann/json.hpp>
#include <string>

#include "narrative_phrasing.hpp"

namespace sonic::insight {

std::string personality_paragraph(const nlohmann::json& statistics, PhrasePicker& picker);

}  // namespace sonic::insight
