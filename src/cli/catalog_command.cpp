// sonic catalog …: the catalog lab, over whole track catalogs apart from the history. The parent
// of one small file per subcommand (catalog_*_command.cpp).
#include "catalog_commands.hpp"
#include "commands.hpp"

namespace sonic::cli {

void set_catalog_command(CLI::App& app, GlobalOptions& globals) {
  CLI::App* catalog = app.add_subcommand(
      "catalog", "The catalog lab: audio trends across decades, clusters of sound and what makes a hit");
  catalog->require_subcommand(1);
  add_catalog_import_command(*catalog, globals);
  add_catalog_trends_command(*catalog, globals);
  add_catalog_clusters_command(*catalog, globals);
  add_catalog_train_command(*catalog, globals);
  add_catalog_explain_command(*catalog, globals);
  add_catalog_report_command(*catalog, globals);
}

}  // namespace sonic::cli
