#include "sonic/taste/genres.hpp"

#include <gtest/gtest.h>

namespace sonic::taste {
namespace {

TEST(Genres, SpellingVariantsFoldToOneGenre) {
  for (const char* spelling : {"Hip-Hop", "hip hop", "hiphop", "HIP HOP", "hip_hop"}) {
    const auto tag = canonical_tag(spelling);
    ASSERT_TRUE(tag) << spelling;
    EXPECT_EQ(tag->key, "hiphop") << spelling;
    EXPECT_EQ(tag->name, "hip hop") << spelling;
    EXPECT_EQ(tag->kind, TagKind::genre);
  }
  EXPECT_EQ(canonical_tag("R&B")->key, canonical_tag("rnb")->key);
  EXPECT_EQ(canonical_tag("drum & bass")->key, canonical_tag("DnB")->key);
  EXPECT_EQ(canonical_tag("Indie-Rock")->key, canonical_tag("indie rock")->key);
  EXPECT_EQ(canonical_tag("Indie-Rock")->name, "indie rock");
  EXPECT_NE(canonical_tag("indie")->key, canonical_tag("indie rock")->key);
}

TEST(Genres, StopListedTagsAreDropped) {
  for (const char* tag : {"seen live", "Favorites", "favourites", "2019", "", " - ", "albums I own"}) {
    EXPECT_FALSE(canonical_tag(tag)) << tag;
  }
}

TEST(Genres, DescriptorsAreKeptApart) {
  for (const char* tag : {"female vocalists", "Female Vocalist", "british", "80s", "1990s"}) {
    const auto canonical = canonical_tag(tag);
    ASSERT_TRUE(canonical) << tag;
    EXPECT_EQ(canonical->kind, TagKind::descriptor) << tag;
  }
  EXPECT_EQ(canonical_tag("shoegaze")->kind, TagKind::genre);
}

TEST(Genres, SharesAreOverGenreCountsWithVariantsAdded) {
  const std::vector<records::ItemTag> tags = {
      {1, "indie", 100},    {1, "Indie-Rock", 30},       {1, "indie rock", 20},
      {1, "seen live", 80}, {1, "female vocalists", 40}, {1, "hip hop", 0}};  // a zero count takes no share
  const auto genres = genre_shares(tags);
  ASSERT_EQ(genres.size(), 2u);
  EXPECT_EQ(genres[0].key, "indie");
  EXPECT_DOUBLE_EQ(genres[0].share, 100.0 / 150.0);
  EXPECT_EQ(genres[1].key, "indierock");
  EXPECT_DOUBLE_EQ(genres[1].share, 50.0 / 150.0);
  const auto descriptors = descriptor_shares(tags);
  ASSERT_EQ(descriptors.size(), 1u);
  EXPECT_EQ(descriptors[0].key, "femalevocalists");
  EXPECT_DOUBLE_EQ(descriptors[0].share, 1.0);
  EXPECT_TRUE(genre_shares(std::vector<records::ItemTag>{{1, "seen live", 100}}).empty());
}

TEST(Genres, CatalogCellsGiveTheirItemsForTheOneCanonicaliser) {
  const auto keys = [](std::string_view cell) {
    std::vector<std::string> folded;
    for (const auto& item : genre_cell_items(cell)) {
      const auto tag = canonical_tag(item);
      folded.push_back(tag ? tag->key : "(dropped)");
    }
    return folded;
  };
  using Keys = std::vector<std::string>;
  EXPECT_EQ(keys("['Hip-Hop', \"rock'n'roll\", 'seen live']"), (Keys{"hiphop", "rockandroll", "(dropped)"}));
  EXPECT_EQ(keys(R"(["indie rock","shoegaze"])"), (Keys{"indierock", "shoegaze"}));
  EXPECT_EQ(keys("pop; Hip Hop|R&B, jazz"), (Keys{"pop", "hiphop", "rnb", "jazz"}));
  EXPECT_EQ(keys("Drum & Bass"), (Keys{"drumandbass"}));
  EXPECT_TRUE(genre_cell_items("[]").empty());
  EXPECT_TRUE(genre_cell_items(" ; ,").empty());
}

}  // namespace
}  // namespace sonic::taste
