// sonic catalog import FILE.csv...: track catalogs into a catalog of their own.
#include "catalog_commands.hpp"
#include "command_context.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/catalog_import.hpp"

namespace sonic::cli {
namespace {

struct CatalogImportFlags {
  std::vector<std::string> files;
  pipeline::CatalogImportOptions options;
  bool json = false;
};

}  // namespace

void add_catalog_import_command(CLI::App& catalog, GlobalOptions& globals) {
  auto flags = std::make_shared<CatalogImportFlags>();
  CLI::App* command = catalog.add_subcommand(
      "import", "Import track catalogs (CSV, TSV or semicolon-separated) with Spotify IDs and audio features");
  command->add_option("files", flags->files, "Catalog files; comma, tab or semicolon separated (detected)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--name", flags->options.name,
                      "The catalog's name; a re-import under it replaces it (default: the first file's folder)");
  command->add_option("--id-column", flags->options.id_column,
                      "The column holding track IDs or URIs (default: found by name, else by content)");
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.lock = LockNeed::wait, .store = StoreNeed::created});
    print_result(
        pipeline::import_catalog(
            context.db(), std::vector<std::filesystem::path>(flags->files.begin(), flags->files.end()), flags->options),
        flags->json);
  });
}

}  // namespace sonic::cli
