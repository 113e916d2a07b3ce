// sonic train next-mood / sonic predict next-mood: the mood cluster of a session's next track.
#include "command_context.hpp"
#include "mlp_options.hpp"
#include "model_commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/core/error.hpp"
#include "sonic/pipeline/next_mood_format.hpp"

#include <filesystem>
#include <fstream>

namespace sonic::cli {
namespace {

struct NextMoodFlags {
  pipeline::TrainNextMoodOptions options;
  bool json = false;
};

void run_train(const GlobalOptions& globals, const NextMoodFlags& flags) {
  CommandContext context(globals, {.time_zone = true, .lock = LockNeed::wait, .store = StoreNeed::existing});
  print_result(pipeline::train_next_mood(context.db(), context.home(), context.zone(), flags.options), flags.json);
}

// The caller's session context (--session FILE), as `sonic serve` takes it in a row.
nlohmann::json read_session_context(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError("cannot read the session context " + file.string());
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(file.string() + " is not JSON (byte " + std::to_string(error.byte) + ")");
  }
}

void run_predict(const GlobalOptions& globals, bool json, const std::string& session_file) {
  CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
  const auto& zone = context.zone();
  const auto view = pipeline::read_next_mood_view(context.db());
  const auto given = session_file.empty()
                         ? std::vector<records::ClusteredListen>{}
                         : pipeline::next_mood_session_from_json(view, read_session_context(session_file));
  const auto prediction = pipeline::predict_next_mood(context.db(), context.home(), zone, view,
                                                      given.empty() ? pipeline::latest_session(view) : given);
  json ? print_json(pipeline::to_json(prediction, zone)) : print_text(pipeline::to_text(prediction, zone));
}

// The options both learners on the next-mood data share, then the learner's own.
CLI::App* add_train_next_mood(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals,
                              std::shared_ptr<NextMoodFlags> flags, const char* help) {
  CLI::App* command = train.add_subcommand(std::string(kind.name), help);
  add_window_days_option(command, "--next-mood-window", flags->options.window_days,
                         "Learn from the sessions of the last N days only (0: all history)", 0);
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] { run_train(globals, *flags); });
  return command;
}

}  // namespace

void add_train_next_mood_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<NextMoodFlags>();
  auto& mlp = flags->options.mlp;
  CLI::App* command =
      add_train_next_mood(train, kind, globals, flags, "Train the next-track mood model on your sessions");
  add_mlp_options(command, mlp);
  command->add_option("--patience", mlp.patience, "Stop after this many epochs without a better validation loss")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
}

void add_train_mood_gbdt_command(CLI::App& train, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<NextMoodFlags>();
  flags->options.learner = pipeline::NextMoodLearner::gbdt;
  auto& gbdt = flags->options.gbdt;
  CLI::App* command = add_train_next_mood(
      train, kind, globals, flags, "Train boosted trees on the next-track mood data, to compare with the mood net");
  command->add_option("--rounds", gbdt.num_rounds, "Most boosting rounds")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--max-depth", gbdt.max_depth, "Tree depth")->check(CLI::Range(1, 16))->capture_default_str();
  command->add_option("--eta", gbdt.learning_rate, "Learning rate")
      ->check(CLI::Range(1e-4, 1.0))
      ->capture_default_str();
  command
      ->add_option("--early-stopping", gbdt.early_stopping_rounds,
                   "Stop after this many rounds without a better validation loss")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  add_seed_option(*command, gbdt.seed);
  add_threads_option(*command, gbdt.num_threads);
}

void add_predict_next_mood_command(CLI::App& predict, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto json = std::make_shared<bool>(false);
  auto session_file = std::make_shared<std::string>();
  CLI::App* command = predict.add_subcommand(std::string(kind.name), "The next track's mood in your latest session");
  command->add_option("--session", *session_file,
                      "Predict for this session instead of the latest stored one: a JSON file "
                      "{\"listens\":[{\"at\":\"2025-03-01T08:00:00Z\",\"cluster\":2}, …]} (see README)");
  add_json_flag(*command, *json);
  command->callback([&globals, json, session_file] { run_predict(globals, *json, *session_file); });
}

}  // namespace sonic::cli
