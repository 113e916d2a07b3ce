// sonic enrich: audio features (ReccoBeats) and top tags (Last.fm) for the stored history.
#include "command_context.hpp"
#include "commands.hpp"
#include "enrich_options.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/enrich.hpp"

namespace sonic::cli {
namespace {

struct EnrichCommandFlags {
  std::size_t limit = 0;  // 0: no limit
  bool json = false;
  EnrichFlags enrich;
};

void run_enrich(CommandContext& context, const EnrichCommandFlags& flags) {
  pipeline::EnrichOptions options = to_enrich_options(flags.enrich);
  if (flags.limit > 0) options.limit = flags.limit;
  ProgressBar bar;
  if (context.progress_on_stderr()) {
    options.on_progress = [&bar](const pipeline::EnrichProgress& progress) { bar.draw(progress); };
  }
  const auto report = pipeline::enrich_history(context.db(), options);
  bar.finish();
  print_tally(report, context.quiet(), flags.json);
  report.throw_if_failed();
}

}  // namespace

void set_enrich_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<EnrichCommandFlags>();
  CLI::App* command = app.add_subcommand("enrich",
                                         "Audio features (ReccoBeats) and tags (Last.fm, with LASTFM_API_KEY) for the "
                                         "stored history, most recent listening first; resumable");
  command->add_option("--limit", flags->limit, "Enrich at most N tracks in this run")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  add_json_flag(*command, flags->json);
  add_enrich_options(*command, flags->enrich);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.store = StoreNeed::existing});
    run_enrich(context, *flags);
  });
}

}  // namespace sonic::cli
