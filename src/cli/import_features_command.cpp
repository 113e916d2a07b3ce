// sonic import-features CATALOG.csv...: audio features from catalog CSVs, for the tracks of the
// history already in the store.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/import_features.hpp"

namespace sonic::cli {
namespace {

struct ImportFeaturesFlags {
  std::vector<std::string> catalogs;
  bool json = false;
  bool overwrite = false;
  bool keep_going = false;
  bool ids_only = false;
  std::string id_column;
};

void run_import_features(CommandContext& context, const ImportFeaturesFlags& flags) {
  pipeline::FeatureImportOptions options;
  options.replace_service_values = flags.overwrite;
  options.keep_going = flags.keep_going;
  options.id_column = flags.id_column;
  options.match_names = !flags.ids_only;
  const auto report = pipeline::import_features(
      context.db(), std::vector<std::filesystem::path>(flags.catalogs.begin(), flags.catalogs.end()), options);
  print_tally(report, context.quiet(), flags.json);
  report.throw_if_failed();
}

}  // namespace

void set_import_features_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<ImportFeaturesFlags>();
  CLI::App* command =
      app.add_subcommand("import-features",
                         "Import audio features from catalog CSVs keyed by Spotify track ID or URI, for the tracks "
                         "in your history");
  command
      ->add_option("catalogs", flags->catalogs,
                   "CSV files (comma, tab or semicolon separated) with a track ID or URI column "
                   "(id, track_id, uri, song_id, ..., or found by its content) and audio-feature "
                   "columns (danceability, energy, valence, tempo, ...)")
      ->required()
      ->check(CLI::ExistingFile);
  add_json_flag(*command, flags->json);
  command->add_flag("--overwrite", flags->overwrite,
                    "Also replace features a service measured (ReccoBeats); an older catalog's "
                    "are always replaced");
  add_keep_going_flag(*command, flags->keep_going);
  command->add_option("--id-column", flags->id_column,
                      "The column holding track IDs or URIs (default: found by name, else by content)");
  command->add_flag("--ids-only", flags->ids_only,
                    "Match rows by track ID only; by default a row whose ID is not in your history is "
                    "matched by artist and title to your tracks without features (stored as source "
                    "catalog_name:<file>, clustered with a lower confidence)");
  command->callback([&globals, flags] {
    // Features are stored for tracks of the history only: without one there is nothing to match.
    CommandContext context(globals,
                           {.store = StoreNeed::existing, .missing_store_advice = "import your Spotify history first"});
    run_import_features(context, *flags);
  });
}

}  // namespace sonic::cli
