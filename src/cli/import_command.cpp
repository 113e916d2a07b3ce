// sonic import PATH...: Spotify's export files (zip, folder or JSON) into the store.
#include <unistd.h>

#include <cstdio>
#include <optional>

#include "commands.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct ImportFlags {
  std::vector<std::string> paths;
  bool json = false;
  bool dry_run = false;
  bool keep_going = false;
};

void remove_store_if_empty(const std::filesystem::path& database) {
  bool empty = false;
  {
    store::Database db = store::Database::open(database);
    empty = db.scalar("SELECT count(*) FROM import_runs") == 0;
  }
  if (!empty) return;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;
    std::filesystem::remove(database.string() + suffix, ignored);
  }
}

void run_import(const GlobalOptions& globals, const ImportFlags& flags) {
  const Home home = start_command(globals);
  std::vector<std::filesystem::path> paths(flags.paths.begin(), flags.paths.end());
  pipeline::ImportOptions options;
  options.dry_run = flags.dry_run;
  options.keep_going = flags.keep_going;
  options.session_gap_ms = session_gap_ms(globals);
  if (isatty(STDERR_FILENO) && !globals.quiet) {
    options.on_file = [](const std::string& file, std::size_t index, std::size_t count) {
      std::fprintf(stderr, "\r\033[Kimporting %zu/%zu %s", index + 1, count,
                   std::filesystem::path(file).filename().c_str());
      if (index + 1 == count) std::fputc('\n', stderr);
      std::fflush(stderr);
    };
  }

  // A dry run against a store that does not exist yet must not create one; neither may an
  // import that fails before its first file lands.
  const bool existed = std::filesystem::exists(home.database);
  const bool use_memory = flags.dry_run && !existed;
  std::optional<RunLock> lock;
  if (!use_memory) lock.emplace(lock_home_waiting(home));
  pipeline::ImportReport report;
  try {
    store::Database db = use_memory ? store::Database::in_memory() : store::open_store(home.database);
    if (use_memory) store::migrate(db);
    report = pipeline::import_history(db, paths, options);
  } catch (const Error&) {
    if (!existed) remove_store_if_empty(home.database);
    throw;
  }
  if (!globals.quiet) std::fputs(report.to_text().c_str(), stderr);
  if (flags.json) print_json(report.to_json());
  if (!report.failures.empty()) {
    throw InputError(std::to_string(report.failures.size()) +
                     " file(s) could not be imported; first: " + report.failures.front().message);
  }
}

}  // namespace

void set_import_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* command =
      app.add_subcommand("import", "Import Spotify's export files: the zip as delivered, a folder, or JSON files");
  command
      ->add_option("paths", flags->paths,
                   "my_spotify_data.zip, a folder, Streaming_History_Audio_*.json, "
                   "StreamingHistory*.json or saved recently-played responses")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_flag("--json", flags->json, "Print the tally as one JSON object on stdout");
  command->add_flag("--dry-run", flags->dry_run, "Read and match everything, write nothing");
  command->add_flag("--keep-going", flags->keep_going, "Import the other files when one is malformed (still exits 3)");
  command->callback([&globals, flags] { run_import(globals, *flags); });
}

}  // namespace sonic::cli
