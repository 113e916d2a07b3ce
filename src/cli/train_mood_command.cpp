// sonic train mood: the track mood classifier from a labelled CSV.
#include "command_context.hpp"
#include "mlp_options.hpp"
#include "model_commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/mood_classifier_format.hpp"

namespace sonic::cli {
namespace {

struct TrainMoodFlags {
  pipeline::TrainMoodOptions options;
  std::string labels;
  std::vector<std::string> features;
  bool json = false;
};

void run_train_mood(CommandContext& context, TrainMoodFlags flags) {
  flags.options.labels = flags.labels;
  if (!flags.features.empty()) flags.options.columns.features = flags.features;
  print_result(pipeline::train_mood(context.home(), flags.options), flags.json);
}

}  // namespace

void add_train_mood_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<TrainMoodFlags>();
  auto& mlp = flags->options.mlp;
  CLI::App* command = train.add_subcommand(std::string(kind.name), "Train the track mood classifier on a labelled CSV");
  command->add_option("--labels", flags->labels, "CSV of labelled tracks (e.g. data_moods.csv)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--label-column", flags->options.columns.label, "Column holding the mood")->capture_default_str();
  command->add_option("--features", flags->features, "Feature columns (default: the nine audio features)")
      ->delimiter(',');
  command->add_option("--folds", flags->options.folds, "Cross-validation folds (0: none)")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  add_mlp_options(command, mlp);
  command
      ->add_option("--ensemble", flags->options.members,
                   "Nets averaged (their class probabilities), each trained with its own seed")
      ->check(CLI::Range(1, mood::kMoodNetMostMembers))
      ->capture_default_str();
  command->add_option("--batch-size", mlp.batch_size, "Mini-batch size")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] {
    CommandContext context(globals, {.lock = LockNeed::wait});
    run_train_mood(context, *flags);
  });
}

}  // namespace sonic::cli
