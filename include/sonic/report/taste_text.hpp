#pragma once
// The terminal forms of `sonic recommend`, `sonic compare` and `sonic profile`: every name from
// the data passes terminal_safe.
#include <string>

#include "sonic/taste/compatibility.hpp"
#include "sonic/taste/profile_summary.hpp"
#include "sonic/taste/recommend.hpp"

namespace sonic::report {

std::string recommend_text(const taste::RecommendResult& result);
std::string compare_text(const taste::Comparison& result);
std::string profile_text(const taste::ProfileSummary& summary, const std::string& written_to);

}  // namespace sonic::report
