// The rows of an inference request in each convention, and the refusals naming their field.
#include "serve/request_rows.hpp"

#include <gtest/gtest.h>

#include "serve/http_error.hpp"

namespace sonic::serve {
namespace {

using nlohmann::json;

const std::vector<pipeline::ModelInput> kInputs = {{"valence", "FP64"}, {"energy", "FP64"}};
const std::vector<json> kRows = {{{"valence", 0.1}, {"energy", 0.2}}, {{"valence", 0.3}, {"energy", 0.4}}};

// The message of the HttpError 400 that `parse` throws.
template <typename Parse>
std::string refusal(Parse parse) {
  try {
    parse();
  } catch (const HttpError& error) {
    EXPECT_EQ(error.status(), 400);
    return error.what();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

TEST(MlflowRows, EveryFormatGivesTheSameRows) {
  EXPECT_EQ(
      mlflow_rows(json::parse(R"({"dataframe_split":{"columns":["valence","energy"],"data":[[0.1,0.2],[0.3,0.4]]}})"),
                  kInputs),
      kRows);
  EXPECT_EQ(mlflow_rows(json{{"dataframe_records", kRows}}, kInputs), kRows);
  EXPECT_EQ(mlflow_rows(json{{"instances", kRows}}, kInputs), kRows);
  EXPECT_EQ(mlflow_rows(json::parse(R"({"instances":[[0.1,0.2],[0.3,0.4]]})"), kInputs), kRows);  // input order
  EXPECT_EQ(mlflow_rows(json::parse(R"({"inputs":{"valence":[0.1,0.3],"energy":[0.2,0.4]}})"), kInputs), kRows);
  EXPECT_EQ(mlflow_rows(json{{"inputs", kRows}}, kInputs), kRows);
}

TEST(MlflowRows, RefusalsNameTheField) {
  EXPECT_NE(refusal([] {
              mlflow_rows(json{{"instances", kRows}, {"inputs", kRows}}, kInputs);
            }).find("exactly one"),
            std::string::npos);
  EXPECT_NE(refusal([] { mlflow_rows(json{{"rows", kRows}}, kInputs); }).find("dataframe_split"), std::string::npos);
  EXPECT_NE(refusal([] {
              mlflow_rows(json::parse(R"({"dataframe_split":{"columns":["valence"]}})"), kInputs);
            }).find("dataframe_split.data"),
            std::string::npos);
  EXPECT_NE(refusal([] {
              mlflow_rows(json::parse(R"({"dataframe_split":{"columns":["valence"],"data":[[1],[1,2]]}})"), kInputs);
            }).find("dataframe_split.data[1]"),
            std::string::npos);
  EXPECT_NE(refusal([] { mlflow_rows(json::parse(R"({"instances":[[0.1]]})"), kInputs); }).find("instances[0]"),
            std::string::npos);
  // Columns are read in key order: energy sets the count, valence disagrees.
  EXPECT_NE(refusal([] {
              mlflow_rows(json::parse(R"({"inputs":{"valence":[1,2],"energy":[1]}})"), kInputs);
            }).find("inputs.valence"),
            std::string::npos);
  EXPECT_NE(refusal([] { mlflow_rows(json::parse(R"({"instances":[]})"), kInputs); }).find("no row"),
            std::string::npos);
  EXPECT_NE(refusal([] { mlflow_rows(json::array(), kInputs); }).find("body"), std::string::npos);
}

TEST(InferenceV2Rows, TensorsBecomeRows) {
  const auto body = json::parse(R"({"inputs":[{"name":"valence","datatype":"FP64","shape":[2,1],"data":[[0.1],[0.3]]},
                                              {"name":"energy","datatype":"FP64","shape":[2],"data":[0.2,0.4]}]})");
  EXPECT_EQ(inference_v2_rows(body), kRows);
  EXPECT_EQ(inference_v2_rows(json::parse(R"({"inputs":[]})")),
            std::vector<json>{json::object()});  // no inputs: one row
  EXPECT_NE(refusal([] { inference_v2_rows(json::parse(R"({"inputs":[{"data":[1]}]})")); }).find("inputs[0].name"),
            std::string::npos);
  EXPECT_NE(refusal([] { inference_v2_rows(json::parse(R"({"id":"x"})")); }).find("inputs"), std::string::npos);
}

}  // namespace
}  // namespace sonic::serve
