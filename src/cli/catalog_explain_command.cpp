// sonic catalog explain TRACK_ID | --features k=v,...: the hit probability and why, in words.
#include "catalog_commands.hpp"
#include "command_context.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/catalog_hits.hpp"

namespace sonic::cli {
namespace {

struct CatalogExplainFlags {
  std::string track_id;
  std::string features;
  bool json = false;
};

}  // namespace

void add_catalog_explain_command(CLI::App& catalog, GlobalOptions& globals) {
  auto flags = std::make_shared<CatalogExplainFlags>();
  CLI::App* command =
      catalog.add_subcommand("explain", "A track's hit probability with each input's SHAP contribution");
  command->add_option("track", flags->track_id, "A track ID of the model's catalog");
  command->add_option("--features", flags->features, "Inputs as name=value,... (the others count as missing)");
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    if (flags->track_id.empty() == flags->features.empty()) {
      throw UsageError("sonic catalog explain takes a track ID or --features name=value,..., one of them");
    }
    pipeline::CatalogExplainRequest request;
    request.track_id = flags->track_id;
    if (!flags->features.empty()) request.features = pipeline::parse_feature_values(flags->features);
    CommandContext context(globals, {.store = StoreNeed::existing,
                                     .missing_store_advice = "import a catalog first (`sonic catalog import`)"});
    print_result(pipeline::explain_catalog_hit(context.db(), context.home(), request), flags->json);
  });
}

}  // namespace sonic::cli
