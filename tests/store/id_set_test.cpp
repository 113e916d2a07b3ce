// The set of IDs behind the catalog import and the import writer's track cache (open addressing,
// grown as it fills).
#include <gtest/gtest.h>

#include <string>

#include "sonic/store/id_set.hpp"

namespace sonic::store {
namespace {

TEST(IdSet, EachIdIsNewOnceAcrossManyGrowths) {
  IdSet ids;
  // 20,000 IDs grow the table from 1,024 slots past 32,768; IDs that are prefixes of one
  // another and the empty ID are distinct IDs.
  for (int i = 0; i < 20000; ++i) ASSERT_TRUE(ids.insert(std::to_string(i)).is_new) << i;
  EXPECT_TRUE(ids.insert("").is_new);
  for (int i = 0; i < 20000; ++i) ASSERT_FALSE(ids.insert(std::to_string(i)).is_new) << i;
  EXPECT_FALSE(ids.insert("").is_new);
  EXPECT_TRUE(ids.insert("20000").is_new);
  EXPECT_TRUE(ids.insert("0 ").is_new);
}

// Entries are numbered in the order added, a repeat names its first entry, and find agrees.
TEST(IdSet, EntriesAreTheOrderAddedAndFindAgrees) {
  IdSet ids;
  EXPECT_EQ(ids.insert("b").entry, 0u);
  EXPECT_EQ(ids.insert("a").entry, 1u);
  const auto again = ids.insert("b");
  EXPECT_FALSE(again.is_new);
  EXPECT_EQ(again.entry, 0u);
  EXPECT_EQ(ids.find("a"), 1u);
  EXPECT_FALSE(ids.find("c").has_value());
  EXPECT_EQ(ids.id(1), "a");
  ids.clear();
  EXPECT_EQ(ids.size(), 0u);
  EXPECT_FALSE(ids.find("a").has_value());
  EXPECT_EQ(ids.insert("a").entry, 0u);
}

}  // namespace
}  // namespace sonic::store
