#pragma once
// The registry's models as sonic serve answers with them: each loaded once, reloaded on the first
// request after its file changes (retrain replaces it by rename). A new file that does not load
// is refused and the old model kept, logged once per file version; with no model at all the
// request gets 503 naming the command that makes one.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/pipeline/model_registry.hpp"

namespace sonic::serve {

class ModelCache {
 public:
  explicit ModelCache(Home home);

  // The entries that answer rows, in registry order.
  const std::vector<const pipeline::ModelEntry*>& servable() const { return servable_; }
  // The entry named `name` that answers rows: HttpError 404 naming the models otherwise.
  const pipeline::ModelEntry& entry(const std::string& name) const;
  // The current model of that entry, reloaded when its file changed: HttpError 503 without one.
  // An entry without a file (derived from the store at each answer) is loaded once.
  std::shared_ptr<const pipeline::RowPredictor> predictor(const pipeline::ModelEntry& entry);
  // Changes whenever a model file changes (for caches of pages built from the models).
  std::string files_fingerprint() const;

 private:
  struct Slot {
    std::mutex mutex;
    std::string loaded_identity;   // the file version `current` came from
    std::string refused_identity;  // the last version that failed to load (logged once)
    std::shared_ptr<const pipeline::RowPredictor> current;
  };
  Home home_;
  std::vector<const pipeline::ModelEntry*> servable_;
  std::vector<std::unique_ptr<Slot>> slots_;  // one per servable entry
};

// The file's inode, size and modification time in nanoseconds; "" when it does not exist.
std::string file_identity(const std::filesystem::path& path);

}  // namespace sonic::serve
