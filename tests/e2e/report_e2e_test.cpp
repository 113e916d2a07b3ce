// sonic report in every format, on a real imported history and on the demo's simulated year.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sonic/core/utc_time.hpp"

#include "sonic/report/text_cell.hpp"
#include "sonic/report/text_escape.hpp"
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
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
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
  // Playlists for the day: four times of day, at most ten tracks each, the morning's first in the page.
  const auto& day_playlists = dashboard["day_playlists"];
  ASSERT_EQ(day_playlists.size(), 4u);
  EXPECT_EQ(day_playlists[0]["time_of_day"], "morning");
  EXPECT_EQ(day_playlists[3]["time_of_day"], "night");
  for (const auto& day_part : day_playlists) EXPECT_LE(day_part["tracks"].size(), 10u);
  EXPECT_NE(page.find("<h2>Playlists for your day</h2>"), std::string::npos);
  if (!day_playlists[0]["tracks"].empty()) {
    EXPECT_GT(day_playlists[0]["tracks"][0]["plays_in_window"].get<int>(), 0);
    EXPECT_NE(page.find(report::html_escape(day_playlists[0]["tracks"][0]["track"].get<std::string>())),
              std::string::npos);
  }
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

// A labelled CSV with data_moods.csv's columns: calm tracks quiet and slow, happy ones bright and
// danceable, so the demo's tracks get both moods.
std::filesystem::path write_labels(const TempDir& folder) {
  std::string csv =
      "danceability,acousticness,energy,instrumentalness,liveness,valence,loudness,speechiness,tempo,mood\n";
  for (int i = 0; i < 40; ++i) {
    const bool happy = i % 2 == 1;
    const double step = (i / 2) * 0.01;
    csv += happy ? "0.8,0.1," + std::to_string(0.7 + step) + ",0.0,0.1," + std::to_string(0.75 + step) +
                       ",-5,0.05,125,Happy\n"
                 : "0.3,0.8," + std::to_string(0.2 + step) + ",0.3,0.1," + std::to_string(0.25 + step) +
                       ",-14,0.04,80,Calm\n";
  }
  return write_file(folder / "labels.csv", csv);
}

// The demo after cluster, train mood, predict mood and train session: every section of the
// report has something to show, and the report still writes nothing.
TEST(ReportE2e, EverySectionIsFilledOnTheTrainedDemo) {
  TempDir folder, scratch;
  ASSERT_EQ(run_sonic({"demo", "--out", folder.path().string(), "--days", "60", "--import-only"}).exit_code, 0);
  const auto demo_home = folder / "home";
  const auto sonic = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", demo_home.string(), "--tz", "Etc/GMT-1"});  // UTC+1, no DST
    return run_sonic(args);
  };
  for (const std::vector<std::string>& step :
       {std::vector<std::string>{"cluster"},
        {"train", "mood", "--labels", write_labels(scratch).string(), "--folds", "0"},
        {"predict", "mood"},
        {"train", "session"}}) {
    const auto run = sonic(step);
    ASSERT_EQ(run.exit_code, 0) << step[0] << ": " << run.err;
  }
  const auto before = store_fingerprint(demo_home / "sonic.db");
  expect_every_format_works(sonic, demo_home / "reports", scratch);

  const auto dashboard = nlohmann::json::parse(sonic({"report", "--json"}).out);
  EXPECT_FALSE(dashboard["clusters"]["items"].empty());
  EXPECT_FALSE(dashboard["mood_over_time"]["moods"].empty());
  EXPECT_EQ(dashboard["models"][0]["experiment"], "mood");
  EXPECT_EQ(dashboard["models"].size(), 3u);  // mood, mood-clusters, session
  // The demo's catalog of artist genres names every track it plays.
  EXPECT_GT(dashboard["genres"]["listens"].get<std::int64_t>(), 0);
  EXPECT_EQ(dashboard["genres"]["listens_with_genre"], dashboard["genres"]["listens"]);

  const auto& segments = dashboard["segments"]["segments"];
  ASSERT_EQ(segments.size(), 8u);
  std::set<std::string> moods_seen;
  for (const auto& segment : segments) {
    for (const auto& [mood, share] : segment["moods"].items()) moods_seen.insert(mood);
  }
  EXPECT_EQ(moods_seen, (std::set<std::string>{"Calm", "Happy"}));
  ASSERT_TRUE(dashboard["drift"].is_object()) << "60 days hold a week and the 30 days before it";
  EXPECT_EQ(dashboard["drift"]["recent_days"], 7);
  EXPECT_EQ(dashboard["narrative"]["narrator"], "offline");
  EXPECT_FALSE(dashboard["narrative"]["text"].get<std::string>().empty());

  // The forecast: the 24 local hours from the first whole hour at or after the report's "now".
  const auto& forecast = dashboard["forecast"];
  ASSERT_TRUE(forecast.is_object());
  EXPECT_EQ(forecast["from"], dashboard["generated"]);
  EXPECT_EQ(forecast["time_zone"], "Etc/GMT-1");
  const auto& hours = forecast["hours"];
  ASSERT_EQ(hours.size(), 24u);
  const std::int64_t from = *parse_iso8601_utc(forecast["from"].get<std::string>());
  std::int64_t previous = 0;
  for (const auto& hour : hours) {
    const std::int64_t start = *parse_iso8601_utc(hour["start"].get<std::string>());
    EXPECT_EQ(start % kMsPerHour, 0);
    if (previous == 0) {
      EXPECT_GE(start, from);
      EXPECT_LT(start, from + kMsPerHour);
    } else {
      EXPECT_EQ(start, previous + kMsPerHour);
    }
    previous = start;
    EXPECT_EQ(hour["hour"], (start / kMsPerHour + 1) % 24) << "the local hour, UTC+1";
    EXPECT_GE(hour["probability"].get<double>(), 0.0);
    EXPECT_LE(hour["probability"].get<double>(), 1.0);
  }
  EXPECT_FALSE(forecast["likeliest"][0]["reasons"].empty());

  const auto terminal = sonic({"report"}).out;
  EXPECT_EQ(terminal.find("not available yet"), std::string::npos) << terminal;
  EXPECT_NE(terminal.find("by time of day (moods):"), std::string::npos);
  EXPECT_NE(terminal.find("likeliest: "), std::string::npos);
  EXPECT_NE(terminal.find("In words (offline narrator)"), std::string::npos);
  const auto page = read_file(last_line(sonic({"report", "--format", "html"}).out));
  // heatmap, moods and clusters over time, the scatter, the forecast
  EXPECT_EQ(count_of(page, "<svg class=\"chart\""), 5u);
  EXPECT_EQ(page.find("not available yet"), std::string::npos);
  EXPECT_NE(page.find("<h3>By time of day</h3>"), std::string::npos);
  EXPECT_NE(page.find("Written by the offline narrator."), std::string::npos);
  EXPECT_EQ(store_fingerprint(demo_home / "sonic.db"), before) << "a report only reads";
}

// Every command a "not available yet (…)" hint or the narrator's note names is one sonic has.
TEST(ReportE2e, HintsNameRealCommands) {
  TempDir home, scratch;
  const auto history = write_file(
      scratch / "Streaming_History_Audio_2024.json",
      R"([{"ts":"2024-05-01T10:00:00Z","ms_played":200000,"master_metadata_track_name":"A",)"
      R"("master_metadata_album_artist_name":"B","spotify_track_uri":"spotify:track:1aaaaaaaaaaaaaaaaaaaaa"}])");
  ASSERT_EQ(run_sonic(with_home(home, {"import", history.string()})).exit_code, 0);
  const std::string text =
      run_sonic(with_home(home, {"report"})).out + run_sonic(with_home(home, {"report", "--year", "1999"})).out;
  std::set<std::string> commands;
  for (auto at = text.find("sonic "); at != std::string::npos; at = text.find("sonic ", at + 1)) {
    if (text.compare(at, 13, "sonic report ") == 0) continue;  // the title line
    std::string command;
    std::size_t end = at + 6;
    while (end < text.size() && (std::islower(static_cast<unsigned char>(text[end])) || text[end] == ' ')) {
      command += text[end++];
    }
    while (!command.empty() && command.back() == ' ') command.pop_back();
    const auto space = command.rfind(' ');  // "train mood" but not "cluster, or"
    if (space != std::string::npos && command.substr(0, space) != "train" && command.substr(0, space) != "predict") {
      command.resize(space);
    }
    commands.insert(command);
  }
  EXPECT_TRUE(commands.count("import") && commands.count("cluster") && commands.count("train session") &&
              commands.count("train mood") && commands.count("predict mood") && commands.count("summarize") &&
              commands.count("retrain"))
      << text;
  for (const auto& command : commands) {
    std::vector<std::string> args;
    for (std::size_t at = 0; at < command.size();) {
      const auto end = std::min(command.find(' ', at), command.size());
      args.push_back(command.substr(at, end - at));
      at = end + 1;
    }
    args.push_back("--help");
    // CLI11 answers an unknown subcommand's --help with its parent's usage, so check the usage line.
    const auto help = run_sonic(args);
    EXPECT_EQ(help.exit_code, 0) << "sonic " << command;
    EXPECT_NE(help.out.find("Usage: sonic " + command + " ["), std::string::npos) << help.out;
  }
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
