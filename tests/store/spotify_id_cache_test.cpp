#include "sonic/store/spotify_id_cache.hpp"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

namespace sonic::store {
namespace {

std::string random_id(std::mt19937_64& random) {
  static constexpr char kBase62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string id(22, '0');
  for (char& c : id) c = kBase62[random() % 62];
  return id;
}

TEST(SpotifyIdCache, AnEmptyCacheFindsNothing) {
  const SpotifyIdCache cache;
  EXPECT_FALSE(cache.find("4uLU6hMCjMI75M1A2tKUQC").has_value());
  EXPECT_FALSE(cache.find("").has_value());
}

// Against std::unordered_map on 50,000 random IDs (the table grows from 1,024 slots to 131,072
// on the way): every stored ID is found with its latest value, and IDs never stored are not.
TEST(SpotifyIdCache, AgreesWithAnOrdinaryMapThroughEveryGrowth) {
  std::mt19937_64 random(7);
  SpotifyIdCache cache;
  std::unordered_map<std::string, std::int64_t> truth;
  for (std::int64_t i = 1; i <= 50000; ++i) {
    const std::string id = random_id(random);
    cache.insert(id, i);
    truth[id] = i;
  }
  // Replacing a value keeps one entry.
  const std::string first = truth.begin()->first;
  cache.insert(first, -5);
  truth[first] = -5;
  EXPECT_EQ(cache.size(), truth.size());
  for (const auto& [id, value] : truth) {
    const auto found = cache.find(id);
    ASSERT_TRUE(found.has_value()) << id;
    EXPECT_EQ(*found, value) << id;
  }
  for (int i = 0; i < 1000; ++i) {
    const std::string stranger = random_id(random);
    if (!truth.contains(stranger)) {
      EXPECT_FALSE(cache.find(stranger).has_value()) << stranger;
    }
  }
}

// The writer stores whatever the export holds: other lengths are kept too, apart.
TEST(SpotifyIdCache, KeysOfOtherLengthsAreKeptApart) {
  SpotifyIdCache cache;
  cache.insert("short", 1);
  cache.insert("4uLU6hMCjMI75M1A2tKUQC", 2);
  cache.insert("4uLU6hMCjMI75M1A2tKUQCx", 3);  // 23 characters: a prefix of it is a real ID
  EXPECT_EQ(cache.find("short"), 1);
  EXPECT_EQ(cache.find("4uLU6hMCjMI75M1A2tKUQC"), 2);
  EXPECT_EQ(cache.find("4uLU6hMCjMI75M1A2tKUQCx"), 3);
  EXPECT_FALSE(cache.find("shor").has_value());
  EXPECT_EQ(cache.size(), 3u);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_FALSE(cache.find("4uLU6hMCjMI75M1A2tKUQC").has_value());
  EXPECT_FALSE(cache.find("short").has_value());
  cache.insert("4uLU6hMCjMI75M1A2tKUQC", 4);  // usable again after a clear
  EXPECT_EQ(cache.find("4uLU6hMCjMI75M1A2tKUQC"), 4);
}

}  // namespace
}  // namespace sonic::store
