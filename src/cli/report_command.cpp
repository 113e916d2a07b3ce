// sonic report: the dashboard for a period, in the terminal, as JSON, HTML or Markdown.
#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "sonic/pipeline/report.hpp"

namespace sonic::cli {
namespace {

struct ReportFlags {
  std::string format = "terminal";
  bool json = false;
  std::string out;
  std::string period = "all";
  std::optional<int> year;
  int top = 10;
  std::string compare;
};

void run_report(CommandContext& context, const ReportFlags& flags) {
  pipeline::ReportRequest request;
  request.format = flags.json ? pipeline::ReportFormat::json : pipeline::parse_report_format(flags.format);
  request.out = flags.out;
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
  command
      ->add_option("--format", flags->format,
                   "terminal, json, html or md. html and md are written to a file (--out, else "
                   "<home>/reports/report-<date>-<period>.<ext>) whose path is printed on stdout")
      ->check(CLI::IsMember({"terminal", "json", "html", "md"}))
      ->capture_default_str();
  command->add_flag("--json", flags->json, "The same as --format json: one JSON object on stdout");
  command->add_option("--out", flags->out, "Write the report to this file (atomically) and print its path");
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
