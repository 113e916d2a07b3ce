#include "sonic/sim/options.hpp"

#include "sonic/core/error.hpp"
#include "sonic/sim/civil_time.hpp"

namespace sonic::sim {
namespace {

bool is_country_code(const std::string& code) {
  return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

}  // namespace

void validate(const SimulationOptions& options) {
  if (options.days < 1 || options.days > 3660) {
    throw UsageError("simulated days must be between 1 and 3660, not " + std::to_string(options.days));
  }
  if (!is_valid_date(options.start_date)) {
    throw UsageError("the simulation start date is not a real date");
  }
  if (options.utc_offset_minutes < -12 * 60 || options.utc_offset_minutes > 14 * 60) {
    throw UsageError("the UTC offset must be between -720 and +840 minutes, not " +
                     std::to_string(options.utc_offset_minutes));
  }
  if (options.catalog_size < 10) {
    throw UsageError("the simulated catalog needs at least 10 tracks");
  }
  if (!is_country_code(options.conn_country)) {
    throw UsageError("conn_country must be a two-letter code such as DE, not '" + options.conn_country + "'");
  }
}

}  // namespace sonic::sim
