// sonic cluster: the person's mood clusters (K-Means with automatic K) and readable labels.
#include "commands.hpp"
#include "existing_store.hpp"
#include "output.hpp"
#include "sonic/pipeline/cluster_moods.hpp"

namespace sonic::cli {
namespace {

struct ClusterFlags {
  pipeline::ClusterRunOptions options;
  int k = 0;
  std::string impute = "none";
  bool json = false;
};

void run_cluster(const GlobalOptions& globals, ClusterFlags flags) {
  const Home home = start_command(globals);
  if (flags.k > 0) flags.options.fit.k = flags.k;
  flags.options.impute_artist = flags.impute == "artist";
  const auto lock = lock_home_waiting(home);
  store::Database db = open_existing_store(home);
  const auto report = pipeline::cluster_moods(db, home, flags.options);
  if (flags.json) {
    print_json(pipeline::to_json(report));
  } else {
    print_text(pipeline::to_text(report));
  }
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
  command->add_option("--seed", flags->options.fit.seed, "Seed of every random choice")->capture_default_str();
  command->add_option("--threads", flags->options.fit.threads, "Threads (0: all cores; the result is the same)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  command
      ->add_option("--impute", flags->impute,
                   "Give tracks without audio features the mean of their artist's tracks (flagged imputed:artist)")
      ->check(CLI::IsMember({"none", "artist"}))
      ->capture_default_str();
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->callback([&globals, flags] { run_cluster(globals, *flags); });
}

}  // namespace sonic::cli
