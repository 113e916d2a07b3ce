// sonic backup FILE: a consistent copy of the store (safe while cron writes to it).
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/backup_store.hpp"

namespace sonic::cli {
namespace {

struct BackupFlags {
  std::string file;
  bool json = false;
};

}  // namespace

void set_backup_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<BackupFlags>();
  CLI::App* command =
      app.add_subcommand("backup", "Copy the store into one SQLite file (a consistent snapshot, even while cron runs)");
  command->add_option("file", flags->file, "The backup file to write (replaced if it exists)")->required();
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.store = StoreNeed::existing});
    print_result(pipeline::back_up(context.db(), flags->file), flags->json);
  });
}

}  // namespace sonic::cli
