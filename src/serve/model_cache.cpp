#include "serve/model_cache.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include "serve/http_error.hpp"

namespace sonic::serve {

std::string file_identity(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "";
  return std::to_string(info.st_ino) + ":" + std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) +
         "." + std::to_string(info.st_mtim.tv_nsec);
}

ModelCache::ModelCache(Home home) : home_(std::move(home)) {
  for (const auto& entry : pipeline::model_registry()) {
    if (entry.load_predictor == nullptr) continue;
    servable_.push_back(&entry);
    slots_.push_back(std::make_unique<Slot>());
  }
}

const pipeline::ModelEntry& ModelCache::entry(const std::string& name) const {
  std::string names;
  for (const auto* entry : servable_) {
    if (entry->kind.name == name) return *entry;
    names += (names.empty() ? "" : ", ") + std::string(entry->kind.name);
  }
  throw HttpError(404, "unknown_model", "no model named '" + name + "'; sonic serve has " + names);
}

std::shared_ptr<const pipeline::RowPredictor> ModelCache::predictor(const pipeline::ModelEntry& entry) {
  std::size_t index = 0;
  while (servable_[index] != &entry) ++index;
  Slot& slot = *slots_[index];
  std::lock_guard lock(slot.mutex);
  if (!entry.has_file()) {  // derived from the store at each answer: nothing to swap
    if (!slot.current) slot.current = entry.load_predictor(home_);
    return slot.current;
  }
  const auto path = entry.kind.path(home_);
  const std::string identity = file_identity(path);
  if (identity == slot.loaded_identity && slot.current) return slot.current;
  if (identity.empty()) {
    if (slot.current) return slot.current;  // a file replaced by rename is never missing; keep serving
    throw HttpError(503, "model_not_trained",
                    "model '" + std::string(entry.kind.name) + "' is not trained yet: " + entry.kind.how_to_make());
  }
  if (identity != slot.refused_identity) {
    try {
      slot.current = entry.load_predictor(home_);
      slot.loaded_identity = identity;
      spdlog::info("serving model '{}' {} from {}", entry.kind.name, slot.current->model_id(), path.string());
      return slot.current;
    } catch (const std::exception& error) {
      slot.refused_identity = identity;
      spdlog::warn("refused the new model file {}: {}{}", path.string(), error.what(),
                   slot.current ? "; still serving the previous model" : "");
    }
  }
  if (slot.current) return slot.current;
  throw HttpError(503, "model_unusable",
                  "model '" + std::string(entry.kind.name) + "' has no usable file: " + entry.kind.how_to_make());
}

std::string ModelCache::files_fingerprint() const {
  std::string fingerprint;
  for (const auto& entry : pipeline::model_registry()) {
    if (entry.has_file()) fingerprint += file_identity(entry.kind.path(home_)) + ";";
  }
  return fingerprint;
}

}  // namespace sonic::serve
