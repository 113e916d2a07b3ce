#pragma once
// What `sonic train mood` and `sonic predict mood` print: one JSON object (--json), or text for a person.
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/pipeline/mood_classifier.hpp"

namespace sonic::pipeline {

nlohmann::json to_json(const TrainMoodReport& report);
std::string to_text(const TrainMoodReport& report);
nlohmann::json to_json(const PredictMoodReport& report);
std::string to_text(const PredictMoodReport& report);
nlohmann::json to_json(const MoodProbabilities& result);
std::string to_text(const MoodProbabilities& result);

}  // namespace sonic::pipeline
