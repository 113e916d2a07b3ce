// sonic catalog report: the catalog lab in one report (trends, distributions, clusters, the hit
// model), in the terminal, as JSON, Markdown or one self-contained HTML page.
#include "catalog_commands.hpp"
#include "command_context.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/catalog_report.hpp"

namespace sonic::cli {
namespace {

struct CatalogReportFlags {
  std::string catalog;
  ReportOutputFlags output;
  std::uint64_t seed = 42;
};

}  // namespace

void add_catalog_report_command(CLI::App& catalog, GlobalOptions& globals) {
  auto flags = std::make_shared<CatalogReportFlags>();
  CLI::App* command = catalog.add_subcommand(
      "report", "The catalog in one report: trends, distributions, clusters of sound and what makes a hit");
  add_catalog_name_option(*command, flags->catalog);
  add_report_output_options(*command, flags->output, "<home>/reports/catalog-<name>-<date>.<ext>");
  add_seed_option(*command, flags->seed);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.store = StoreNeed::existing,
                                     .missing_store_advice = "import a catalog first (`sonic catalog import`)"});
    pipeline::CatalogReportRequest request;
    request.options.catalog = flags->catalog;
    request.options.seed = flags->seed;
    request.format =
        flags->output.json ? pipeline::ReportFormat::json : pipeline::parse_report_format(flags->output.format);
    request.out = flags->output.out;
    print_text(pipeline::make_catalog_report(context.db(), context.home(), request));
  });
}

}  // namespace sonic::cli
