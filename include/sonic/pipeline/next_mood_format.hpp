#pragma once
// What `sonic train next-mood`, `train mood-gbdt` and `predict next-mood` print: one JSON object (--json), or text for
// a person.
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/pipeline/next_mood.hpp"

namespace sonic::pipeline {

nlohmann::json to_json(const TrainNextMoodResult& report);
std::string to_text(const TrainNextMoodResult& report);
nlohmann::json to_json(const NextMoodPrediction& prediction, const TimeZone& zone);
std::string to_text(const NextMoodPrediction& prediction, const TimeZone& zone);

}  // namespace sonic::pipeline
