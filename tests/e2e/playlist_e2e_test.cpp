// `sonic playlist` end to end: the real binary on an imported history with catalog features:
// hard ranges hold, two tracks per artist, the short list names what ran dry, --for, --explain
// without a store, --out and --spotify (against the fake Spotify), and every bad prompt the issue
// names exits 2 with a readable message.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "fakes/openai_fake.hpp"
#include "fakes/spotify_fake.hpp"
#include "sonic/playlist/constraints.hpp"
#include "sonic/sources/spotify/accounts_client.hpp"
#include "sonic/sources/spotify/credentials_store.hpp"
#include "support/run_sonic.hpp"
#include "support/synthetic_history.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

class PlaylistE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto tracks = synthetic_tracks(40, 10);
    const auto history = write_extended_history(data_.path(), tracks);
    ASSERT_EQ(sonic({"import", history.string()}).exit_code, 0);
    // Track i: energy i/40, valence 1 - i/40; the header as real catalogs spell it.
    const auto catalog = data_ / "catalog.csv";
    std::ofstream out(catalog);
    out << "id,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,"
           "tempo\n";
    for (int i = 0; i < 40; ++i) {
      out << tracks[static_cast<std::size_t>(i)].spotify_id << ",0.5," << i / 40.0 << ",1,-6,1,0.05,0.3,0.0,0.1,"
          << 1 - i / 40.0 << ",120\n";
    }
    out.close();
    const auto imported = sonic({"import-features", catalog.string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  RunResult sonic(std::vector<std::string> args, const RunOptions& options = {}) {
    args.insert(args.begin(), {"--home", home_.path().string(), "--tz", "UTC"});
    return run_sonic(args, options);
  }
  // A login stored by `sonic auth spotify`, granted `scope`.
  RunOptions logged_in_to(SpotifyFake& spotify, const std::string& scope) {
    sources::spotify::SpotifyCredentials credentials;
    credentials.client_id = SpotifyFake::kClientId;
    credentials.refresh_token = spotify.issue_refresh_token(scope);
    credentials.scope = scope;
    credentials.authorized_ms = 1'750'000'000'000;
    sources::spotify::CredentialsStore(home_.path() / "credentials.json", {}).save(credentials, 1'750'000'000'000);
    RunOptions options;
    for (const auto& [name, value] : spotify.env()) options.env.emplace(name, value);
    return options;
  }

  TempDir home_;
  TempDir data_;
};

TEST_F(PlaylistE2e, HighEnergyKeepsItsRangeAndTwoTracksPerArtist) {
  const auto run = sonic({"playlist", "high energy", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  // Energy >= 0.7 holds for tracks 28..39 (12 tracks, artists 8, 9, 0..7 with two each at most).
  std::map<std::string, int> per_artist;
  for (const auto& track : json["tracks"]) {
    EXPECT_GE(track["features"]["energy"].get<double>(), 0.7) << track.dump();
    ++per_artist[track["artist"]];
    EXPECT_FALSE(track["why"].get<std::string>().empty());
  }
  EXPECT_EQ(json["tracks"].size(), 12u);
  for (const auto& [artist, count] : per_artist) EXPECT_LE(count, 2) << artist;
  EXPECT_EQ(json["fitting_tracks"], 12);
  EXPECT_EQ(json["library_tracks"], 40);
  EXPECT_EQ(json["ran_dry"], "energy 0.70-1.00");
  EXPECT_EQ(json["constraints"]["ranges"]["energy"], nlohmann::json::array({0.7, 1.0}));
  // The curve: steady keeps the ranking, whose first is nearest the centre 0.85 (track 34, 0.85).
  EXPECT_EQ(json["tracks"][0]["track"], "Song 34");

  const auto text = sonic({"playlist", "high energy, build up, 5 songs"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("understood: high energy, build up, 5 songs"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("  #  Track"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("\n5 tracks, about "), std::string::npos) << text.out;
}

TEST_F(PlaylistE2e, ForASegmentAndUnknownWords) {
  const auto run = sonic({"playlist", "--for", "morning", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["constraints"]["time_of_day"], "morning");
  EXPECT_EQ(json["constraints"]["source"], "habits");
  EXPECT_EQ(json["tracks"].size(), 20u);  // 10 artists, two each
  const auto unknown = sonic({"playlist", "sad banjo songs", "--json"});
  ASSERT_EQ(unknown.exit_code, 0) << unknown.err;
  EXPECT_EQ(nlohmann::json::parse(unknown.out)["parse"]["unknown_words"], nlohmann::json::array({"banjo"}));
}

TEST_F(PlaylistE2e, OutWritesTheChosenTracksInTheFormatOfItsExtension) {
  const auto file = data_ / "lists" / "energy.jspf";
  const auto run = sonic({"playlist", "high energy, 3 songs", "--out", file.string(), "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["playlist_file"], file.string());
  std::ifstream in(file);
  const auto written = nlohmann::json::parse(in);
  ASSERT_EQ(written["playlist"]["track"].size(), 3u);
  EXPECT_EQ(written["playlist"]["title"], "sonic: high energy, 3 songs");
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& track = written["playlist"]["track"][i];
    EXPECT_EQ(track["title"], json["tracks"][i]["track"]);
    EXPECT_EQ(track["creator"], json["tracks"][i]["artist"]);
    EXPECT_EQ(track["location"][0], "spotify:track:" + json["tracks"][i]["spotify_id"].get<std::string>());
    EXPECT_EQ(track["annotation"], json["tracks"][i]["why"]);
  }

  // Another extension is refused before anything is chosen or written.
  const auto bad = sonic({"playlist", "calm", "--out", (data_ / "calm.txt").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(".m3u8, .xspf or .jspf"), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty());
  EXPECT_FALSE(std::filesystem::exists(data_ / "calm.txt"));
}

TEST_F(PlaylistE2e, SpotifyCreatesThePlaylistInTheAccountInItsOrder) {
  SpotifyFake spotify;
  const auto options = logged_in_to(spotify, sources::spotify::kLoginScope);
  const auto run = sonic({"playlist", "high energy, 4 songs", "--spotify", "--json"}, options);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  const auto playlists = spotify.playlists();
  ASSERT_EQ(playlists.size(), 1u);
  EXPECT_EQ(json["spotify"]["id"], playlists[0].id);
  EXPECT_EQ(json["spotify"]["added"], 4);
  EXPECT_EQ(playlists[0].request["name"], "sonic: high energy, 4 songs");
  EXPECT_EQ(playlists[0].request["public"], false);
  ASSERT_EQ(playlists[0].uris.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(playlists[0].uris[i], "spotify:track:" + json["tracks"][i]["spotify_id"].get<std::string>());
  }
  for (const auto& token : spotify.issued_access_tokens()) {
    EXPECT_EQ(run.err.find(token), std::string::npos);
    EXPECT_EQ(run.out.find(token), std::string::npos);
  }
}

TEST_F(PlaylistE2e, SpotifyWithALoginWithoutThePlaylistScopeExitsFourWithTheCommandToRun) {
  SpotifyFake spotify;
  const auto options = logged_in_to(spotify, sources::spotify::kRecentlyPlayedScope);
  const auto run = sonic({"playlist", "high energy", "--spotify"}, options);
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("run `sonic auth spotify`"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_TRUE(spotify.requests().empty());  // refused before any request

  // A development-mode app's 403: a clear message, exit 4, no playlist.
  const auto allowed = logged_in_to(spotify, sources::spotify::kLoginScope);
  spotify.forbid_playlists();
  const auto forbidden = sonic({"playlist", "high energy", "--spotify"}, allowed);
  EXPECT_EQ(forbidden.exit_code, 4);
  EXPECT_NE(forbidden.err.find("development mode"), std::string::npos) << forbidden.err;
  EXPECT_TRUE(spotify.playlists().empty());
}

TEST_F(PlaylistE2e, TheDiscoveryShareComesFromTracksNotHeardForNinetyDays) {
  // Songs 0-19 are played again 120 days later: songs 20-39 become rediscoveries.
  const auto later = data_ / "later";
  std::filesystem::create_directories(later);
  const auto first = write_extended_history(later, synthetic_tracks(40, 10));
  std::ifstream in(first);
  auto rows = nlohmann::json::parse(in);
  in.close();
  nlohmann::json again = nlohmann::json::array();
  for (std::size_t i = 0; i < 20; ++i) {
    auto row = rows[i];
    std::string ts = row["ts"];
    ts.replace(0, 10, "2025-05-01");  // 2025-01-01 + 120 days
    row["ts"] = ts;
    again.push_back(row);
  }
  std::ofstream(first) << again.dump();
  ASSERT_EQ(sonic({"import", first.string()}).exit_code, 0);

  const auto run = sonic({"playlist", "6 songs, 50% new", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["tracks"].size(), 6u);
  int discovered = 0;
  for (const auto& track : json["tracks"]) {
    const int song = std::stoi(track["track"].get<std::string>().substr(5));
    if (track["from_discovery"].get<bool>()) {
      ++discovered;
      EXPECT_GE(song, 20) << track.dump();  // not heard for 120 days
    } else {
      EXPECT_LT(song, 20) << track.dump();  // the library's share: the most played now
    }
  }
  EXPECT_EQ(discovered, 3);
  EXPECT_TRUE(json["notes"].empty()) << json["notes"].dump();
}

TEST_F(PlaylistE2e, TheDiscoveryShareTakesNeverHeardCatalogTracksByArtistsYouPlayFirst) {
  // A catalog (`sonic catalog import`) with two unheard tracks by artists of the history, one by an
  // artist it never names, and one the history has played (by its Spotify ID).
  const auto tracks = synthetic_tracks(40, 10);
  const auto catalog = data_ / "world.csv";
  std::ofstream out(catalog);
  out << "id,name,artists,danceability,energy,acousticness,instrumentalness,valence,tempo,duration_ms\n"
      << "n000000000000000000001,Fresh One,['artist 1'],0.5,0.90,0.3,0.0,0.5,120,180000\n"
      << "n000000000000000000002,Fresh Two,['artist 2'],0.5,0.85,0.3,0.0,0.5,120,180000\n"
      << "n000000000000000000003,Stranger,['nobody you know'],0.5,0.88,0.3,0.0,0.5,120,180000\n"
      << tracks[39].spotify_id << "," << tracks[39].title << ",['" << tracks[39].artist
      << "'],0.5,0.97,0.3,0.0,0.5,120,180000\n";
  out.close();
  const auto imported = sonic({"catalog", "import", catalog.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  const auto run = sonic({"playlist", "4 songs, 50% new", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["tracks"].size(), 4u);
  std::map<std::string, nlohmann::json> fresh;
  for (const auto& track : json["tracks"]) {
    if (track["new_to_you"].get<bool>()) fresh[track["track"].get<std::string>()] = track;
  }
  ASSERT_EQ(fresh.size(), 2u) << json.dump();
  ASSERT_TRUE(fresh.contains("Fresh One") && fresh.contains("Fresh Two")) << json.dump();
  const auto& one = fresh["Fresh One"];
  EXPECT_TRUE(one["track_id"].is_null());
  EXPECT_TRUE(one["from_discovery"].get<bool>());
  EXPECT_EQ(one["artist"], "Artist 1");  // as the history spells it, not the catalog's lower case
  EXPECT_EQ(one["spotify_id"], "n000000000000000000001");
  EXPECT_NE(one["why"].get<std::string>().find("new to you: more by Artist 1, whom you play (catalog)"),
            std::string::npos)
      << one.dump();
  EXPECT_TRUE(json["notes"].empty()) << json["notes"].dump();

  // Without a discovery share the catalog is not drawn on: every track is the history's own.
  const auto own = nlohmann::json::parse(sonic({"playlist", "4 songs", "--json"}).out);
  for (const auto& track : own["tracks"]) EXPECT_FALSE(track["new_to_you"].get<bool>()) << track.dump();
}

// A reply in the constraint schema: energy 70-100%, four songs building up, under a name of its own.
std::string model_reply() {
  nlohmann::json ranges = nlohmann::json::object();
  for (const char* feature : playlist::kPlaylistFeatures) ranges[feature] = nullptr;
  ranges["energy"] = {{"low", 70}, {"high", 100}};  // percentages
  return nlohmann::json{{"ranges", ranges},      {"time_of_day", nullptr}, {"day_type", nullptr},
                        {"mood", nullptr},       {"discovery_percent", 0}, {"songs", 4},
                        {"minutes", nullptr},    {"ordering", "build_up"}, {"name", "Sunrise Sprint"},
                        {"description", nullptr}}
      .dump();
}

// The environment that points sonic at `openai` as its language model.
RunOptions answered_by(const OpenAiFake& openai) {
  RunOptions options;
  options.env = {{"OPENAI_BASE_URL", openai.base_url()}, {"OPENAI_API_KEY", OpenAiFake::kApiKey}};
  return options;
}

TEST_F(PlaylistE2e, AConfiguredLanguageModelReadsThePromptOnceAndOfflineAsksNothing) {
  OpenAiFake openai;
  openai.set_reply(model_reply());
  const RunOptions online = answered_by(openai);

  const auto run = sonic({"playlist", "something to get me out of bed", "--json"}, online);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["constraints"]["source"], "model");
  EXPECT_EQ(json["model"]["used"], true);
  EXPECT_EQ(json["model"]["cached"], false);
  EXPECT_EQ(json["title"], "Sunrise Sprint");
  ASSERT_EQ(json["tracks"].size(), 4u);
  double previous = 0;
  for (const auto& track : json["tracks"]) {
    const double energy = track["features"]["energy"].get<double>();
    EXPECT_GE(energy, 0.7) << track.dump();  // only tracks from the library, inside the model's range
    EXPECT_GE(energy, previous) << "build up: energy rises";
    previous = energy;
  }
  ASSERT_EQ(openai.completion_requests(), 1u);
  const auto request = nlohmann::json::parse(openai.requests()[0].body);
  EXPECT_EQ(request["response_format"]["type"], "json_schema");
  EXPECT_NE(request["messages"].dump().find("something to get me out of bed"), std::string::npos);
  EXPECT_EQ(run.err.find(OpenAiFake::kApiKey), std::string::npos);

  // The same prompt again is answered from the store; --offline never asks.
  const auto again = sonic({"playlist", "something to get me out of bed", "--json"}, online);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["model"]["cached"], true);
  const auto offline = sonic({"playlist", "high energy, 3 songs", "--offline", "--json"}, online);
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_EQ(nlohmann::json::parse(offline.out)["constraints"]["source"], "parser");
  EXPECT_EQ(openai.completion_requests(), 1u);
}

TEST_F(PlaylistE2e, AModelReplyThatIsNotJsonLeavesTheParsersPlaylistAndOneWarning) {
  OpenAiFake openai;
  openai.set_reply("Sure! Here are some upbeat songs: ...");
  const RunOptions online = answered_by(openai);
  const auto run = sonic({"playlist", "high energy, 3 songs", "--json"}, online);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["constraints"]["source"], "parser");
  EXPECT_EQ(json["tracks"].size(), 3u);
  EXPECT_EQ(json["model"]["used"], false);
  EXPECT_NE(run.err.find("the parser's reading is"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(OpenAiFake::kApiKey), std::string::npos);

  // --explain runs before any store is opened; its warning still goes to stderr, not into the JSON.
  const auto explained = sonic({"playlist", "--explain", "--json", "high energy"}, online);
  ASSERT_EQ(explained.exit_code, 0) << explained.err;
  EXPECT_EQ(nlohmann::json::parse(explained.out)["model"]["used"], false) << explained.out;
  EXPECT_NE(explained.err.find("the parser's reading is"), std::string::npos) << explained.err;
}

TEST(PlaylistExplainE2e, ExplainNeedsNoStore) {
  TempDir home;
  const auto run = run_sonic({"--home", home.path().string(), "playlist", "--explain", "--json", "not sad, an hour"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["constraints"]["ranges"]["valence"], nlohmann::json::array({0.35, 1.0}));
  EXPECT_EQ(json["constraints"]["size"]["minutes"], 60);
  EXPECT_FALSE(json.contains("tracks"));
  const auto text = run_sonic({"--home", home.path().string(), "playlist", "--explain", "calm"});
  EXPECT_NE(text.out.find("\"ordering\": \"steady\""), std::string::npos) << text.out;
}

TEST(PlaylistExplainE2e, BadPromptsExitTwoWithAReadableMessage) {
  TempDir home;
  auto refused = [&](std::vector<std::string> args, const std::string& words) {
    args.insert(args.begin(), {"--home", home.path().string(), "playlist"});
    const auto run = run_sonic(args);
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_NE(run.err.find(words), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  };
  refused({""}, "the prompt is empty");
  refused({std::string(10'000, 'x')}, "10000 characters long");
  refused({"sad \x01 songs"}, "control character");
  refused({"0 songs"}, "asks for 0 songs");
  refused({"10000 songs"}, "asks for 10000 songs");
  refused({}, "say what the playlist is for");
  refused({"--for", "brunch"}, "--for brunch");
  refused({"calm"}, "no sonic store");  // a valid prompt still needs an imported history
  refused({"calm", "--before", "yesterday"}, "--before yesterday");
}

}  // namespace
}  // namespace sonic::testing
