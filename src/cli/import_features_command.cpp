// sonic import-features CATALOG.csv...: audio features from catalog CSVs, for the tracks of the
// history already in the store.
#include <cstdio>

#include "commands.hpp"
#include "output.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/import_features.hpp"
#include "sonic/store/schema.hpp"

namespace sonic::cli {
namespace {

struct ImportFeaturesFlags {
  std::vector<std::string> catalogs;
  bool json = false;
  bool overwrite = false;
  bool keep_going = false;
};

void run_import_features(const GlobalOptions& globals, const ImportFeaturesFlags& flags) {
  const Home home = start_command(globals);
  // Features are stored for tracks of the history only: without one there is nothing to match.
  if (!std::filesystem::exists(home.database)) {
    throw UsageError("no sonic store at " + home.database.string() +
                     ": import your Spotify history first (sonic import my_spotify_data.zip)");
  }
  pipeline::FeatureImportOptions options;
  options.replace_service_values = flags.overwrite;
  options.keep_going = flags.keep_going;
  store::Database db = store::open_store(home.database);
  const auto report = pipeline::import_features(
      db, std::vector<std::filesystem::path>(flags.catalogs.begin(), flags.catalogs.end()), options);
  if (!globals.quiet) std::fputs(report.to_text().c_str(), stderr);
  if (flags.json) print_json(report.to_json());
  if (!report.failures.empty()) {
    throw InputError(std::to_string(report.failures.size()) +
                     " file(s) could not be imported; first: " + report.failures.front().message);
  }
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
                   "CSV files with an id, track_id, uri or track_uri column and audio-feature "
                   "columns (danceability, energy, valence, tempo, ...)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_flag("--json", flags->json, "Print the tally as one JSON object on stdout");
  command->add_flag("--overwrite", flags->overwrite,
                    "Also replace features a service measured (ReccoBeats); an older catalog's "
                    "are always replaced");
  command->add_flag("--keep-going", flags->keep_going, "Import the other files when one is malformed (still exits 3)");
  command->callback([&globals, flags] { run_import_features(globals, *flags); });
}

}  // namespace sonic::cli
