#pragma once
// What `sonic cluster` print: one JSON object (--json), or text for a person.
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/pipeline/cluster_moods.hpp"

namespace sonic::pipeline {

nlohmann::json to_json(const ClusterMoodsResult& report);
std::string to_text(const ClusterMoodsResult& report);

}  // namespace sonic::pipeline
