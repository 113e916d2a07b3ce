// sonic import PATH...: Spotify's export files (zip, folder or JSON) into the store.
#include <cstdio>

#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/import_into_home.hpp"

namespace sonic::cli {
namespace {

struct ImportFlags {
  std::vector<std::string> paths;
  bool json = false;
  bool dry_run = false;
  bool keep_going = false;
};

// "importing 2/5 endsong_1.json", redrawn in place on stderr.
void draw_file_progress(const std::string& file, std::size_t index, std::size_t count) {
  std::fprintf(stderr, "\r\033[Kimporting %zu/%zu %s", index + 1, count,
               std::filesystem::path(file).filename().c_str());
  if (index + 1 == count) std::fputc('\n', stderr);
  std::fflush(stderr);
}

void run_import(const CommandContext& context, const ImportFlags& flags) {
  pipeline::ImportOptions options;
  options.dry_run = flags.dry_run;
  options.keep_going = flags.keep_going;
  options.session_gap_ms = context.session_gap_ms();
  if (context.progress_on_stderr()) options.on_file = draw_file_progress;
  const auto report = pipeline::import_into_home(
      context.home(), std::vector<std::filesystem::path>(flags.paths.begin(), flags.paths.end()), options);
  print_tally(report, context.quiet(), flags.json);
  report.throw_if_failed();
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
  add_json_flag(*command, flags->json);
  command->add_flag("--dry-run", flags->dry_run, "Read and match everything, write nothing");
  add_keep_going_flag(*command, flags->keep_going);
  // The store and the writer's lock are import_into_home's: a dry run may need neither.
  command->callback([&globals, flags] { run_import(CommandContext(globals), *flags); });
}

}  // namespace sonic::cli
