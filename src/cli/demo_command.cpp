// sonic demo: sonic's whole job on a simulated listener, no Spotify account needed.
#include <cstdio>

#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/demo.hpp"

namespace sonic::cli {
namespace {

struct DemoFlags {
  std::string out;
  std::uint64_t seed = 42;
  int days = 365;
  bool import_only = false;
  bool json = false;
};

void run_demo(const CommandContext& context, const DemoFlags& flags) {
  pipeline::DemoOptions options;
  options.folder = flags.out;
  options.seed = flags.seed;
  options.days = flags.days;
  options.models = !flags.import_only;
  options.colour = !flags.json && colour_on_stdout();
  const auto shown = pipeline::show_demo(options, context.globals().timezone);
  if (flags.json) return print_json(shown.json);
  if (!context.quiet()) std::fputs(shown.tallies.c_str(), stderr);
  print_text(shown.text);
}

}  // namespace

void set_demo_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* command =
      app.add_subcommand("demo", "Simulate a listener's year, import it like a real export, and show what sonic sees");
  command->add_option("--out", flags->out, "Folder for the demo's files (default: a new temporary folder)");
  add_seed_option(*command, flags->seed);
  command->add_option("--days", flags->days, "Days of listening to simulate")
      ->check(CLI::Range(1, 3660))
      ->capture_default_str();
  command->add_flag("--import-only", flags->import_only, "Only simulate and import (no models, no report)");
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] { run_demo(CommandContext(globals), *flags); });
}

}  // namespace sonic::cli
