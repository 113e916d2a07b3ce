#pragma once
// How much an old listen still counts. Exponential decay halves a listen's weight every
// `half_life_days` (90 by default); the power law is ACT-R's base-level activation
// ln Σ age^-d, whose long tail keeps a song loved years ago from vanishing.
#include <cstdint>
#include <string>

namespace sonic::taste {

enum class DecayKind { exponential, power };

struct DecayOptions {
  DecayKind kind = DecayKind::exponential;
  double half_life_days = 90.0;
  double power_d = 0.5;  // ACT-R's customary decay exponent
};

// "exponential" or "power"; a UsageError for anything else.
DecayKind parse_decay_kind(const std::string& text);
const char* decay_kind_name(DecayKind kind);

// Ages below one hour count as one hour, so the power law stays finite for a listen just now.
inline constexpr double kMinimumAgeDays = 1.0 / 24.0;

// The weight of one listen `age_ms` before the moment the profile describes: 0.5^(age/half-life)
// or max(age, 1 h)^-d with the age in days. A listen after that moment weighs 0.
double listen_weight(const DecayOptions& options, std::int64_t age_ms);

// ACT-R's activation of an item, ln Σ age^-d, from the sum of its power-law listen weights
// (-infinity for an item never heard).
double activation(double power_weight_sum);

}  // namespace sonic::taste
