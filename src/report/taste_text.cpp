#include "sonic/report/taste_text.hpp"

#include <cstdio>

#include "sonic/report/text_cell.hpp"

namespace sonic::report {
namespace {

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * share);
  return buffer;
}

std::string fixed(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace

std::string recommend_text(const taste::RecommendResult& result) {
  std::string text;
  for (const auto& line : result.skipped) text += line + "\n";
  if (result.recommendations.empty()) {
    return text + "No recommendations: no track of the chosen pools scores above 0 (" +
           std::to_string(result.candidates) + " candidates).\n";
  }
  int number = 0;
  for (const auto& pick : result.recommendations) {
    const std::string what = pick.track.empty() ? " (the artist)" : " - " + terminal_safe(pick.track);
    text += std::to_string(++number) + ". " + terminal_safe(pick.artist) + what + "  [" + taste::pool_name(pick.pool) +
            "]\n";
    std::string because;
    for (const auto& reason : pick.reasons) {
      because += (because.empty() ? "" : ", ") + std::to_string(reason.percent) + "% " + terminal_safe(reason.because);
    }
    text += "   because: " + because + "\n";
  }
  return text;
}

std::string compare_text(const taste::Comparison& result) {
  const auto& compatibility = result.compatibility;
  std::string text =
      "Compatibility with " + terminal_safe(result.other) + ": " + fixed(compatibility.score, 0) + " / 100\n";
  for (const auto& part : compatibility.parts) {
    text += "  " + cell(part.name, 8) + " " +
            (part.value ? fixed(100.0 * *part.value, 1) : std::string("n/a (one profile has none)")) + "\n";
  }
  if (!compatibility.shared_favourites.empty()) {
    text += "Shared favourites (your share / theirs):\n";
    for (const auto& favourite : compatibility.shared_favourites) {
      text += "  " + terminal_safe(favourite.name) + "  " + percent(favourite.share_a) + " / " +
              percent(favourite.share_b) + "\n";
    }
  }
  if (!compatibility.bridges.empty()) {
    text += "Bridge artists:\n";
    for (const auto& bridge : compatibility.bridges) {
      text += "  " + terminal_safe(bridge.name) +
              (bridge.played_by == 'a' ? "  (you play it; their genres say they would like it)\n"
                                       : "  (they play it; your genres say you would like it)\n");
    }
  }
  return text;
}

std::string profile_text(const taste::ProfileSummary& summary, const std::string& written_to) {
  std::string text = "Taste profile written to " + terminal_safe(written_to) + " (" + std::to_string(summary.listens) +
                     " listens, " + percent(summary.genre_coverage) + " with a known genre)\n";
  for (std::size_t i = 0; i < summary.artists.size() && i < 5; ++i) {
    text += "  " + terminal_safe(summary.artists[i].name) + "  " + percent(summary.artists[i].share) + "\n";
  }
  return text;
}

}  // namespace sonic::report
