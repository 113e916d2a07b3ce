// sonic catalog trends: per year or decade, each feature's median and interquartile range.
#include "catalog_commands.hpp"
#include "command_context.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/catalog_lab.hpp"

namespace sonic::cli {
namespace {

struct CatalogTrendsFlags {
  std::string catalog;
  std::string by = "decade";
  catalog::TrendOptions options;
  bool json = false;
};

}  // namespace

void add_catalog_trends_command(CLI::App& catalog, GlobalOptions& globals) {
  auto flags = std::make_shared<CatalogTrendsFlags>();
  CLI::App* command = catalog.add_subcommand("trends", "How the catalog's sound changed: medians and IQR per period");
  add_catalog_name_option(*command, flags->catalog);
  command->add_option("--by", flags->by, "Periods: year or decade")
      ->check(CLI::IsMember({"year", "decade"}))
      ->capture_default_str();
  command->add_option("--features", flags->options.features, "Features to show (default: all thirteen)")
      ->delimiter(',');
  command->add_option("--min-tracks", flags->options.min_tracks, "Periods with fewer tracks are marked small")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    flags->options.by = flags->by == "year" ? catalog::TrendPeriod::year : catalog::TrendPeriod::decade;
    CommandContext context(globals, {.store = StoreNeed::existing,
                                     .missing_store_advice = "import a catalog first (`sonic catalog import`)"});
    print_result(pipeline::catalog_trends(context.db(), flags->catalog, flags->options), flags->json);
  });
}

}  // namespace sonic::cli
