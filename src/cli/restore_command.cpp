// sonic restore FILE: the store's content replaced by a backup's, after checking the file.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/backup_store.hpp"

namespace sonic::cli {
namespace {

struct RestoreFlags {
  std::string file;
  bool json = false;
};

}  // namespace

void set_restore_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<RestoreFlags>();
  CLI::App* command = app.add_subcommand(
      "restore",
      "Replace the store with a backup (checked first: integrity, and no newer schema than this sonic's); the "
      "current content is kept in <store>.before-restore");
  command->add_option("file", flags->file, "A file written by sonic backup")->required();
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.lock = LockNeed::wait, .store = StoreNeed::created});
    print_result(pipeline::restore(context.db(), flags->file), flags->json);
  });
}

}  // namespace sonic::cli
