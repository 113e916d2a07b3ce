// sonic cluster: the person's mood clusters (K-Means with automatic K) and readable labels.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/cluster_moods_format.hpp"

namespace sonic::cli {
namespace {

struct ClusterFlags {
  pipeline::ClusterRunOptions options;
  int k = 0;
  std::string impute = "none";
  bool json = false;
};

void run_cluster(CommandContext& context, ClusterFlags flags) {
  if (flags.k > 0) flags.options.fit.k = flags.k;
  flags.options.impute_artist = flags.impute == "artist";
  print_result(pipeline::cluster_moods(context.db(), context.home(), flags.options), flags.json);
}

}  // namespace

void set_cluster_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<ClusterFlags>();
  CLI::App* command = app.add_subcommand("cluster", "Find the mood clusters of your tracks (K-Means, automatic K)");
  command->add_option("--k", flags->k, "Use this many clusters instead of choosing K")->check(CLI::Range(2, 100));
  command->add_option("--k-min", flags->options.fit.k_min, "Smallest K tried")
      ->check(CLI::Range(2, 100))
      ->capture_default_str();
  command->add_option("--k-max", flags->options.fit.k_max, "Largest K tried (at most tracks / 10)")
      ->check(CLI::Range(2, 100))
      ->capture_default_str();
  command->add_option("--restarts", flags->options.fit.restarts, "Seeded k-means++ restarts per K")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  add_seed_option(*command, flags->options.fit.seed);
  add_threads_option(*command, flags->options.fit.threads);
  command
      ->add_option("--impute", flags->impute,
                   "Give tracks without audio features the mean of their artist's tracks (flagged imputed:artist)")
      ->check(CLI::IsMember({"none", "artist"}))
      ->capture_default_str();
  add_min_confidence_option(*command, flags->options.min_confidence);
  command->add_flag("--evaluate-propagation", flags->options.evaluate_propagation,
                    "Also hide the features of 20% of the tracks (five seeds) and score the propagated clusters "
                    "against theirs, beside the majority and artist-mean baselines");
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.lock = LockNeed::wait, .store = StoreNeed::existing});
    run_cluster(context, *flags);
  });
}

}  // namespace sonic::cli
