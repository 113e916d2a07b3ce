// sonic predict mood: every history track's mood, or one track's, or given feature values'.
#include "existing_store.hpp"
#include "model_commands.hpp"
#include "output.hpp"
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

template <typename Result>
void print(const Result& result, bool json) {
  if (json) {
    print_json(pipeline::to_json(result));
  } else {
    print_text(pipeline::to_text(result));
  }
}

void run_predict_mood(const GlobalOptions& globals, const PredictMoodFlags& flags) {
  const Home home = start_command(globals);
  if (!flags.track.empty() && !flags.features.empty()) throw UsageError("give --track or --features, not both");
  if (!flags.features.empty())
    return print(pipeline::predict_features_mood(home, parse_features(flags.features)), flags.json);
  if (!flags.track.empty()) {
    store::Database db = open_existing_store(home);
    return print(pipeline::predict_track_mood(db, home, flags.track), flags.json);
  }
  const auto lock = lock_home_waiting(home);
  store::Database db = open_existing_store(home);
  print(pipeline::predict_history_moods(db, home), flags.json);
}

}  // namespace

void add_predict_mood_command(CLI::App& predict, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<PredictMoodFlags>();
  CLI::App* command = predict.add_subcommand(std::string(kind.name), "Label your tracks with the mood classifier");
  command->add_option("--track", flags->track, "Only this track (Spotify ID or URI); nothing is stored");
  command->add_option("--features", flags->features, "Only these feature values, e.g. valence=0.4,energy=0.8,…")
      ->delimiter(',');
  command->add_flag("--json", flags->json, "Print one JSON object on stdout");
  command->callback([&globals, flags] { run_predict_mood(globals, *flags); });
}

}  // namespace sonic::cli
