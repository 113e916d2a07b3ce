#include "sonic/sources/name_key.hpp"

#include <gtest/gtest.h>

namespace sonic::sources {
namespace {

TEST(NameKey, FoldsCaseAccentsPunctuationAndSpace) {
  EXPECT_EQ(normalize_name("  Beyoncé  –  HALO!! "), "beyonce halo");
  EXPECT_EQ(normalize_name("Café “Noir” & Co"), normalize_name("cafe \"noir\" & co"));
  EXPECT_EQ(normalize_name("Don't Stop"), normalize_name("Don’t stop"));
  EXPECT_EQ(normalize_name("Sigur Rós"), "sigur ros");
}

TEST(NameKey, KeepsOtherScriptsAndDistinguishesVersions) {
  EXPECT_EQ(normalize_name("坂本龍一"), "坂本龍一");
  EXPECT_NE(normalize_name("Song (Live)"), normalize_name("Song"));
}

TEST(NameKey, ArtistAndTitleCannotRunTogether) {
  EXPECT_NE(track_name_key("ab", "c"), track_name_key("a", "bc"));
  EXPECT_EQ(track_name_key("Aurora Fields", "Morning Light"), track_name_key("aurora fields", "morning light"));
}

TEST(NameKey, ACatalogArtistCellStandsForItselfAndItsFirstArtist) {
  using V = std::vector<std::string>;
  EXPECT_EQ(artist_name_variants("Lady Gaga, Bruno Mars"), (V{"Lady Gaga, Bruno Mars", "Lady Gaga"}));
  EXPECT_EQ(artist_name_variants("Drake Featuring Rihanna"), (V{"Drake Featuring Rihanna", "Drake"}));
  EXPECT_EQ(artist_name_variants("Khalid feat. Normani"), (V{"Khalid feat. Normani", "Khalid"}));
  // The earliest separator ends the first artist, whichever kind it is.
  EXPECT_EQ(artist_name_variants("A ft. B, C"), (V{"A ft. B, C", "A"}));
  EXPECT_EQ(artist_name_variants("['Fatoumata Diawara', 'Hailu']"),
            (V{"Fatoumata Diawara, Hailu", "Fatoumata Diawara"}));
  EXPECT_EQ(artist_name_variants("Halsey"), (V{"Halsey"}));
  EXPECT_EQ(artist_name_variants("  "), V{});
  EXPECT_EQ(artist_name_variants(""), V{});
}

}  // namespace
}  // namespace sonic::sources
