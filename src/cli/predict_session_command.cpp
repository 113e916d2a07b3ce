// sonic predict session: the chance of a session start in each coming local hour, and why.
#include "command_context.hpp"
#include "model_commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/pipeline/predict_session.hpp"
#include "sonic/report/session_report.hpp"

namespace sonic::cli {
namespace {

struct PredictSessionFlags {
  int hours = 24;
  std::string at;
  bool json = false;
};

void run_predict_session(const GlobalOptions& globals, const PredictSessionFlags& flags) {
  pipeline::PredictSessionOptions options;
  options.forecast.hours = flags.hours;
  if (!flags.at.empty()) {
    options.at_ms = parse_iso8601_utc(flags.at);
    if (!options.at_ms) throw UsageError("--at: '" + flags.at + "' is not a UTC time like 2025-03-01T08:00:00Z");
  }
  CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
  const auto prediction = pipeline::predict_session(context.db(), context.home(), context.zone(), options);
  print_result(
      report::SessionForecastReport{prediction.hours, prediction.model_id, prediction.time_zone, prediction.from_ms},
      flags.json);
}

}  // namespace

void add_predict_session_command(CLI::App& predict, const tracking::ModelKind& kind, GlobalOptions& globals) {
  auto flags = std::make_shared<PredictSessionFlags>();
  CLI::App* command = predict.add_subcommand(std::string(kind.name),
                                             "The chance that you start listening in each coming local hour, and why");
  command->add_option("--hours", flags->hours, "How many coming local hours")
      ->check(CLI::Range(1, 24 * 14))
      ->capture_default_str();
  command->add_option("--at", flags->at, "Forecast as if it were this UTC time (ISO 8601), e.g. 2025-03-01T08:00:00Z");
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] { run_predict_session(globals, *flags); });
}

}  // namespace sonic::cli
