#include "sonic/tracking/model_file.hpp"

#include "sonic/core/atomic_file.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/core/version.hpp"
#include "sonic/ml/common/model_json_reader.hpp"

#include <fstream>
#include <sstream>

namespace sonic::tracking {
namespace {

nlohmann::ordered_json time_or_null(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::ordered_json(format_iso8601_utc(*ms)) : nlohmann::ordered_json();
}

std::optional<std::int64_t> read_time(const ml::ModelJsonReader& reader, const nlohmann::json& window,
                                      const char* key) {
  const auto& value = reader.field(window, key, "training_window");
  if (value.is_null()) return std::nullopt;
  const auto ms = value.is_string() ? parse_iso8601_utc(value.get<std::string>()) : std::nullopt;
  if (!ms) reader.fail(std::string("training_window.") + key, "is not an ISO 8601 UTC time or null");
  return ms;
}

ModelFileInfo read_info(const ml::ModelJsonReader& reader) {
  const auto& root = reader.root();
  ModelFileInfo info;
  info.format = root.at("format").get<std::string>();
  info.version = reader.version();
  info.model_id = reader.string(reader.field(root, "model_id"), "model_id");
  const auto& names = reader.array(reader.field(root, "feature_names"), "feature_names");
  info.feature_names = reader.strings(names, "feature_names", names.size());
  const auto& seed = reader.field(root, "seed");
  if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<std::int64_t>() >= 0))
    reader.fail("seed", "must be a non-negative integer");
  info.seed = seed.get<std::uint64_t>();
  const auto& window = reader.field(root, "training_window");
  if (!window.is_null()) {
    reader.object(window, "training_window");
    info.window_from_ms = read_time(reader, window, "from");
    info.window_to_ms = read_time(reader, window, "to");
  }
  info.metrics = reader.object(reader.field(root, "metrics"), "metrics");
  if (const auto created = parse_iso8601_utc(reader.string(reader.field(root, "created_at"), "created_at"))) {
    info.created_ms = *created;
  } else {
    reader.fail("created_at", "is not an ISO 8601 UTC time");
  }
  return info;
}

}  // namespace

void save_model_file(const std::filesystem::path& path, const ModelFileInfo& info, const nlohmann::json& model) {
  // Ordered, so the format name and version come first for a person (or `head`) reading it.
  nlohmann::ordered_json document = nlohmann::ordered_json::object();
  document["format"] = info.format;
  document["version"] = info.version;
  document["model_id"] = info.model_id;
  document["sonic_version"] = kVersion;
  document["created_at"] = format_iso8601_utc(info.created_ms != 0 ? info.created_ms : now_utc_ms());
  document["feature_names"] = info.feature_names;
  document["seed"] = info.seed;
  document["training_window"] =
      info.window_from_ms || info.window_to_ms
          ? nlohmann::ordered_json{{"from", time_or_null(info.window_from_ms)}, {"to", time_or_null(info.window_to_ms)}}
          : nlohmann::ordered_json();
  document["metrics"] = nlohmann::ordered_json::parse(info.metrics.dump());
  document["model"] = nlohmann::ordered_json::parse(model.dump());
  write_file_atomically(path, document.dump(1) + "\n");
}

ModelFile load_model_file(const std::filesystem::path& path, std::string_view format, int newest_version,
                          std::string_view how_to_make) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError("no " + std::string(format) + " model at " + path.string() + ": " + std::string(how_to_make));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return reading_model_file(path, [&] {
    ModelFile file;
    file.path = path;
    file.document = ml::parse_model_json(text.str(), format);
    const ml::ModelJsonReader reader(file.document, format, newest_version);
    file.info = read_info(reader);
    reader.object(reader.field(file.document, "model"), "model");
    return file;
  });
}

}  // namespace sonic::tracking
