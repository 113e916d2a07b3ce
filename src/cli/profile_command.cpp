// sonic profile export|import: the shareable taste profile (shares only, no listen).
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/taste_profile_file.hpp"
#include "sonic/report/taste_text.hpp"
#include "taste_options.hpp"

namespace sonic::cli {
namespace {

struct ProfileFlags {
  std::string out;
  std::string file;
  bool json = false;
  DecayFlags decay;
};

}  // namespace

void set_profile_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<ProfileFlags>();
  CLI::App* command = app.add_subcommand("profile", "Your taste profile as a file to share, or a friend's to keep");
  command->require_subcommand(1);

  CLI::App* exporter = command->add_subcommand("export", "Write your taste profile (format sonic.taste-profile)");
  exporter->add_option("--out", flags->out, "The file to write (.json)")->required();
  add_decay_options(*exporter, flags->decay);
  add_json_flag(*exporter, flags->json);
  exporter->callback([&globals, flags] {
    CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
    const auto profile =
        pipeline::export_taste_profile(context.db(), context.zone(), flags->decay.options(), flags->out);
    flags->json ? print_json(taste::to_json(profile)) : print_text(report::profile_text(profile, flags->out));
  });

  CLI::App* importer = command->add_subcommand("import", "Check a taste profile file and keep it in <home>/profiles");
  importer->add_option("file", flags->file, "The profile file")->required();
  add_json_flag(*importer, flags->json);
  importer->callback([&globals, flags] {
    CommandContext context(globals, {});
    const auto imported = pipeline::import_taste_profile(context.home(), flags->file);
    flags->json ? print_json({{"stored_at", imported.stored_at.string()}, {"listens", imported.profile.listens}})
                : print_text("Taste profile kept as " + imported.stored_at.string() + " (" +
                             std::to_string(imported.profile.listens) + " listens); compare with: sonic compare " +
                             imported.stored_at.string() + "\n");
  });
}

}  // namespace sonic::cli
