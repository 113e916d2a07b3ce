#include "sonic/taste/decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sonic/core/error.hpp"

namespace sonic::taste {

DecayKind parse_decay_kind(const std::string& text) {
  if (text == "exponential") return DecayKind::exponential;
  if (text == "power") return DecayKind::power;
  throw UsageError("--decay must be exponential or power, not '" + text + "'");
}

const char* decay_kind_name(DecayKind kind) { return kind == DecayKind::power ? "power" : "exponential"; }

double listen_weight(const DecayOptions& options, std::int64_t age_ms) {
  if (age_ms < 0) return 0.0;
  constexpr double kMsPerDay = 86'400'000.0;
  const double age_days = static_cast<double>(age_ms) / kMsPerDay;
  if (options.kind == DecayKind::power) return std::pow(std::max(age_days, kMinimumAgeDays), -options.power_d);
  return std::exp2(-age_days / options.half_life_days);
}

double activation(double power_weight_sum) {
  return power_weight_sum > 0 ? std::log(power_weight_sum) : -std::numeric_limits<double>::infinity();
}

}  // namespace sonic::taste
