#pragma once
// What `sonic train mood` and `sonic predict mood` print: one JSON object (--json), or text for a person.
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/pipeline/mood_classifier.hpp"

namespace sonic::pipeline {

nlohmann::json to_json(const TrainMoodResult& report);
std::string to_text(const TrainMoodResult& report);
nlohmann::json to_json(const PredictMoodResult& report);
std::string to_text(const PredictMoodResult& report);
nlohmann::json to_json(const MoodProbabilities& result);
std::string to_text(const MoodProbabilities& result);

}  // namespace sonic::pipeline
