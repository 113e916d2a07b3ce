#pragma once
// The rows of an inference request, in the two conventions tools speak:
//   MLflow's scoring server: exactly one of {"dataframe_split":{"columns":[…],"data":[[…]]}},
//     {"dataframe_records":[{…}]}, {"instances":[{…} or […]]}, {"inputs":{column:[…]} or [{…}]}
//   Open Inference Protocol v2: {"inputs":[{"name","datatype","shape","data":[…]}]}
// A row is a JSON object, column → value; positional rows take the model's input order. Every
// refusal is an HttpError 400 naming the field.
#include <nlohmann/json.hpp>
#include <vector>

#include "sonic/pipeline/model_registry.hpp"

namespace sonic::serve {

std::vector<nlohmann::json> mlflow_rows(const nlohmann::json& body, const std::vector<pipeline::ModelInput>& inputs);
std::vector<nlohmann::json> inference_v2_rows(const nlohmann::json& body);

}  // namespace sonic::serve
