#include "offline_personality.hpp"

#include <cmath>
#include <vector>

namespace sonic::insight {
namespace {

using nlohmann::json;

// Words for a mean on the 0-1 scale: low, middle, high.
std::string word_for(const json& mean, const char* low, const char* middle, const char* high) {
  const double value = mean.get<double>();
  return value < 0.4 ? low : value > 0.6 ? high : middle;
}

std::string character_sentence(const json& overall, PhrasePicker& picker) {
  const json& valence = member(overall, "mean_valence");
  const json& energy = member(overall, "mean_energy");
  const json& dance = member(overall, "mean_danceability");
  if (!valence.is_number() || !energy.is_number() || !dance.is_number()) return "";
  return fill(picker.pick({"Taken together, your music is {0} and {1}: mean valence {2}, energy {3} "
                           "and danceability {4}.",
                           "Your overall sound is {0} and {1}, with a mean valence of {2}, energy of "
                           "{3} and danceability of {4}.",
                           "Across everything, the averages (valence {2}, energy {3}, danceability "
                           "{4}) describe a listener whose music is {0} and {1}."}),
              {word_for(valence, "wistful", "even-tempered", "sunny"),
               word_for(energy, "mellow", "moderately energetic", "high-energy"), number_text(valence),
               number_text(energy), number_text(dance)});
}

std::string mood_sentence(const json& overall, PhrasePicker& picker) {
  std::string mood;
  double best = -1;
  for (const auto& [label, share] : member(overall, "mood_mix").items()) {
    if (share.is_number() && share.get<double>() > best) mood = label, best = share.get<double>();
  }
  if (mood.empty()) return "";
  return fill(picker.pick({"Your most common mood is {0}, at {1}% of plays.",
                           "{2} is the mood you come back to most: {1}% of plays."}),
              {lowered(mood), percent_text(member(member(overall, "mood_mix"), mood)), capitalised(mood)});
}

std::string artists_sentence(const json& overall, PhrasePicker& picker) {
  std::vector<std::string> names;
  std::vector<std::string> plays;
  for (const auto& artist : member(overall, "top_artists")) {
    if (names.size() == 3) break;
    names.push_back(text_of(member(artist, "name")));
    plays.push_back(number_text(member(artist, "plays")));
  }
  if (names.empty()) return "";
  const bool one = names.size() == 1;
  return fill(
      picker.pick({"The {2} you return to most {3} {0} ({1} {4}).", "{0} ({1} {4}) {3} the core of your listening."}),
      {joined(names), joined(plays), one ? "artist" : "artists", one ? "is" : "are",
       one && plays[0] == "1" ? "play" : "plays"});
}

struct DriftWords {
  const char* metric;
  const char* rose;
  const char* fell;
};

constexpr DriftWords kDriftWords[] = {
    {"session_minutes", "your sessions got longer", "your sessions got shorter"},
    {"sessions_per_day", "you started more sessions a day", "you started fewer sessions a day"},
    {"tracks_per_day", "you played more tracks a day", "you played fewer tracks a day"},
    {"start_hour_entropy", "your listening spread over more hours", "your listening gathered into fewer hours"},
};

std::string drift_sentence(const json& drift, PhrasePicker& picker) {
  if (!member(drift, "metrics").is_object()) return "";
  const json& metrics = member(drift, "metrics");
  const json& window = member(drift, "window");
  std::vector<std::string> changes;
  for (const DriftWords& words : kDriftWords) {
    const json& metric = metrics[words.metric];
    if (member(metric, "flagged") != true) continue;
    const bool rose = number_or(metric, "change", 0) > 0;
    changes.push_back(std::string(rose ? words.rose : words.fell) + " (" + (rose ? "up " : "down ") +
                      percent_text(member(metric, "change")) + "%)");
  }
  for (const auto& [metric, what] :
       {std::pair{"start_hours", "the hours you start listening"}, std::pair{"mood_mix", "your mood mix"}}) {
    if (member(member(metrics, metric), "flagged") == true) {
      changes.push_back(std::string(what) + " shifted by " + percent_text(member(member(metrics, metric), "change")) +
                        "%");
    }
  }
  const std::string recent = number_text(member(window, "recent_days"));
  const std::string baseline = number_text(member(window, "baseline_days"));
  if (changes.empty()) {
    return fill(picker.pick({"Your last {0} days look much like the {1} before them.",
                             "Nothing moved by much between the last {0} days and the {1} before."}),
                {recent, baseline});
  }
  return fill(picker.pick({"Lately things are moving: in the last {0} days, against the {1} before, {2}.",
                           "Compared with the {1} days before, the last {0} show change: {2}."}),
              {recent, baseline, joined(changes)});
}

}  // namespace

std::string personality_paragraph(const json& statistics, PhrasePicker& picker) {
  const json& overall = member(statistics, "overall");
  return paragraph({character_sentence(overall, picker), mood_sentence(overall, picker),
                    artists_sentence(overall, picker), drift_sentence(member(statistics, "drift"), picker)});
}

}  // namespace sonic::insight
