// sonic predict mood: every history track's mood, or one track's, or given feature values'.
#include "command_context.hpp"
#include "model_commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/mood_classifier.hpp"

#include <charconv>

namespace sonic::cli {
namespace {

struct PredictMoodFlags {
  std::string track;
  std::vector<std::string> features;
  bool json = false;
};

// "valence=0.4" → {"valence", 0.4}
std::map<std::string, double> parse_features(const std::vector<std::string>& items) {
  std::map<std::string, double> features;
  for (const auto& item : items) {
    const auto equals = item.find('=');
    double value = 0;
    const char* begin = item.data() + (equals == std::string::npos ? 0 : equals + 1);
    const auto [end, error] = std::from_chars(begin, item.data() + item.size(), value);
    if (equals == std::string::npos || equals == 0 || error != std::errc() || end != item.data() + item.size()) {
      throw UsageError("--features: '" + item + "' is not name=number");
    }
    features[item.substr(0, equals)] = value;
  }
  return features;
}

void run_predict_mood(const GlobalOptions& globals, const PredictMoodFlags& flags) {
  if (!flags.track.empty() && !flags.features.empty()) throw UsageError("give --track or --features, not both");
  if (!flags.features.empty()) {
    const CommandContext context(globals);
    return print_result(pipeline::predict_features_mood(context.home(), parse_features(flags.features)), flags.json);
  }
  if (!flags.track.empty()) {
    CommandContext context(globals, {.store = StoreNeed::existing});
    return print_result(pipeline::predict_track_mood(context.db(), context.home(), flags.track), flags.json);
  }
  CommandContext context(globals, {.lock = LockNeed::wait, .store = StoreNeed::existing});
  print_result(pipeline::predict_history_moods(context.db(), context.home()), flags.json);
}

}  // namespace

void add_predict_mood_command(CLI::App& predict, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<PredictMoodFlags>();
  CLI::App* command = predict.add_subcommand(std::string(kind.name), "Label your tracks with the mood classifier");
  command->add_option("--track", flags->track, "Only this track (Spotify ID or URI); nothing is stored");
  command->add_option("--features", flags->features, "Only these feature values, e.g. valence=0.4,energy=0.8,…")
      ->delimiter(',');
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] { run_predict_mood(globals, *flags); });
}

}  // namespace sonic::cli
