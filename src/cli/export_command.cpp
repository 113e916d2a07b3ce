// sonic export --format jsonl|csv|listenbrainz [--out FILE]: every play, in a documented schema.
#include <iostream>

#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/export_history.hpp"

namespace sonic::cli {
namespace {

struct ExportFlags {
  std::string format = "jsonl";
  std::string out;
  bool json = false;
};

void run_export(CommandContext& context, const ExportFlags& flags) {
  const auto format = pipeline::export_format_named(flags.format);
  if (!format) throw UsageError("--format must be jsonl, csv or listenbrainz");
  if (flags.out.empty()) {
    // stdout carries the export itself: the summary goes to stderr.
    if (flags.json) throw UsageError("--json needs --out FILE: without it stdout carries the export");
    std::ios::sync_with_stdio(false);
    const auto result = pipeline::export_history(context.db(), context.zone(), *format, std::cout);
    if (!context.quiet()) std::cerr << pipeline::to_text(result);
    return;
  }
  print_result(pipeline::export_history_to_file(context.db(), context.zone(), *format, flags.out), flags.json);
}

}  // namespace

void set_export_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* command = app.add_subcommand("export", "Write every stored play as JSON Lines, CSV or ListenBrainz JSON");
  command->add_option("--format", flags->format, "jsonl, csv or listenbrainz")
      ->check(CLI::IsMember({"jsonl", "csv", "listenbrainz"}))
      ->capture_default_str();
  command->add_option("--out", flags->out, "Write into FILE (complete or not at all) instead of stdout");
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
    run_export(context, *flags);
  });
}

}  // namespace sonic::cli
