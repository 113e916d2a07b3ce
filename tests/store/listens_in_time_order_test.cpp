// The one reader of listens in time order, on a real SQLite store: what plays_by_start's order
// gave (start, then the order stored), only music listens, only the period's.
#include "store/listens_in_time_order.hpp"

#include <gtest/gtest.h>

#include "sonic/store/schema.hpp"

namespace sonic::store {
namespace {

class ListensInTimeOrderTest : public ::testing::Test {
 protected:
  ListensInTimeOrderTest() : db_(Database::in_memory()) {
    migrate(db_);
    // Stored out of time order; plays 2 and 4 start together (4 stored later); play 3 is a skip
    // and play 6 an episode, neither a listen. Track ids run against time so the covering
    // index's own order (by track) differs from the answer.
    db_.exec(
        "INSERT INTO artists (id, name, name_key) VALUES (1, 'A', 'a');"
        "INSERT INTO tracks (id, name, artist_id, name_key) VALUES (1, 'One', 1, '1'), (2, 'Two', 1, '2'),"
        "  (3, 'Three', 1, '3');"
        "INSERT INTO episodes (id, uri, name_key, kind, name, show_name) VALUES (1, 'e', 'e', 'podcast', 'E', 'S');"
        "INSERT INTO plays (id, track_id, start_ms, end_ms, ms_played, is_short, source) VALUES"
        "  (1, 1, 5000, 65000, 60000, 0, 'extended'), (2, 3, 2000, 42000, 40000, 0, 'extended'),"
        "  (3, 2, 1000, 11000, 10000, 1, 'extended'), (4, 1, 2000, 92000, 90000, 0, 'api'),"
        "  (5, 2, 1000, 51000, 50000, 0, 'extended');"
        "INSERT INTO plays (id, episode_id, start_ms, end_ms, ms_played, is_short, source) VALUES"
        "  (6, 1, 3000, 603000, 600000, 0, 'extended');");
  }
  Database db_;
};

TEST_F(ListensInTimeOrderTest, ByStartThenByTheOrderStoredOnlyListens) {
  const auto listens = listens_in_time_order(db_);
  ASSERT_EQ(listens.size(), 4u);
  EXPECT_EQ(listens[0].id, 5);
  EXPECT_EQ(listens[1].id, 2);  // starts with 4, stored first
  EXPECT_EQ(listens[2].id, 4);
  EXPECT_EQ(listens[3].id, 1);
  EXPECT_EQ(listens[1].track_id, 3);
  EXPECT_EQ(listens[1].ms_played, 40000);
  EXPECT_EQ(listens[1].end_ms, 42000);
  EXPECT_EQ(listens[2].start_ms, 2000);
}

TEST_F(ListensInTimeOrderTest, OnlyThoseStartingInThePeriod) {
  const auto listens = listens_in_time_order(db_, 2000, 5000);  // [2000, 5000): not the one at 5000
  ASSERT_EQ(listens.size(), 2u);
  EXPECT_EQ(listens[0].id, 2);
  EXPECT_EQ(listens[1].id, 4);
  EXPECT_TRUE(listens_in_time_order(db_, 6000, 9000).empty());
}

}  // namespace
}  // namespace sonic::store
