#include "sonic/pipeline/report.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/store/schema.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

TEST(ReportFormat, ParsesTheFourNames) {
  EXPECT_EQ(parse_report_format("terminal"), ReportFormat::terminal);
  EXPECT_EQ(parse_report_format("json"), ReportFormat::json);
  EXPECT_EQ(parse_report_format("html"), ReportFormat::html);
  EXPECT_EQ(parse_report_format("md"), ReportFormat::markdown);
  EXPECT_THROW(parse_report_format("pdf"), UsageError);
}

TEST(ReportName, LocalDateAndPeriod) {
  // 23:30 UTC on 31 December is already New Year's Day in Berlin.
  const auto now = *parse_iso8601_utc("2024-12-31T23:30:00Z");
  EXPECT_EQ(default_report_name(TimeZone::named("Europe/Berlin"), now, "last30", ReportFormat::html),
            "report-2025-01-01-last30.html");
  EXPECT_EQ(default_report_name(TimeZone::named("UTC"), now, "2024", ReportFormat::markdown),
            "report-2024-12-31-2024.md");
}

class MakeReportTest : public ::testing::Test {
 protected:
  MakeReportTest() : home_{.dir = dir_.path(), .database = dir_ / "sonic.db"}, db_(store::open_store(home_.database)) {}
  testing::TempDir dir_;
  Home home_;
  store::Database db_;
  TimeZone utc_ = TimeZone::named("UTC");
};

TEST_F(MakeReportTest, HtmlGoesToTheReportsFolderAndStdoutGetsThePath) {
  ReportRequest request;
  request.format = ReportFormat::html;
  request.now_ms = *parse_iso8601_utc("2024-06-01T10:00:00Z");
  const auto result = make_report(db_, home_, utc_, request);
  const auto expected = home_.reports() / "report-2024-06-01-all.html";
  ASSERT_TRUE(result.written);
  EXPECT_EQ(*result.written, expected);
  EXPECT_EQ(result.stdout_text, expected.string() + "\n");
  EXPECT_NE(testing::read_file(expected).find("not available yet"), std::string::npos);
}

TEST_F(MakeReportTest, TerminalAndJsonGoToStdoutUnlessOutIsGiven) {
  ReportRequest request;
  request.format = ReportFormat::json;
  auto result = make_report(db_, home_, utc_, request);
  EXPECT_FALSE(result.written);
  EXPECT_EQ(nlohmann::json::parse(result.stdout_text)["overview"]["listens"], 0);
  request.out = dir_ / "nested" / "dashboard.json";
  result = make_report(db_, home_, utc_, request);
  EXPECT_EQ(nlohmann::json::parse(testing::read_file(request.out)), result.dashboard);
  request.format = ReportFormat::terminal;
  request.colour = true;
  request.out = dir_ / "report.txt";
  make_report(db_, home_, utc_, request);
  EXPECT_EQ(testing::read_file(request.out).find('\x1b'), std::string::npos) << "no colour in files";
}

}  // namespace
}  // namespace sonic::pipeline
