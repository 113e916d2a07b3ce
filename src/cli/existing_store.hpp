#pragma once
// Commands that read what imports wrote need a store to exist: say how to make one otherwise.
// (CommandContext does this for a command that declares StoreNeed::existing.)
#include "command_context.hpp"
#include "sonic/core/error.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {

inline store::Database open_existing_store(const Home& home) {
  require_store(home);
  return store::open_store(home.database);
}

}  // namespace sonic::cli
