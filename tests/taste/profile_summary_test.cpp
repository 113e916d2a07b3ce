#include "sonic/taste/profile_summary.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"

namespace sonic::taste {
namespace {

nlohmann::json valid() {
  ProfileSummary summary;
  summary.listens = 3;
  summary.artists = {{"Alpha", "alpha", 1.0, {"rock"}}};
  summary.hours[3] = 1.0;
  return to_json(summary);
}

std::string error_of(const nlohmann::json& document) {
  try {
    profile_from_json(document, "friend.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ProfileSummary, MalformedFilesAreRefusedNamingFileAndPlace) {
  auto document = valid();
  EXPECT_EQ(profile_from_json(document, "friend.json").artists[0].genres[0], "rock");

  document["artists"][0]["share"] = "a lot";
  EXPECT_EQ(error_of(document), "friend.json: /artists/0/share: expected a number");

  document = valid();
  document["hours"].erase(0);
  EXPECT_EQ(error_of(document), "friend.json: /hours: expected 24 shares");

  document = valid();
  document.erase("genres");
  EXPECT_EQ(error_of(document), "friend.json: /: missing \"genres\"");

  document = valid();
  document["format"] = "sonic.dashboard/1";
  EXPECT_NE(error_of(document).find("friend.json: /format: not a sonic taste profile"), std::string::npos);

  EXPECT_EQ(error_of(nlohmann::json::array()), "friend.json: /: expected a JSON object");
}

TEST(ProfileSummary, ANewerVersionIsRefused) {
  auto document = valid();
  document["version"] = kProfileVersion + 1;
  EXPECT_NE(error_of(document).find("friend.json: /version: version 2 is newer than this sonic reads (1)"),
            std::string::npos);
}

TEST(ProfileSummary, ArtistKeysFoldCaseAndSpaces) {
  EXPECT_EQ(artist_key("The  Beatles "), "the beatles");
  EXPECT_EQ(artist_key("THE BEATLES"), "the beatles");
}

}  // namespace
}  // namespace sonic::taste
