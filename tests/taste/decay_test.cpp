#include "sonic/taste/decay.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sonic/core/error.hpp"

namespace sonic::taste {
namespace {

constexpr std::int64_t kDay = 86'400'000;

TEST(Decay, ExponentialHalvesEveryHalfLife) {
  const DecayOptions options;  // 90 days
  EXPECT_DOUBLE_EQ(listen_weight(options, 0), 1.0);
  EXPECT_DOUBLE_EQ(listen_weight(options, 90 * kDay), 0.5);
  EXPECT_DOUBLE_EQ(listen_weight(options, 180 * kDay), 0.25);
  EXPECT_DOUBLE_EQ(listen_weight({.half_life_days = 30}, 45 * kDay), std::pow(2.0, -1.5));
  EXPECT_EQ(listen_weight(options, -1), 0.0);  // after the moment described
}

TEST(Decay, PowerLawIsActRActivation) {
  const DecayOptions power{.kind = DecayKind::power, .power_d = 0.5};
  EXPECT_DOUBLE_EQ(listen_weight(power, 4 * kDay), 0.5);  // 4^-0.5
  EXPECT_DOUBLE_EQ(listen_weight(power, 1 * kDay), 1.0);
  // Younger than an hour counts as an hour: 24^0.5.
  EXPECT_DOUBLE_EQ(listen_weight(power, 0), std::sqrt(24.0));
  // Two listens, 1 and 4 days old: ln(1 + 0.5).
  EXPECT_DOUBLE_EQ(activation(listen_weight(power, kDay) + listen_weight(power, 4 * kDay)), std::log(1.5));
  EXPECT_TRUE(std::isinf(activation(0.0)));
}

TEST(Decay, ParsesItsNames) {
  EXPECT_EQ(parse_decay_kind("power"), DecayKind::power);
  EXPECT_EQ(parse_decay_kind("exponential"), DecayKind::exponential);
  EXPECT_THROW(parse_decay_kind("linear"), UsageError);
}

}  // namespace
}  // namespace sonic::taste
