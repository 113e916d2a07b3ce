// `sonic serve` against the real binary on an ephemeral loopback port, on the demo listener's
// home with every model trained: each route and its answer beside `sonic predict … --json`,
// every error status, the token rules, the model hot swap, the store left exactly as it was,
// graceful shutdown, each route against /openapi.json, and Chromium opening the live report.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <future>
#include <set>
#include <thread>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/headless_chromium.hpp"
#include "support/run_sonic.hpp"
#include "support/sonic_process.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"
#include "sonic/store/database.hpp"
#include "sonic/store/schema.hpp"
// Last: <httplib.h> brings <resolv.h>, whose _res macro breaks Eigen's headers included after it.
#include <httplib.h>

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kZone = "Etc/GMT-1";  // the demo listener's

// A running `sonic serve --port 0` and a client to it.
class Served {
 public:
  explicit Served(const std::string& home, std::vector<std::string> extra = {}, RunOptions options = {})
      : process_(args(home, std::move(extra)), options) {
    const auto line = process_.wait_for_output(std::regex(R"(listening on http://[0-9.]+:(\d+))"), 20s);
    if (!line) return;
    port_ = std::stoi(line->substr(line->rfind(':') + 1));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(60, 0);
  }
  bool up() const { return port_ > 0; }
  int port() const { return port_; }
  httplib::Client& client() { return *client_; }
  SonicProcess& process() { return process_; }
  std::string log() const { return process_.err(); }

  httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
    return client_->Get(path.c_str(), headers);
  }
  httplib::Result post(const std::string& path, const std::string& body, const std::string& type = "application/json",
                       const httplib::Headers& headers = {}) {
    return client_->Post(path.c_str(), headers, body, type.c_str());
  }
  json post_json(const std::string& path, const json& body, int status = 200) {
    const auto result = post(path, body.dump());
    EXPECT_TRUE(result) << path;
    if (!result) return json();
    EXPECT_EQ(result->status, status) << path << " " << result->body;
    return json::parse(result->body);
  }
  json get_json(const std::string& path, int status = 200) {
    const auto result = get(path);
    EXPECT_TRUE(result) << path;
    if (!result) return json();
    EXPECT_EQ(result->status, status) << path << " " << result->body;
    return json::parse(result->body);
  }

 private:
  static std::vector<std::string> args(const std::string& home, std::vector<std::string> extra) {
    std::vector<std::string> all = {"--home", home, "--tz", kZone, "--log-level", "debug", "serve", "--port", "0"};
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  }
  SonicProcess process_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

// Everything but two JSON documents' numbers must agree; numbers to 1e-9.
void expect_near_json(const json& a, const json& b, const std::string& where = "") {
  if (a.is_number() && b.is_number()) {
    EXPECT_NEAR(a.get<double>(), b.get<double>(), 1e-9) << where;
    return;
  }
  ASSERT_EQ(a.type(), b.type()) << where << ": " << a.dump() << " vs " << b.dump();
  if (a.is_object()) {
    ASSERT_EQ(a.size(), b.size()) << where;
    for (const auto& [key, value] : a.items()) {
      ASSERT_TRUE(b.contains(key)) << where << "." << key;
      expect_near_json(value, b[key], where + "." + key);
    }
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << where;
    for (std::size_t i = 0; i < a.size(); ++i) expect_near_json(a[i], b[i], where + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(a, b) << where;
  }
}

class ServeE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto demo = run_sonic({"demo", "--out", dir_->path().string(), "--days", "60", "--json"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    home_ = json::parse(demo.out)["home"].get<std::string>();
    fingerprint_before_ = store_fingerprint(fs::path(home_) / "sonic.db");
    server_ = new Served(home_);
    ASSERT_TRUE(server_->up()) << server_->log();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    ASSERT_TRUE(server_->up());
  }

  static RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_, "--tz", kZone});
    RunOptions options;
    options.kill_after_ms = 60'000;  // a serve that should have refused to start must not hang the test
    return run_sonic(args, options);
  }
  static json model_file(const std::string& name) {
    std::ifstream in(fs::path(home_) / "models" / name);
    return json::parse(in);
  }
  // The mood net's features with varied values, as a row and as `--features`.
  static json mood_row(int i) {
    json row = json::object();
    const auto inputs = server_->get_json("/v2/models/mood")["inputs"];
    for (int f = 0; f < static_cast<int>(inputs.size()); ++f) {
      const std::string name = inputs[static_cast<std::size_t>(f)]["name"];
      double value = 0.05 + 0.9 * std::fmod(0.37 * (i + 1) * (f + 1), 1.0);
      if (name == "tempo") value = 60 + 120 * value;
      if (name == "loudness") value = -30 + 28 * value;
      if (name == "key") value = (i + f) % 12;
      if (name == "mode") value = (i + f) % 2;
      row[name] = value;
    }
    return row;
  }
  static std::string features_flag(const json& row) {
    std::string flag;
    for (const auto& [name, value] : row.items()) {
      char number[64];
      std::snprintf(number, sizeof number, "%.17g", value.get<double>());
      flag += (flag.empty() ? "" : ",") + name + "=" + number;
    }
    return flag;
  }

  static TempDir* dir_;
  static std::string home_;
  static std::string fingerprint_before_;
  static Served* server_;
};
TempDir* ServeE2e::dir_ = nullptr;
std::string ServeE2e::home_;
std::string ServeE2e::fingerprint_before_;
Served* ServeE2e::server_ = nullptr;

TEST_F(ServeE2e, HealthAndVersionRoutes) {
  EXPECT_EQ(server_->get_json("/ping")["status"], "ok");
  EXPECT_EQ(server_->get_json("/health")["status"], "ok");
  EXPECT_FALSE(server_->get_json("/version")["sonic"].get<std::string>().empty());
  EXPECT_EQ(server_->get_json("/v2/health/live")["live"], true);
  EXPECT_EQ(server_->get_json("/v2/health/ready")["ready"], true);
}

TEST_F(ServeE2e, MoodInvocationsInEveryFormatEqualSonicPredictMood) {
  std::vector<json> rows = {mood_row(0), mood_row(1), mood_row(2)};
  std::vector<json> expected;
  for (const auto& row : rows) {
    const auto cli = sonic({"predict", "mood", "--features", features_flag(row), "--json"});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    expected.push_back(json::parse(cli.out));
  }
  json columns = json::array(), data = json::array(), inputs = json::object();
  for (const auto& [name, value] : rows[0].items()) columns.push_back(name);
  for (const auto& row : rows) {
    json values = json::array();
    for (const auto& column : columns) values.push_back(row[column.get<std::string>()]);
    data.push_back(values);
    for (const auto& [name, value] : row.items()) inputs[name].push_back(value);
  }
  // The metadata's order, for positional instances.
  json positional = json::array();
  const auto metadata = server_->get_json("/v2/models/mood");
  for (const auto& row : rows) {
    json values = json::array();
    for (const auto& input : metadata["inputs"]) values.push_back(row[input["name"].get<std::string>()]);
    positional.push_back(values);
  }
  for (const json& body :
       {json{{"dataframe_split", {{"columns", columns}, {"data", data}}}}, json{{"dataframe_records", rows}},
        json{{"instances", positional}}, json{{"instances", rows}}, json{{"inputs", inputs}}}) {
    const auto answer = server_->post_json("/models/mood/invocations", body);
    ASSERT_EQ(answer["predictions"].size(), rows.size()) << body.dump();
    for (std::size_t i = 0; i < rows.size(); ++i)
      expect_near_json(answer["predictions"][i], expected[i], body.begin().key());
  }
}

TEST_F(ServeE2e, OpenInferenceProtocolMetadataAndInfer) {
  const auto metadata = server_->get_json("/v2/models/mood");
  EXPECT_EQ(metadata["versions"][0], model_file("mood_net.json")["model_id"]);
  EXPECT_EQ(metadata["inputs"].size(), model_file("mood_net.json")["feature_names"].size());
  const json row = mood_row(5);
  json inputs = json::array();
  for (const auto& [name, value] : row.items()) {
    inputs.push_back({{"name", name}, {"datatype", "FP64"}, {"shape", {1}}, {"data", {value}}});
  }
  const auto answer = server_->post_json("/v2/models/mood/infer", {{"id", "r1"}, {"inputs", inputs}});
  EXPECT_EQ(answer["id"], "r1");
  EXPECT_EQ(answer["model_version"], metadata["versions"][0]);
  const auto cli = sonic({"predict", "mood", "--features", features_flag(row), "--json"});
  expect_near_json(json::parse(answer["outputs"][0]["data"][0].get<std::string>()), json::parse(cli.out));
}

TEST_F(ServeE2e, SessionNextMoodAndClusterModelsAnswerAsTheirCommands) {
  const auto session = server_->post_json("/models/session/invocations",
                                          {{"instances", {{{"at", "2030-01-01T00:20:00Z"}, {"hours", 6}}}}});
  const auto cli = sonic({"predict", "session", "--json", "--at", "2030-01-01T00:20:00Z", "--hours", "6"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  expect_near_json(session["predictions"][0], json::parse(cli.out));

  const auto next = server_->post_json("/models/next-mood/invocations", {{"instances", {json::object()}}});
  const auto next_cli = sonic({"predict", "next-mood", "--json"});
  ASSERT_EQ(next_cli.exit_code, 0) << next_cli.err;
  expect_near_json(next["predictions"][0], json::parse(next_cli.out));

  const json low = {{"valence", 0.1},      {"energy", 0.1},           {"danceability", 0.2},
                    {"acousticness", 0.9}, {"instrumentalness", 0.5}, {"tempo", 80}};
  const auto clusters = server_->post_json("/models/mood-clusters/invocations", {{"dataframe_records", {low}}});
  const auto& answer = clusters["predictions"][0];
  const auto file = model_file("mood_clusters.json");
  ASSERT_TRUE(answer["cluster"].is_number_integer());
  EXPECT_GE(answer["distance"].get<double>(), 0);
  EXPECT_FALSE(answer["label"].get<std::string>().empty());
}

// A session the caller gives: three listens, the middle one with its own six features.
json caller_session(int last_cluster) {
  json with_features = {
      {"at", "2030-03-02T21:04:00Z"}, {"cluster", 0},         {"valence", 0.8},          {"energy", 0.9},
      {"danceability", 0.7},          {"acousticness", 0.05}, {"instrumentalness", 0.0}, {"tempo", 128.0}};
  return {{"listens",
           {{{"at", "2030-03-02T21:00:00Z"}, {"cluster", 1}},
            with_features,
            {{"at", "2030-03-02T21:07:30Z"}, {"cluster", last_cluster}}}}};
}

TEST_F(ServeE2e, NextMoodForACallersSessionEqualsSonicPredictWithThatSession) {
  TempDir dir;
  const auto stored = server_->post_json("/models/next-mood/invocations", {{"instances", {json::object()}}});
  std::vector<json> answers;
  for (const int last : {0, 1}) {
    const json context = caller_session(last);
    const auto file = dir / ("session" + std::to_string(last) + ".json");
    std::ofstream(file) << context.dump();
    const auto cli = sonic({"predict", "next-mood", "--session", file.string(), "--json"});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    const auto expected = json::parse(cli.out);
    EXPECT_EQ(expected["last_listen"], "2030-03-02T21:07:30.000Z") << cli.out;

    const auto mlflow = server_->post_json("/models/next-mood/invocations", {{"instances", {context}}});
    expect_near_json(mlflow["predictions"][0], expected);
    // Open Inference Protocol tensors carry text: the listens as JSON text.
    const json input = {
        {"name", "listens"}, {"datatype", "BYTES"}, {"shape", {1}}, {"data", {context["listens"].dump()}}};
    const auto v2 = server_->post_json("/v2/models/next-mood/infer", {{"inputs", {input}}});
    expect_near_json(json::parse(v2["outputs"][0]["data"][0].get<std::string>()), expected);
    answers.push_back(expected);
  }
  // The session decides the answer: not the stored one, and not the same for another last mood.
  EXPECT_NE(answers[0]["next"], answers[1]["next"]);
  EXPECT_NE(answers[0]["last_listen"], stored["predictions"][0]["last_listen"]);

  // A bad session is refused naming the field, by both.
  json bad = caller_session(0);
  bad["listens"][2]["cluster"] = 99;
  const auto refused = server_->post("/models/next-mood/invocations", json{{"instances", {bad}}}.dump());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("listens[2].cluster"), std::string::npos) << refused->body;
  std::ofstream(dir / "bad.json") << bad.dump();
  const auto cli_refused = sonic({"predict", "next-mood", "--session", (dir / "bad.json").string(), "--json"});
  EXPECT_EQ(cli_refused.exit_code, 2);
  EXPECT_NE(cli_refused.err.find("listens[2].cluster"), std::string::npos) << cli_refused.err;
  json backwards = caller_session(0);
  backwards["listens"][1]["at"] = "2030-03-02T20:00:00Z";
  const auto out_of_order = server_->post("/models/next-mood/invocations", json{{"instances", {backwards}}}.dump());
  ASSERT_TRUE(out_of_order);
  EXPECT_EQ(out_of_order->status, 400);
  EXPECT_NE(out_of_order->body.find("listens[1].at"), std::string::npos) << out_of_order->body;
}

// `sonic retrain` clusters again minutes before it trains the next-mood model on the new
// clusters; meanwhile the served model keeps answering with the clusters it was trained on.
TEST_F(ServeE2e, NextMoodKeepsAnsweringWhileTheStoreIsClusteredAgainBeforeItsNewModel) {
  TempDir copy;
  const auto home = copy / "home";
  fs::copy(fs::path(home_), home, fs::copy_options::recursive);
  Served served(home.string());
  ASSERT_TRUE(served.up()) << served.log();
  const auto before = served.post_json("/models/next-mood/invocations", {{"instances", {json::object()}}});
  const auto given = served.post_json("/models/next-mood/invocations", {{"instances", {caller_session(1)}}});

  const auto clustered =
      run_sonic({"--home", home.string(), "--tz", kZone, "cluster", "--k", "2", "--seed", "7", "--json"});
  ASSERT_EQ(clustered.exit_code, 0) << clustered.err;
  const auto cli = run_sonic({"--home", home.string(), "--tz", kZone, "predict", "next-mood", "--json"});
  EXPECT_EQ(cli.exit_code, 3) << "the store alone no longer matches the model: " << cli.out;

  EXPECT_EQ(served.post_json("/models/next-mood/invocations", {{"instances", {json::object()}}}), before);
  EXPECT_EQ(served.post_json("/models/next-mood/invocations", {{"instances", {caller_session(1)}}}), given);
}

TEST_F(ServeE2e, ReadRoutesAnswerAsTheirCommands) {
  const auto stats = server_->get_json("/api/stats");
  const auto cli = sonic({"stats", "--json"});
  EXPECT_EQ(stats, json::parse(cli.out));
  const auto runs = server_->get_json("/api/runs");
  EXPECT_EQ(runs, json::parse(sonic({"runs", "--json"}).out));
  EXPECT_EQ(server_->get_json("/api/dashboard?period=30")["format"], "sonic.dashboard/1");
  EXPECT_EQ(server_->get_json("/api/dashboard?year=2024")["format"], "sonic.dashboard/1");
  EXPECT_EQ(server_->get_json("/api/forecast")["hours"].size(), 24U);
  const auto bad_period = server_->get_json("/api/dashboard?period=12", 400);
  EXPECT_NE(bad_period["error"]["message"].get<std::string>().find("period"), std::string::npos);
  EXPECT_NE(server_->get_json("/api/dashboard?year=soon", 400)["error"]["message"].get<std::string>().find("year"),
            std::string::npos);
}

TEST_F(ServeE2e, TheReportPageIsCachedAndHasAStrictPolicy) {
  const auto first = server_->get("/");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(first->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(first->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_NE(first->body.find("<svg"), std::string::npos);
  EXPECT_NE(first->body.find("href=\"/api/dashboard?period=all\""), std::string::npos);
  const auto second = server_->get("/");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, first->body);  // the "generated" time would differ if it were rebuilt
}

TEST_F(ServeE2e, EveryChartLinksToItsJsonPart) {
  const auto page = server_->get("/?period=30");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  const auto whole = server_->get_json("/api/dashboard?period=30");
  std::set<std::string> linked;
  const std::regex section(
      R"re(<section id="([a-z-]+)"><h2>[^<]*</h2>(<p class="sub"><a href="([^"]+)">JSON</a></p>)?)re");
  for (std::sregex_iterator at(page->body.begin(), page->body.end(), section), end; at != end; ++at) {
    const std::string id = (*at)[1];
    if (id == "narrative") continue;  // words, not a chart
    ASSERT_TRUE((*at)[2].matched) << "the chart '" << id << "' has no JSON link";
    std::string link = (*at)[3];
    link = std::regex_replace(link, std::regex("&amp;"), "&");
    ASSERT_EQ(link.rfind("/api/dashboard?period=30&part=", 0), 0U) << link;
    const std::string part = link.substr(link.find("part=") + 5);
    const auto answer = server_->get_json(link);
    ASSERT_EQ(answer.size(), 1U) << link;
    ASSERT_TRUE(answer.contains(part)) << link;
    ASSERT_TRUE(whole.contains(part)) << part;
    if (part != "forecast") {  // the forecast moves with the clock
      EXPECT_EQ(answer[part], whole[part]) << part;
    }
    linked.insert(part);
  }
  EXPECT_EQ(linked.size(), 12U);  // every chart but the comparison (asked for with --compare only)
  EXPECT_TRUE(linked.count("day_playlists"));
  EXPECT_TRUE(linked.count("catalogs"));  // the demo's genre catalog holds its tracks by Spotify ID
  EXPECT_TRUE(linked.count("genres"));
  EXPECT_TRUE(linked.count("heatmap"));
  EXPECT_TRUE(linked.count("mood_over_time"));
  const auto bad = server_->get_json("/api/dashboard?part=everything", 400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("part"), std::string::npos);
}

// On a copy of the home: the page stays cached while nothing changes (also across the -wal file
// the first read creates), and a commit by another connection is seen by the next forecast
// (kept between requests) and the next page.
TEST_F(ServeE2e, AStoreWriteIsSeenByTheNextForecastAndPageAndNothingElseRebuilds) {
  TempDir copy;
  for (const auto& entry : fs::directory_iterator(home_)) {
    if (entry.path().filename().string().find("sonic.db") == 0) continue;
    fs::copy(entry.path(), copy / entry.path().filename().string(), fs::copy_options::recursive);
  }
  // The store as one consistent file (the suite's server holds it open), without a -wal yet.
  store::Database::open_read_only(fs::path(home_) / "sonic.db")
      .exec("VACUUM INTO '" + (copy / "sonic.db").string() + "'");
  (void)store::Database::open(copy / "sonic.db");  // back in WAL mode (a write) before serving
  Served served(copy.path().string());
  ASSERT_TRUE(served.up()) << served.log();
  const json ask = {{"instances", {{{"at", "2030-01-01T00:20:00Z"}, {"hours", 6}}}}};
  const auto forecast = [&] {
    RunOptions options;
    options.kill_after_ms = 60'000;
    const auto cli = run_sonic({"--home", copy.path().string(), "--tz", kZone, "predict", "session", "--json", "--at",
                                "2030-01-01T00:20:00Z", "--hours", "6"},
                               options);
    EXPECT_EQ(cli.exit_code, 0) << cli.err;
    return json::parse(cli.out);
  };
  const auto cli_before = forecast();
  const auto page = served.get("/");
  ASSERT_TRUE(page);
  const auto before = served.post_json("/models/session/invocations", ask)["predictions"][0];
  expect_near_json(before, cli_before);
  // recommend and playlist keep the listens they read until the store changes.
  const json recommend_ask = {{"instances", {{{"size", 5}}}}}, playlist_ask = {{"instances", {{{"for", "night"}}}}};
  const auto command = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", copy.path().string(), "--tz", kZone});
    const auto cli = run_sonic(args);
    EXPECT_EQ(cli.exit_code, 0) << cli.err;
    return json::parse(cli.out);
  };
  const auto recommended = served.post_json("/models/recommend/invocations", recommend_ask)["predictions"][0];
  expect_near_json(recommended, command({"recommend", "--offline", "--json", "--size", "5"}));
  const auto night = served.post_json("/models/playlist/invocations", playlist_ask)["predictions"][0];
  expect_near_json(night, command({"playlist", "--for", "night", "--json"}));
  EXPECT_EQ(served.post_json("/models/recommend/invocations", recommend_ask)["predictions"][0], recommended);
  EXPECT_EQ(served.post_json("/models/playlist/invocations", playlist_ask)["predictions"][0], night);
  std::this_thread::sleep_for(1100ms);  // the page's "generated" time has whole seconds
  const auto same_page = served.get("/");
  ASSERT_TRUE(same_page);
  EXPECT_TRUE(same_page->body == page->body) << "rebuilt with nothing changed";
  expect_near_json(served.post_json("/models/session/invocations", ask)["predictions"][0], before);

  {  // a session an hour before the forecast: its recency and the counts of the last days change
    auto db = store::Database::open(copy / "sonic.db");
    const std::int64_t start = 1893456000000 - 3'600'000;  // 2029-12-31T23:00:00Z
    db.exec("INSERT INTO sessions (start_ms, end_ms, plays, ms_played) VALUES (" + std::to_string(start) + ", " +
            std::to_string(start + 1'200'000) + ", 4, 1200000)");
    // and a night listen of the first recommended track then: the newest listen moves recommend's "now"
    db.exec("INSERT INTO plays (track_id, start_ms, end_ms, ms_played, is_short, source) SELECT t.id, " +
            std::to_string(start) + ", " + std::to_string(start + 200'000) +
            ", 200000, 0, 'api' FROM tracks t WHERE t.spotify_id = '" +  // base62: nothing to escape
            recommended["recommendations"][0]["spotify_id"].get<std::string>() + "'");
  }
  const auto after = served.post_json("/models/session/invocations", ask)["predictions"][0];
  expect_near_json(after, forecast());
  EXPECT_NE(after["hours"], before["hours"]);
  const auto recommended_after = served.post_json("/models/recommend/invocations", recommend_ask)["predictions"][0];
  expect_near_json(recommended_after, command({"recommend", "--offline", "--json", "--size", "5"}));
  EXPECT_NE(recommended_after["as_of_ms"], recommended["as_of_ms"]);
  expect_near_json(served.post_json("/models/playlist/invocations", playlist_ask)["predictions"][0],
                   command({"playlist", "--for", "night", "--json"}));
  const auto new_page = served.get("/");
  ASSERT_TRUE(new_page);
  EXPECT_FALSE(new_page->body == page->body) << "not rebuilt after a commit";
}

TEST_F(ServeE2e, EveryErrorStatusWithItsShape) {
  auto expect_error = [](const httplib::Result& result, int status, const std::string& says) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
    const auto body = json::parse(result->body, nullptr, false);
    ASSERT_TRUE(body.contains("error")) << result->body;
    EXPECT_TRUE(body["error"]["code"].is_string());
    EXPECT_NE(body["error"]["message"].get<std::string>().find(says), std::string::npos) << result->body;
  };
  expect_error(server_->get("/nowhere"), 404, "/nowhere");
  expect_error(server_->post("/models/nosuch/invocations", R"({"instances":[{}]})"), 404, "mood");
  expect_error(server_->get("/models/mood/invocations"), 405, "POST");
  expect_error(server_->post("/models/mood/invocations", "valence=1", "text/plain"), 415, "application/json");
  expect_error(server_->post("/models/mood/invocations", std::string(1 << 21, ' ')), 413, "1 MiB");
  expect_error(server_->post("/models/mood/invocations", "{\"instances\":"), 400, "JSON");
  expect_error(server_->post("/models/mood/invocations", R"({"instances":[{}],"inputs":[{}]})"), 400, "exactly one");
  expect_error(server_->post("/models/mood/invocations", R"({"dataframe_split":{"columns":["valence"]}})"), 400,
               "dataframe_split.data");
  json row = mood_row(1);
  const std::string missing = row.begin().key();
  row.erase(missing);
  expect_error(server_->post("/models/mood/invocations", json{{"dataframe_records", {row}}}.dump()), 400, missing);
  row[missing] = "high";
  expect_error(server_->post("/models/mood/invocations", json{{"dataframe_records", {row}}}.dump()), 400, missing);
  expect_error(server_->post("/models/session/invocations", R"({"instances":[{"at":"tomorrow"}]})"), 400, "at");
}

TEST_F(ServeE2e, EveryRouteIsInTheOpenApiDocumentAndAnswersAsItSays) {
  const auto openapi = server_->get_json("/openapi.json");
  std::set<std::string> documented;
  for (const auto& [path, methods] : openapi["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      documented.insert(method + " " + path);
      // A model route is asked for every model it lists (and each has its row described).
      std::vector<std::string> names = {"mood"};
      if (operation.contains("parameters")) names = operation["parameters"][0]["schema"]["enum"];
      for (const auto& name : names) {
        EXPECT_TRUE(openapi["components"]["schemas"].contains(name)) << name;
        const std::string concrete = std::regex_replace(path, std::regex(R"(\{name\})"), name);
        const auto result = method == "get" ? server_->get(concrete) : server_->post(concrete, R"({"instances":[]})");
        ASSERT_TRUE(result) << concrete;
        EXPECT_TRUE(operation["responses"].contains(std::to_string(result->status)))
            << method << " " << concrete << " answered " << result->status << ", undocumented";
      }
    }
  }
  for (const char* route :
       {"get /ping", "get /health", "get /version", "post /models/{name}/invocations", "get /v2/health/live",
        "get /v2/health/ready", "get /v2/models/{name}", "post /v2/models/{name}/infer", "get /openapi.json",
        "get /api/dashboard", "get /api/stats", "get /api/forecast", "get /api/runs", "get /"}) {
    EXPECT_TRUE(documented.count(route)) << route << " is not in /openapi.json";
  }
  EXPECT_EQ(documented.size(), 14U);
  const auto& models = openapi["paths"]["/models/{name}/invocations"]["post"]["parameters"][0]["schema"]["enum"];
  EXPECT_EQ(models, json({"mood-clusters", "mood", "next-mood", "session", "recommend", "playlist"}));
  const auto& schemas = openapi["components"]["schemas"];
  EXPECT_EQ(schemas["next-mood"]["properties"]["listens"]["x-datatype"], "BYTES");
  EXPECT_EQ(schemas["session"]["properties"]["hours"]["type"], "integer");
  EXPECT_EQ(schemas["recommend"]["properties"]["size"]["type"], "integer");
  EXPECT_TRUE(schemas["playlist"]["properties"].contains("prompt"));
  EXPECT_EQ(schemas["mood"]["required"].size(), model_file("mood_net.json")["feature_names"].size());
}

// Recommendations and playlists are registry entries derived from the store: no file, served
// offline, each answer equal to its command's --json on the same options.
TEST_F(ServeE2e, RecommendAndPlaylistAnswerAsTheirCommands) {
  const auto metadata = server_->get_json("/v2/models/recommend");
  EXPECT_EQ(metadata["versions"][0], "sonic-recommend/1");
  const auto recommend = server_->post_json("/models/recommend/invocations",
                                            {{"instances", {json::object(), {{"size", 5}, {"pool", "library"}}}}});
  ASSERT_EQ(recommend["predictions"].size(), 2U);
  const auto all = sonic({"recommend", "--offline", "--json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  expect_near_json(recommend["predictions"][0], json::parse(all.out));
  const auto library = sonic({"recommend", "--offline", "--json", "--size", "5", "--pool", "library"});
  ASSERT_EQ(library.exit_code, 0) << library.err;
  expect_near_json(recommend["predictions"][1], json::parse(library.out));
  EXPECT_EQ(recommend["predictions"][1]["recommendations"].size(), 5U);
  const auto acoustic = server_->post_json(
      "/models/recommend/invocations", {{"instances", {{{"mood", "acoustic"}, {"size", 4}, {"max_per_artist", 1}}}}});
  const auto acoustic_cli =
      sonic({"recommend", "--offline", "--json", "--mood", "acoustic", "--size", "4", "--max-per-artist", "1"});
  ASSERT_EQ(acoustic_cli.exit_code, 0) << acoustic_cli.err;
  expect_near_json(acoustic["predictions"][0], json::parse(acoustic_cli.out));
  EXPECT_FALSE(acoustic["predictions"][0]["recommendations"].empty());
  EXPECT_NE(acoustic["predictions"][0]["recommendations"], recommend["predictions"][0]["recommendations"]);
  const json size = {{"name", "size"}, {"datatype", "INT64"}, {"shape", {1}}, {"data", {5}}};
  const json pool = {{"name", "pool"}, {"datatype", "BYTES"}, {"shape", {1}}, {"data", {"library"}}};
  const auto v2 = server_->post_json("/v2/models/recommend/infer", {{"inputs", {size, pool}}});
  expect_near_json(json::parse(v2["outputs"][0]["data"][0].get<std::string>()), json::parse(library.out));

  EXPECT_EQ(server_->get_json("/v2/models/playlist")["versions"][0], "sonic-playlist/1");
  const auto playlists = server_->post_json(
      "/models/playlist/invocations",
      {{"dataframe_records", {{{"prompt", "calm evening music, not sad"}}, {{"for", "weekend-night"}}}}});
  const auto calm = sonic({"playlist", "calm evening music, not sad", "--json"});
  ASSERT_EQ(calm.exit_code, 0) << calm.err;
  expect_near_json(playlists["predictions"][0], json::parse(calm.out));
  const auto night = sonic({"playlist", "--for", "weekend-night", "--json"});
  ASSERT_EQ(night.exit_code, 0) << night.err;
  expect_near_json(playlists["predictions"][1], json::parse(night.out));
  EXPECT_FALSE(playlists["predictions"][0]["tracks"].empty());

  const auto bad_pool = server_->post("/models/recommend/invocations", R"({"instances":[{"pool":"everything"}]})");
  ASSERT_TRUE(bad_pool);
  EXPECT_EQ(bad_pool->status, 400);
  EXPECT_NE(bad_pool->body.find("'pool'"), std::string::npos) << bad_pool->body;
  for (const char* row : {R"({"size":0})", R"({"size":"5"})", R"({"size":2.5})"}) {
    const auto bad_size = server_->post("/models/recommend/invocations", std::string(R"({"instances":[)") + row + "]}");
    ASSERT_TRUE(bad_size);
    EXPECT_EQ(bad_size->status, 400) << row;
    EXPECT_NE(bad_size->body.find("'size' must be a whole number from 1 to 1000"), std::string::npos) << bad_size->body;
  }
  const auto no_prompt = server_->post("/models/playlist/invocations", R"({"instances":[{}]})");
  ASSERT_TRUE(no_prompt);
  EXPECT_EQ(no_prompt->status, 400);
  EXPECT_NE(no_prompt->body.find("row 0: a row needs 'prompt' or 'for'"), std::string::npos) << no_prompt->body;
  const auto bad_for =
      server_->post("/models/playlist/invocations", R"({"instances":[{"for":"night"},{"for":"teatime"}]})");
  ASSERT_TRUE(bad_for);
  EXPECT_EQ(bad_for->status, 400);
  EXPECT_NE(bad_for->body.find("row 1: --for teatime: name a time of day"), std::string::npos) << bad_for->body;
}

// A model's metadata names the keys of its answers (what a client may read), for every model.
TEST_F(ServeE2e, EachModelsMetadataListsTheKeysOfItsAnswers) {
  const json low = {{"valence", 0.1},      {"energy", 0.1},           {"danceability", 0.2},
                    {"acousticness", 0.9}, {"instrumentalness", 0.5}, {"tempo", 80}};
  const std::map<std::string, json> rows = {
      {"mood", mood_row(3)},         {"mood-clusters", low},
      {"next-mood", json::object()}, {"session", {{"at", "2030-01-01T00:20:00Z"}, {"hours", 2}}},
      {"recommend", {{"size", 3}}},  {"playlist", {{"for", "evening"}}}};
  const auto names = server_->get_json("/openapi.json")["components"]["schemas"];
  ASSERT_EQ(names.size(), rows.size());
  for (const auto& [name, row] : rows) {
    const auto metadata = server_->get_json("/v2/models/" + name);
    const auto answer = server_->post_json("/models/" + name + "/invocations", {{"instances", {row}}});
    std::set<std::string> keys;  // a JSON object's keys are unordered: compare them as sets
    for (const auto& [key, value] : answer["predictions"][0].items()) keys.insert(key);
    EXPECT_EQ(metadata["outputs"][0]["keys"].get<std::set<std::string>>(), keys) << name;
  }
}

TEST_F(ServeE2e, AModelNotTrainedYetIs503NamingTheCommand) {
  TempDir empty;
  Served bare((empty / "home").string());
  ASSERT_TRUE(bare.up()) << bare.log();
  const auto mood = bare.post_json("/models/mood/invocations", {{"instances", {mood_row(0)}}}, 503);
  EXPECT_NE(mood["error"]["message"].get<std::string>().find("sonic train mood"), std::string::npos);
  const auto session = bare.get_json("/v2/models/session", 503);
  EXPECT_NE(session["error"]["message"].get<std::string>().find("sonic train session"), std::string::npos);
  const auto stats = bare.get_json("/api/stats", 503);
  EXPECT_NE(stats["error"]["message"].get<std::string>().find("sonic import"), std::string::npos);
  // Recommendations and playlists need no model file, only a store.
  for (const auto& [name, row] :
       {std::pair{"recommend", json::object()}, std::pair{"playlist", json{{"for", "night"}}}}) {
    const auto derived = bare.post_json(std::string("/models/") + name + "/invocations", {{"instances", {row}}}, 503);
    EXPECT_NE(derived["error"]["message"].get<std::string>().find("sonic import"), std::string::npos) << derived;
  }
}

// The service opens the store read-only and cannot migrate it: a store of another schema version
// is a 503 saying what to run (not a 500 on the first missing table), until it is upgraded.
TEST_F(ServeE2e, AStoreOfAnotherSchemaVersionIs503UntilUpgraded) {
  TempDir copy;
  store::Database::open_read_only(fs::path(home_) / "sonic.db")
      .exec("VACUUM INTO '" + (copy / "sonic.db").string() + "'");
  const int latest = store::latest_schema_version();
  const auto set_version = [&](int version) {
    store::Database::open(copy / "sonic.db").exec("PRAGMA user_version = " + std::to_string(version));
  };
  set_version(latest - 1);  // as a store imported by the sonic before the last migration
  Served served(copy.path().string());
  ASSERT_TRUE(served.up()) << served.log();
  EXPECT_EQ(served.get_json("/ping")["status"], "ok");
  const auto old = served.post_json("/models/recommend/invocations", {{"instances", {json::object()}}}, 503);
  EXPECT_EQ(old["error"]["code"], "store_schema");
  EXPECT_NE(old["error"]["message"].get<std::string>().find("schema version " + std::to_string(latest - 1) +
                                                            " and this sonic reads version " + std::to_string(latest) +
                                                            ": run any sonic command"),
            std::string::npos)
      << old;
  served.get_json("/api/stats", 503);
  set_version(latest + 1);
  const auto newer = served.post_json("/models/playlist/invocations", {{"instances", {{{"for", "night"}}}}}, 503);
  EXPECT_NE(newer["error"]["message"].get<std::string>().find("upgrade sonic"), std::string::npos) << newer;
  set_version(latest);  // upgraded: answered without a restart
  served.post_json("/models/recommend/invocations", {{"instances", {json::object()}}});
}

TEST_F(ServeE2e, ANewModelFileIsServedOnTheNextRequestAndABadOneRefused) {
  // Its own copy of the models, so the suite's server keeps the demo's.
  TempDir copy;
  const auto home = copy / "home";
  fs::create_directories(home);
  fs::copy(fs::path(home_) / "models", home / "models", fs::copy_options::recursive);
  Served served(home.string());
  ASSERT_TRUE(served.up()) << served.log();
  const json row = mood_row(3);
  const auto before = served.get_json("/v2/models/mood")["versions"][0].get<std::string>();
  const auto answer = served.post_json("/models/mood/invocations", {{"instances", {row}}});

  const auto file = home / "models" / "mood_net.json";
  auto replace = [&](const std::string& text) {  // as retrain does: write aside, then rename
    std::ofstream(home / "models" / "next.tmp") << text;
    fs::rename(home / "models" / "next.tmp", file);
  };
  replace("{\"format\": \"sonic-mood-net\", trunc");
  for (int i = 0; i < 3; ++i) {  // refused, the old one kept, said once
    EXPECT_EQ(served.post_json("/models/mood/invocations", {{"instances", {row}}}), answer);
  }
  EXPECT_EQ(served.get_json("/v2/models/mood")["versions"][0], before);
  const auto log = served.log();
  std::size_t refusals = 0;
  for (auto at = log.find("refused the new model file"); at != std::string::npos;
       at = log.find("refused the new model file", at + 1)) {
    ++refusals;
  }
  EXPECT_EQ(refusals, 1U) << log;

  json swapped = model_file("mood_net.json");
  swapped["model_id"] = "swapped-model";
  replace(swapped.dump());
  EXPECT_EQ(served.get_json("/v2/models/mood")["versions"][0], "swapped-model");
}

TEST_F(ServeE2e, TokenRules) {
  RunOptions with_token;
  with_token.env["SONIC_SERVE_TOKEN"] = "s3cret-token";
  Served guarded(home_, {}, with_token);
  ASSERT_TRUE(guarded.up()) << guarded.log();
  EXPECT_EQ(guarded.get("/ping")->status, 200);  // health checks need no token
  EXPECT_EQ(guarded.get("/health")->status, 200);
  const auto missing = guarded.get("/version");
  EXPECT_EQ(missing->status, 401);
  const auto wrong = guarded.get("/version", {{"Authorization", "Bearer s3cret-tokem"}});
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(wrong->body, missing->body);  // no detail on why
  EXPECT_EQ(guarded.get("/api/runs", {{"Authorization", "s3cret-token"}})->status, 401);
  EXPECT_EQ(guarded.get("/version", {{"Authorization", "Bearer s3cret-token"}})->status, 200);
  EXPECT_EQ(guarded.log().find("s3cret"), std::string::npos);

  // Off loopback a token is required, and a token file must be its owner's alone.
  const auto open = sonic({"serve", "--host", "0.0.0.0", "--port", "0"});
  EXPECT_EQ(open.exit_code, 2) << open.err;
  EXPECT_NE(open.err.find("token"), std::string::npos);
  TempDir files;
  const auto token_file = files / "token";
  std::ofstream(token_file) << "file-token\n";
  ::chmod(token_file.c_str(), 0644);
  const auto shared = sonic({"serve", "--port", "0", "--token-file", token_file.string()});
  EXPECT_EQ(shared.exit_code, 2);
  EXPECT_NE(shared.err.find("chmod 600"), std::string::npos) << shared.err;
  ::chmod(token_file.c_str(), 0600);
  Served filed(home_, {"--host", "0.0.0.0", "--token-file", token_file.string()});
  ASSERT_TRUE(filed.up()) << filed.log();
  EXPECT_EQ(filed.get("/version")->status, 401);
  EXPECT_EQ(filed.get("/version", {{"Authorization", "Bearer file-token"}})->status, 200);
}

TEST_F(ServeE2e, SigtermStopsGracefullyWithExitZeroAndTheStoreUnchanged) {
  Served served(home_);
  ASSERT_TRUE(served.up()) << served.log();
  EXPECT_EQ(served.get("/api/stats")->status, 200);
  EXPECT_EQ(served.get("/")->status, 200);
  // A request in flight when the signal comes is still answered.
  auto in_flight = std::async(std::launch::async, [&] { return served.get("/api/dashboard?period=all"); });
  std::this_thread::sleep_for(20ms);
  const auto started = std::chrono::steady_clock::now();
  served.process().send_signal(SIGTERM);
  const auto result = served.process().wait(20s);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 7s);
  const auto answered = in_flight.get();
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 200);
  EXPECT_NE(result.err.find("SIGTERM"), std::string::npos) << result.err;
  // The debug log has a line per request, and never a body.
  EXPECT_NE(result.err.find("GET /api/stats 200"), std::string::npos) << result.err;
  EXPECT_EQ(store_fingerprint(fs::path(home_) / "sonic.db"), fingerprint_before_);

  Served interrupted(home_);
  ASSERT_TRUE(interrupted.up());
  interrupted.process().send_signal(SIGINT);
  EXPECT_EQ(interrupted.process().wait(20s).exit_code, 0);
}

TEST_F(ServeE2e, ChromiumOpensTheLiveReportAndFindsTheCharts) {
  const auto chromium = find_chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed";
  TempDir profile;
  const std::string dom = chromium_dom(chromium, profile, "http://127.0.0.1:" + std::to_string(server_->port()) + "/");
  EXPECT_NE(dom.find("id=\"heatmap\""), std::string::npos) << dom.substr(0, 500);
  EXPECT_NE(dom.find("<svg"), std::string::npos);
  EXPECT_NE(dom.find("/api/dashboard"), std::string::npos);
}

}  // namespace
}  // namespace sonic::testing
