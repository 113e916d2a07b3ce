#pragma once
// `sonic import` on a home: its store opened (created by the first import) under the writer's
// lock, with two promises about what is left on disk. A dry run against a home without a store
// reads into a store in memory, takes no lock and creates nothing; an import that fails before its
// first file lands in a store it created removes that store again.
#include <filesystem>
#include <vector>

#include "sonic/core/home.hpp"
#include "sonic/pipeline/import_history.hpp"

namespace sonic::pipeline {

// As import_history: throws for the first bad file unless keep_going (the report's
// throw_if_failed() then gives the run's error).
ImportReport import_into_home(const Home& home, const std::vector<std::filesystem::path>& paths,
                              const ImportOptions& options);

}  // namespace sonic::pipeline
