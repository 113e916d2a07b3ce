// sonic report in every format, on a real imported history and on the demo's simulated year.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "sonic/report/text_cell.hpp"
#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

std::vector<std::string> with_home(const TempDir& home, std::vector<std::string> args) {
  args.insert(args.begin(), {"--home", home.path().string(), "--tz", "Europe/Berlin"});
  return args;
}

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

// Every format a person can ask for, checked for what each promises.
void expect_every_format_works(const std::function<RunResult(std::vector<std::string>)>& sonic,
                               const std::filesystem::path& reports_dir, const TempDir& scratch) {
  const auto terminal = sonic({"report"});
  ASSERT_EQ(terminal.exit_code, 0) << terminal.err;
  EXPECT_EQ(terminal.out.find('\x1b'), std::string::npos) << "stdout is a pipe: no colour";
  std::istringstream lines(terminal.out);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(report::display_width(line), 80) << line;
  EXPECT_NE(terminal.out.find(" listens · "), std::string::npos) << terminal.out;

  const auto json = sonic({"report", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto dashboard = nlohmann::json::parse(json.out);
  EXPECT_EQ(dashboard["format"], "sonic.dashboard/1");
  EXPECT_GT(dashboard["overview"]["listens"].get<int>(), 0);
  EXPECT_EQ(nlohmann::json::parse(sonic({"report", "--json"}).out)["overview"], dashboard["overview"]);

  const auto html_path = scratch / "out" / "report.html";
  const auto html = sonic({"report", "--format", "html", "--out", html_path.string()});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(html.out, html_path.string() + "\n");
  const std::string page = read_file(html_path);
  EXPECT_NE(page.find("<svg class=\"chart\""), std::string::npos);
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);

  const auto md = sonic({"report", "--format", "md", "--period", "30"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  const std::filesystem::path md_path = last_line(md.out);
  EXPECT_EQ(md_path.parent_path(), reports_dir);
  EXPECT_EQ(md_path.extension(), ".md");
  EXPECT_NE(md_path.filename().string().find("-last30.md"), std::string::npos);
  EXPECT_NE(read_file(md_path).find("# sonic report: last 30 days"), std::string::npos);

  const auto last7 = nlohmann::json::parse(sonic({"report", "--json", "--period", "7"}).out);
  EXPECT_LE(last7["overview"]["listens"].get<int>(), dashboard["overview"]["listens"].get<int>());
  const int year = std::stoi(dashboard["overview"]["to"].get<std::string>().substr(0, 4));
  const auto in_review = sonic({"report", "--json", "--year", std::to_string(year)});
  ASSERT_EQ(in_review.exit_code, 0) << in_review.err;
  EXPECT_EQ(nlohmann::json::parse(in_review.out)["period"]["year"], year);
}

TEST(ReportE2e, EveryFormatOnARealHistoryLeavesTheStoreAlone) {
  SONIC_SHARED_DATA_OR_SKIP(zip, "histories/zip/my_spotify_data.zip");
  TempDir home, scratch;
  ASSERT_EQ(run_sonic(with_home(home, {"import", zip.string()})).exit_code, 0);
  const auto before = store_fingerprint(home / "sonic.db");
  expect_every_format_works([&](std::vector<std::string> args) { return run_sonic(with_home(home, args)); },
                            home / "reports", scratch);
  EXPECT_EQ(store_fingerprint(home / "sonic.db"), before);
}

TEST(ReportE2e, EveryFormatOnTheDemoWithItsMoods) {
  TempDir folder, scratch;
  ASSERT_EQ(run_sonic({"demo", "--out", folder.path().string(), "--days", "60", "--import-only"}).exit_code, 0);
  const auto demo_home = folder / "home";
  const auto sonic = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", demo_home.string(), "--tz", "Etc/GMT-1"});
    return run_sonic(args);
  };
  ASSERT_EQ(sonic({"cluster"}).exit_code, 0);
  const auto labels = shared_dir() / "data" / "moods" / "data_moods.csv";
  const bool with_classifier = !shared_dir().empty() && std::filesystem::exists(labels);
  if (with_classifier) {
    ASSERT_EQ(sonic({"train", "mood", "--labels", labels.string(), "--folds", "0"}).exit_code, 0);
    ASSERT_EQ(sonic({"predict", "mood"}).exit_code, 0);
  }
  expect_every_format_works(sonic, demo_home / "reports", scratch);

  const auto dashboard = nlohmann::json::parse(sonic({"report", "--json"}).out);
  EXPECT_FALSE(dashboard["clusters"]["items"].empty());
  EXPECT_FALSE(dashboard["mood_over_time"]["clusters"].empty());
  EXPECT_EQ(dashboard["models"][0]["experiment"], with_classifier ? "mood" : "mood-clusters");
  if (with_classifier) {
    EXPECT_FALSE(dashboard["mood_over_time"]["moods"].empty());
  }
  const auto page = read_file(last_line(sonic({"report", "--format", "html"}).out));
  // heatmap, moods and clusters over time, the scatter (no session forecast yet)
  EXPECT_EQ(count_of(page, "<svg class=\"chart\""), with_classifier ? 4u : 3u);
}

TEST(ReportE2e, BadFlagsAreUsageErrors) {
  TempDir home;
  EXPECT_EQ(run_sonic(with_home(home, {"report", "--format", "pdf"})).exit_code, 2);
  EXPECT_EQ(run_sonic(with_home(home, {"report", "--period", "14"})).exit_code, 2);
  EXPECT_EQ(run_sonic(with_home(home, {"report", "--period", "30", "--year", "2024"})).exit_code, 2);
  EXPECT_EQ(run_sonic(with_home(home, {"report", "--year", "24"})).exit_code, 2);
  const auto no_store = run_sonic(with_home(home, {"report"}));
  EXPECT_EQ(no_store.exit_code, 2);
  EXPECT_NE(no_store.err.find("sonic import"), std::string::npos) << no_store.err;
  EXPECT_FALSE(std::filesystem::exists(home / "sonic.db"));
}

}  // namespace
}  // namespace sonic::testing
