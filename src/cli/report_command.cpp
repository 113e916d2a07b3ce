// sonic report: the dashboard for a period, in the terminal, as JSON, HTML or Markdown.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/report.hpp"

namespace sonic::cli {
namespace {

struct ReportFlags {
  ReportOutputFlags output;
  std::string period = "all";
  std::optional<int> year;
  int top = 10;
  std::string compare;
};

void run_report(CommandContext& context, const ReportFlags& flags) {
  pipeline::ReportRequest request;
  request.format =
      flags.output.json ? pipeline::ReportFormat::json : pipeline::parse_report_format(flags.output.format);
  request.out = flags.output.out;
  request.period = flags.period;
  request.year = flags.year;
  request.top = flags.top;
  request.colour = colour_on_stdout();
  if (!flags.compare.empty()) request.compare_with = flags.compare;
  print_text(pipeline::make_report(context.db(), context.home(), context.zone(), request).stdout_text);
}

}  // namespace

void set_report_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* command =
      app.add_subcommand("report", "Your listening as a report: terminal, JSON (the dashboard), HTML or Markdown");
  add_report_output_options(*command, flags->output, "<home>/reports/report-<date>-<period>.<ext>");
  auto* period =
      command->add_option("--period", flags->period, "The last 7, 30 or 365 days before the newest listen, or all")
          ->check(CLI::IsMember({"7", "30", "365", "all"}))
          ->capture_default_str();
  command->add_option("--year", flags->year, "A year in review: that local calendar year")
      ->check(CLI::Range(1970, 9999))
      ->excludes(period);
  command->add_option("--compare", flags->compare,
                      "Add a compatibility section (HTML; `comparison` in JSON) against OTHER, as `sonic compare` "
                      "takes it: a profile file, another home, or an export");
  command->add_option("--top", flags->top, "How many top artists and tracks")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  command->callback([&globals, flags] {
    CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
    run_report(context, *flags);
  });
}

}  // namespace sonic::cli
