#include "sonic/sim/options.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "sonic/core/error.hpp"

namespace sonic::sim {
namespace {

void expect_rejected(const std::function<void(SimulationOptions&)>& spoil) {
  SimulationOptions options;
  spoil(options);
  EXPECT_THROW(validate(options), UsageError);
}

TEST(SimulationOptions, DefaultsAreValid) { EXPECT_NO_THROW(validate(SimulationOptions{})); }

TEST(SimulationOptions, RejectsEachFieldOutOfRange) {
  expect_rejected([](auto& o) { o.days = 0; });
  expect_rejected([](auto& o) { o.days = 5000; });
  expect_rejected([](auto& o) { o.start_date = {2025, 2, 30}; });
  expect_rejected([](auto& o) { o.utc_offset_minutes = 15 * 60; });
  expect_rejected([](auto& o) { o.utc_offset_minutes = -13 * 60; });
  expect_rejected([](auto& o) { o.catalog_size = 9; });
  expect_rejected([](auto& o) { o.conn_country = "de"; });
  expect_rejected([](auto& o) { o.conn_country = "DEU"; });
}

}  // namespace
}  // namespace sonic::sim
