// The import's set of stored track IDs (open addressing, grown as it fills): invisible except in
// speed.
#include <gtest/gtest.h>

#include <string>

#include "sonic/store/catalog_store.hpp"

namespace sonic::store {
namespace {

TEST(CatalogTrackIds, EachIdIsNewOnceAcrossManyGrowths) {
  CatalogTrackIds ids;
  // 20,000 IDs grow the table from 1,024 slots past 32,768; IDs that are prefixes of one
  // another and the empty ID are distinct IDs.
  for (int i = 0; i < 20000; ++i) ASSERT_TRUE(ids.insert(std::to_string(i))) << i;
  EXPECT_TRUE(ids.insert(""));
  for (int i = 0; i < 20000; ++i) ASSERT_FALSE(ids.insert(std::to_string(i))) << i;
  EXPECT_FALSE(ids.insert(""));
  EXPECT_TRUE(ids.insert("20000"));
  EXPECT_TRUE(ids.insert("0 "));
}

}  // namespace
}  // namespace sonic::store
