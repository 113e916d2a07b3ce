// sonic catalog train hits: the hit model on audio only, judged on random and temporal splits.
#include "catalog_commands.hpp"
#include "command_context.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/catalog_hits.hpp"

namespace sonic::cli {
namespace {

struct CatalogTrainFlags {
  pipeline::CatalogHitsOptions options;
  std::optional<double> positive;
  std::optional<double> threshold;
  std::string by = "decade";
  bool json = false;
};

}  // namespace

void add_catalog_train_command(CLI::App& catalog, GlobalOptions& globals) {
  CLI::App* train = catalog.add_subcommand("train", "Train a model over a catalog");
  train->require_subcommand(1);
  auto flags = std::make_shared<CatalogTrainFlags>();
  CLI::App* command = train->add_subcommand("hits", "What separates hits from the rest: boosted trees on audio only");
  add_catalog_name_option(*command, flags->options.catalog);
  command->add_option("--label", flags->options.rule.column, "The label column (a kept numeric column)")
      ->capture_default_str();
  auto* positive = command->add_option("--positive", flags->positive, "A hit is a label equal to this (default 1)");
  command->add_option("--threshold", flags->threshold, "A hit is a label at least this (e.g. popularity 70)")
      ->excludes(positive);
  command
      ->add_option("--features", flags->options.inputs,
                   "Inputs (default: the eleven audio features, duration_ms and time_signature)")
      ->delimiter(',');
  command->add_option("--by", flags->by, "The temporal split's periods: year or decade")
      ->check(CLI::IsMember({"year", "decade"}))
      ->capture_default_str();
  add_seed_option(*command, flags->options.training.seed);
  add_threads_option(*command, flags->options.training.threads);
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    flags->options.rule.positive = flags->positive;
    flags->options.rule.threshold = flags->threshold;
    if (!flags->positive && !flags->threshold) flags->options.rule.positive = 1;
    flags->options.by_year = flags->by == "year";
    CommandContext context(globals, {.lock = LockNeed::wait,
                                     .store = StoreNeed::existing,
                                     .missing_store_advice = "import a catalog first (`sonic catalog import`)"});
    print_result(pipeline::train_catalog_hits(context.db(), context.home(), flags->options), flags->json);
  });
}

}  // namespace sonic::cli
