#pragma once
// The envelope every sonic model file shares (mood clusters, mood net, next-mood, session
// model): a format name and version first, then what the model was made from, then the model.
//
//   {
//     "format": "sonic-mood-net", "version": 1,
//     "model_id": "<the run id that made it>", "sonic_version": "0.1.0",
//     "created_at": "2026-11-21T07:58:00Z",
//     "feature_names": [...], "seed": 42,
//     "training_window": {"from": "…", "to": "…"},      ISO UTC, or null when not a time window
//     "metrics": {...},
//     "model": {...}                                       the algorithm's own JSON (sonic-mlp, …)
//   }
//
// Written to a temporary file and renamed into place, so a crash never leaves half a model.
#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"
#include "sonic/ml/common/model_json_reader.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sonic::tracking {

struct ModelFileInfo {
  std::string format;
  int version = 1;
  std::string model_id;
  std::vector<std::string> feature_names;
  std::uint64_t seed = 0;
  std::optional<std::int64_t> window_from_ms;
  std::optional<std::int64_t> window_to_ms;
  nlohmann::json metrics = nlohmann::json::object();
  std::int64_t created_ms = 0;  // 0: now
};

struct ModelFile {
  std::filesystem::path path;
  ModelFileInfo info;
  nlohmann::json document;                                              // the whole file
  const nlohmann::json& model() const { return document.at("model"); }  // the body
  // A checked reader for the caller's own fields; its failures name the format and the field.
  ml::ModelJsonReader reader() const { return ml::ModelJsonReader(document, info.format, info.version); }
};

// Runs `read` (which reads a loaded model file's body) and puts the file's path in front of any
// InputError it throws, so every message about a model file says which file.
template <typename Read>
auto reading_model_file(const std::filesystem::path& path, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const InputError& error) {
    throw InputError(path.string() + ": " + error.what());
  }
}

void save_model_file(const std::filesystem::path& path, const ModelFileInfo& info, const nlohmann::json& model);

// Reads and checks the envelope. Every failure is an InputError naming the file: missing (with
// `how_to_make`, e.g. "run `sonic train mood`"), truncated or not JSON, another format, a newer
// version, a field missing or of the wrong type. The feature names are checked by the caller,
// which knows what it expects.
ModelFile load_model_file(const std::filesystem::path& path, std::string_view format, int newest_version,
                          std::string_view how_to_make);

}  // namespace sonic::tracking
