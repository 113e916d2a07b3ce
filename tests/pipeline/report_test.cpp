#include "sonic/pipeline/report.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/insight/narrator.hpp"
#include "sonic/pipeline/import_history.hpp"
#include "sonic/pipeline/summarize.hpp"
#include "sonic/store/insight_store.hpp"
#include "sonic/store/schema.hpp"
#include "support/log_capture.hpp"
#include "support/store_fingerprint.hpp"
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

// 45 days of listening: a calm song at 08:00 and a happy one at 20:00 every day, and in the last
// 7 days a third, at 13:00, so sessions per day rise from 2 to 3 (+50%).
class MakeReportWithHistoryTest : public MakeReportTest {
 protected:
  MakeReportWithHistoryTest() {
    const std::int64_t first_day = *parse_iso8601_utc("2024-04-01T00:00:00Z");
    std::string json = "[";
    const auto add = [&](std::int64_t end_ms, const char* name, const char* id) {
      const std::string ts = format_iso8601_utc(end_ms).substr(0, 19) + "Z";
      json += std::string(json.size() > 1 ? "," : "") + R"({"ts":")" + ts + R"(","ms_played":200000,)" +
              R"("master_metadata_track_name":")" + name + R"(","master_metadata_album_artist_name":"Band",)" +
              R"("spotify_track_uri":"spotify:track:)" + id + "\"}";
    };
    for (int day = 0; day < 45; ++day) {
      const std::int64_t midnight = first_day + day * kMsPerDay;
      add(midnight + 8 * kMsPerHour, "Calm", "1aaaaaaaaaaaaaaaaaaaaa");
      if (day >= 38) add(midnight + 13 * kMsPerHour, "Noon", "3ccccccccccccccccccccc");
      add(midnight + 20 * kMsPerHour, "Happy", "2bbbbbbbbbbbbbbbbbbbbb");
    }
    pipeline::import_history(db_, {testing::write_file(dir_ / "in" / "Streaming_History_Audio_0.json", json + "]")},
                             {});
    db_.exec(
        "INSERT INTO track_moods SELECT id, CASE name WHEN 'Happy' THEN 'happy' ELSE 'calm' END, 0.9, 'c', 0 "
        "FROM tracks");
  }

  nlohmann::json dashboard(const std::string& period = "all") {
    ReportRequest request;
    request.format = ReportFormat::json;
    request.period = period;
    request.now_ms = *parse_iso8601_utc("2024-06-01T10:00:00Z");
    return make_report(db_, home_, utc_, request).dashboard;
  }
};

TEST_F(MakeReportWithHistoryTest, SegmentsDriftAndNarrativeWithoutWritingTheStore) {
  const auto before = testing::store_fingerprint(home_.database);
  const auto d = dashboard();
  EXPECT_EQ(testing::store_fingerprint(home_.database), before);
  EXPECT_EQ(db_.scalar("SELECT count(*) FROM drift_runs"), 0);

  const auto& segments = d["segments"]["segments"];
  ASSERT_EQ(segments.size(), 8u);
  EXPECT_EQ(segments[0]["name"], "Weekday morning");
  // 08:00 UTC ends a 200 s listen: every morning listen is the calm song.
  EXPECT_EQ(segments[0]["moods"], nlohmann::json({{"calm", 1.0}}));
  EXPECT_EQ(segments[2]["name"], "Weekday evening");
  EXPECT_EQ(segments[2]["moods"], nlohmann::json({{"happy", 1.0}}));
  std::int64_t listens = 0;
  for (const auto& segment : segments) listens += segment["listens"].get<std::int64_t>();
  EXPECT_EQ(listens, 45 * 2 + 7);

  ASSERT_TRUE(d["drift"].is_object()) << d["drift"];
  EXPECT_EQ(d["drift"]["end"], "2024-05-15T19:56:40.001Z");  // just after the newest listen's start
  bool sessions_flagged = false;
  for (const auto& flag : d["drift"]["flags"]) {
    if (flag["metric"] != "sessions_per_day") continue;
    sessions_flagged = true;
    EXPECT_DOUBLE_EQ(flag["baseline"].get<double>(), 2.0);
    EXPECT_DOUBLE_EQ(flag["recent"].get<double>(), 3.0);
    EXPECT_DOUBLE_EQ(flag["change"].get<double>(), 0.5);
  }
  EXPECT_TRUE(sessions_flagged) << d["drift"];

  EXPECT_EQ(d["narrative"]["narrator"], "offline");
  EXPECT_EQ(d["narrative"]["cached"], false);
  EXPECT_NE(d["narrative"]["text"].get<std::string>().find("offline narrator"), std::string::npos);
  EXPECT_EQ(d["forecast"], nullptr) << "no session model";
}

TEST_F(MakeReportWithHistoryTest, ShowsTheOnlineNarrativeCachedForExactlyThisProfile) {
  const auto settings = insight::NarratorSettings::from_environment(false);
  const auto figures = compute_insight(db_, utc_, insight::Period::all(), {});
  const auto prompt = insight::load_prompt(insight::kNarrativePrompt);
  store::save_narrative(db_, insight::narrative_input_hash(prompt, settings.openai.model, figures.statistics),
                        {"openai:" + settings.openai.model, "Words a model wrote.\n", 1});
  const auto all = dashboard();
  EXPECT_EQ(all["narrative"]["text"], "Words a model wrote.\n");
  EXPECT_EQ(all["narrative"]["narrator"], "openai:" + settings.openai.model);
  EXPECT_EQ(all["narrative"]["cached"], true);
  // Another period is another profile: the offline narrator writes its narrative.
  EXPECT_EQ(dashboard("30")["narrative"]["narrator"], "offline");
}

TEST_F(MakeReportWithHistoryTest, AnUnreadableSessionModelIsAWarningNotAFailure) {
  testing::write_file(home_.models() / "session.json", R"({"format": "sonic-session-gbdt", "version": 1)");
  testing::LogCapture log(spdlog::level::warn);
  ReportRequest request;
  request.now_ms = *parse_iso8601_utc("2024-06-01T10:00:00Z");
  const auto result = make_report(db_, home_, utc_, request);
  EXPECT_EQ(result.dashboard["forecast"], nullptr);
  EXPECT_NE(log.text().find("session.json"), std::string::npos) << log.text();
  EXPECT_NE(log.text().find("without the session forecast"), std::string::npos) << log.text();
  EXPECT_NE(result.stdout_text.find("not available yet (run sonic train session)"), std::string::npos);
  EXPECT_NE(result.stdout_text.find("Weekday morning"), std::string::npos);
}

}  // namespace
}  // namespace sonic::pipeline
