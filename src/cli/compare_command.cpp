// sonic compare OTHER: how close your taste is to another person's, 0-100, and why.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/compare_taste.hpp"
#include "sonic/report/taste_text.hpp"
#include "taste_options.hpp"

namespace sonic::cli {
namespace {

struct CompareFlags {
  std::string other;
  bool json = false;
  DecayFlags decay;
};

}  // namespace

void set_compare_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<CompareFlags>();
  CLI::App* command = app.add_subcommand("compare", "How close your taste is to another person's (0-100)");
  command
      ->add_option("other", flags->other,
                   "A taste profile (.json from `sonic profile export`), another sonic home, or a Spotify export")
      ->required();
  add_decay_options(*command, flags->decay);
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
    const auto result = pipeline::compare_taste(context.db(), flags->other, context.zone(), flags->decay.options());
    flags->json ? print_json(taste::to_json(result)) : print_text(report::compare_text(result));
  });
}

}  // namespace sonic::cli
