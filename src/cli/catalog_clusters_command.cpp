// sonic catalog clusters: K-Means over the catalog's tracks, K and labels as the mood clusters'.
#include "catalog_commands.hpp"
#include "command_context.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/catalog_lab.hpp"

namespace sonic::cli {
namespace {

struct CatalogClustersFlags {
  std::string catalog;
  std::optional<int> k;
  pipeline::CatalogClusterOptions options;
  bool json = false;
};

}  // namespace

void add_catalog_clusters_command(CLI::App& catalog, GlobalOptions& globals) {
  auto flags = std::make_shared<CatalogClustersFlags>();
  CLI::App* command =
      catalog.add_subcommand("clusters", "Clusters of sound in the catalog (K chosen by silhouette, labelled)");
  add_catalog_name_option(*command, flags->catalog);
  command->add_option("--k", flags->k, "Force this many clusters")->check(CLI::Range(2, 30));
  command
      ->add_option("--sample", flags->options.sample,
                   "Fit on a seeded sample of this many tracks (0: all; a 1.2M-track catalog takes minutes)")
      ->capture_default_str();
  add_seed_option(*command, flags->options.seed);
  add_threads_option(*command, flags->options.threads);
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    flags->options.k = flags->k;
    CommandContext context(globals, {.store = StoreNeed::existing,
                                     .missing_store_advice = "import a catalog first (`sonic catalog import`)"});
    print_result(pipeline::catalog_clusters(context.db(), flags->catalog, flags->options), flags->json);
  });
}

}  // namespace sonic::cli
