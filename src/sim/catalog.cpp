#include "sonic/sim/catalog.hpp"

#include <algorithm>
#include <unordered_set>

#include "mood_profiles.hpp"
#include "name_maker.hpp"
#include "spotify_id.hpp"

namespace sonic::sim {
namespace {

constexpr std::size_t kTracksPerArtist = 5;
constexpr double kArtistMoodLoyalty = 0.8;  // the rest of an artist's tracks pick any other mood
constexpr double kSingleShare = 0.15;       // tracks released as singles: album named as the track
constexpr int kEpisodesPerShow = 40;

struct Artist {
  std::string name;
  LatentMood mood = LatentMood::calm;
  double popularity = 1.0;  // relative share of the catalog's tracks
  std::vector<std::string> albums;
};

// IDs are random, so two could collide in principle; a catalog must never hold one twice.
std::string fresh_id(SeededRandom& random, std::unordered_set<std::string>& used) {
  for (;;) {
    std::string id = random_spotify_id(random);
    if (used.insert(id).second) return id;
  }
}

std::vector<std::string> make_albums(SeededRandom& random) {
  std::vector<std::string> albums;
  const auto count = random.integer(1, 3);
  while (static_cast<std::int64_t>(albums.size()) < count) {
    std::string album = make_album_title(random);
    if (std::find(albums.begin(), albums.end(), album) == albums.end()) albums.push_back(album);
  }
  return albums;
}

std::vector<Artist> make_artists(std::size_t count, SeededRandom& random) {
  std::vector<Artist> artists;
  std::unordered_set<std::string> names;
  for (const PlantedTrack& planted : planted_tracks()) {
    if (artists.size() == count) break;
    artists.push_back({planted.artist, planted.mood, random.uniform(0.4, 1.6), {planted.album}});
    names.insert(planted.artist);
  }
  while (artists.size() < count) {
    std::string name = make_artist_name(random);
    if (!names.insert(name).second) continue;
    // Moods go round-robin so every mood has artists even in a tiny catalog.
    const LatentMood mood = kAllMoods[artists.size() % kMoodCount];
    artists.push_back({std::move(name), mood, random.uniform(0.4, 1.6), make_albums(random)});
  }
  return artists;
}

// Which artist each track belongs to: every artist gets one, the rest follow popularity.
std::vector<std::size_t> assign_artists(std::size_t track_count, const std::vector<Artist>& artists,
                                        SeededRandom& random) {
  std::vector<std::size_t> owners;
  for (std::size_t i = 0; i < artists.size() && owners.size() < track_count; ++i) {
    owners.push_back(i);
  }
  std::vector<double> popularity;
  for (const Artist& artist : artists) popularity.push_back(artist.popularity);
  while (owners.size() < track_count) owners.push_back(random.weighted_index(popularity));
  return owners;
}

LatentMood track_mood(LatentMood artist_mood, SeededRandom& random) {
  if (random.chance(kArtistMoodLoyalty)) return artist_mood;
  const auto shift = static_cast<std::size_t>(random.integer(1, kMoodCount - 1));
  return kAllMoods[(mood_index(artist_mood) + shift) % kMoodCount];
}

class TrackMaker {
 public:
  explicit TrackMaker(SeededRandom& random) : random_(random) {}

  CatalogTrack make(const Artist& artist) {
    std::string title = unused_title(artist.name);
    const auto album_index = random_.integer(0, static_cast<std::int64_t>(artist.albums.size()) - 1);
    std::string album = random_.chance(kSingleShare) ? title : artist.albums[static_cast<std::size_t>(album_index)];
    return finish(artist, std::move(title), std::move(album), track_mood(artist.mood, random_));
  }

  // The planted names keep their artist's mood exactly, so tests know where to find them.
  CatalogTrack make_planted(const Artist& artist, const PlantedTrack& planted) {
    titles_.insert(artist.name + '\n' + planted.title);
    return finish(artist, planted.title, planted.album, planted.mood);
  }

  std::unordered_set<std::string>& ids() { return ids_; }

 private:
  CatalogTrack finish(const Artist& artist, std::string title, std::string album, LatentMood mood) {
    CatalogTrack track;
    track.id = fresh_id(random_, ids_);
    track.title = std::move(title);
    track.artist = artist.name;
    track.album = std::move(album);
    track.mood = mood;
    track.duration_ms = draw_duration_ms(mood, random_);
    track.features = draw_audio_features(mood, random_);
    return track;
  }

  // One artist rarely has two songs of the same name; after a few tries we accept it, as
  // Spotify does (remasters, live versions).
  std::string unused_title(const std::string& artist) {
    std::string title;
    for (int attempt = 0; attempt < 20; ++attempt) {
      title = make_track_title(random_);
      if (titles_.insert(artist + '\n' + title).second) break;
    }
    return title;
  }

  SeededRandom& random_;
  std::unordered_set<std::string> ids_;
  std::unordered_set<std::string> titles_;
};

std::vector<PodcastEpisode> make_episodes(SeededRandom& random, std::unordered_set<std::string>& ids) {
  std::vector<PodcastEpisode> episodes;
  for (const char* show : podcast_shows()) {
    const auto first_number = static_cast<int>(random.integer(20, 300));
    for (int i = 0; i < kEpisodesPerShow; ++i) {
      episodes.push_back({fresh_id(random, ids), make_episode_title(first_number + i, random), show,
                          random.integer(18, 65) * 60'000 + random.integer(0, 59'999)});
    }
  }
  return episodes;
}

}  // namespace

Catalog generate_catalog(std::size_t track_count, std::uint64_t seed) {
  SeededRandom random(seed);
  const std::size_t artist_count = std::min(track_count, std::max<std::size_t>(track_count / kTracksPerArtist, 10));
  const std::vector<Artist> artists = make_artists(artist_count, random);
  const std::vector<std::size_t> owners = assign_artists(track_count, artists, random);

  Catalog catalog;
  TrackMaker maker(random);
  const auto planted = planted_tracks();
  for (std::size_t i = 0; i < owners.size(); ++i) {
    const Artist& artist = artists[owners[i]];
    catalog.tracks.push_back(i < planted.size() ? maker.make_planted(artist, planted[i]) : maker.make(artist));
  }
  // Planted and one-per-artist tracks came first; shuffle so the catalog's order (which the
  // listener's favourites are drawn from) carries no trace of how it was built.
  random.shuffle(std::span<CatalogTrack>(catalog.tracks));
  for (const Artist& artist : artists) catalog.artists.push_back(artist.name);
  catalog.episodes = make_episodes(random, maker.ids());
  return catalog;
}

}  // namespace sonic::sim
