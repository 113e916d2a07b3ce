#include "sonic/insight/offline_narrator.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "narrative_phrasing.hpp"
#include "offline_personality.hpp"

namespace sonic::insight {
namespace {

using nlohmann::json;

constexpr double kNotableShare = 0.15;  // a segment with this much of the listening is notable
constexpr double kNotableShift = 0.08;  // … or one whose mean valence or energy moves this far
constexpr double kMinimumShare = 0.05;  // … provided it holds at least this much
constexpr std::size_t kMaxSegments = 4;
constexpr double kClearDifference = 0.05;

// The label with the largest share, by name on ties; empty for an empty mix.
std::string leading(const json& mix) {
  std::string best;
  double best_share = -1;
  for (const auto& [label, share] : mix.items()) {
    if (share.is_number() && share.get<double>() > best_share) best = label, best_share = share.get<double>();
  }
  return best;
}

std::vector<json> notable_segments(const json& segments) {
  std::vector<json> notable;
  for (const auto& segment : segments) {
    const double share = number_or(segment, "share", 0);
    const json& versus = member(segment, "vs_overall");
    const double shift = std::max(std::abs(number_or(versus, "valence", 0)), std::abs(number_or(versus, "energy", 0)));
    if (share >= kNotableShare || (share >= kMinimumShare && shift >= kNotableShift)) {
      notable.push_back(segment);
    }
  }
  if (notable.empty()) {  // listening spread thin: describe the two busiest segments
    for (const auto& segment : segments) {
      if (number_or(segment, "plays", 0) > 0) notable.push_back(segment);
    }
  }
  std::stable_sort(notable.begin(), notable.end(),
                   [](const json& a, const json& b) { return number_or(a, "share", 0) > number_or(b, "share", 0); });
  if (notable.size() > kMaxSegments) notable.resize(kMaxSegments);
  return notable;
}

std::string share_sentence(const json& segment, PhrasePicker& picker) {
  const std::string name = text_of(member(segment, "name")) + "s";
  return fill(picker.pick({"{0} hold {1}% of your listening: {2} hours over {3}.",
                           "{0} account for {1}% of your listening time ({2} hours, {3}).",
                           "With {2} hours across {3}, {4} make up {1}% of everything you played."}),
              {capitalised(name), percent_text(member(segment, "share")), number_text(member(segment, "hours")),
               count_text(member(segment, "plays"), "play"), name});
}

std::string mood_sentence(const json& segment, PhrasePicker& picker) {
  const std::string mood = leading(member(segment, "mood_mix"));
  if (mood.empty()) return "";
  const json& share = member(member(segment, "mood_mix"), mood);
  const json difference = number_or(member(member(segment, "vs_overall"), "mood_mix"), mood, 0);
  if (std::abs(difference.get<double>()) < kClearDifference) {
    return fill(picker.pick({"The mood is mostly {0} ({1}% of plays), close to your usual mix.",
                             "{2} leads at {1}% of plays, much as it does overall.",
                             "As elsewhere, {0} is the leading mood, at {1}% of plays."}),
                {lowered(mood), percent_text(share), capitalised(mood)});
  }
  const bool more = difference.get<double>() > 0;
  return fill(
      picker.pick({"The mood leans {0}: {1}% of plays, {2} points {3} your overall share.",
                   "{4} takes {1}% of plays here, {2} points {3} your usual share.",
                   "Here {0} is the leading mood with {1}% of plays, {2} points {3} what it holds overall."}),
      {lowered(mood), percent_text(share), percent_text(difference), more ? "above" : "below", capitalised(mood)});
}

std::string cluster_sentence(const json& segment, PhrasePicker& picker) {
  const std::string cluster = leading(member(segment, "cluster_mix"));
  if (cluster.empty()) return "";
  return fill(picker.pick({"The largest sound cluster is \"{0}\", with {1}% of plays.",
                           "The biggest group of plays ({1}%) falls in the \"{0}\" cluster.",
                           "The sound here is mostly \"{0}\" ({1}% of plays)."}),
              {cluster, percent_text(member(member(segment, "cluster_mix"), cluster))});
}

std::string feature_sentence(const json& segment, const json& overall, PhrasePicker& picker) {
  struct Feature {
    const char* name;
    const char* higher;
    const char* lower;
  };
  static constexpr Feature kFeatures[] = {{"valence", "brighter", "darker"},
                                          {"energy", "more energetic", "calmer"},
                                          {"danceability", "more danceable", "less danceable"}};
  const Feature* biggest = nullptr;
  double biggest_size = 0;
  for (const Feature& feature : kFeatures) {
    const double size = std::abs(number_or(member(segment, "vs_overall"), feature.name, 0));
    if (size > biggest_size) biggest = &feature, biggest_size = size;
  }
  if (!biggest || biggest_size < kClearDifference) return "";
  const std::string mean = std::string("mean_") + biggest->name;
  const bool higher = member(member(segment, "vs_overall"), biggest->name).get<double>() > 0;
  return fill(picker.pick({"The music here is {0} than your average, with a mean {1} of {2} against {3} overall.",
                           "Songs in {4} run {0}: mean {1} {2}, where your overall mean is {3}.",
                           "Mean {1} is {2} here against {3} overall: these songs are {0}."}),
              {higher ? biggest->higher : biggest->lower, biggest->name, number_text(segment[mean]),
               number_text(overall[mean]), text_of(member(segment, "name")) + "s"});
}

std::string favourite_sentence(const json& segment, PhrasePicker& picker) {
  const json& artists = member(segment, "top_artists");
  const json& tracks = member(segment, "top_tracks");
  if (!artists.is_array() || artists.empty() || !tracks.is_array() || tracks.empty()) return "";
  return fill(picker.pick({"{0} leads with {1}, and the most played track is \"{2}\" by {3}.",
                           "Your go-to artist is {0} ({1}); \"{2}\" by {3} is the track you return to.",
                           "\"{2}\" by {3} tops the tracks, while {0} tops the artists with {1}."}),
              {text_of(member(artists[0], "name")), count_text(member(artists[0], "plays"), "play"),
               text_of(member(tracks[0], "name")), text_of(member(tracks[0], "artist"))});
}

}  // namespace

std::string offline_narrative(const json& statistics) {
  PhrasePicker picker(statistics);
  std::string text =
      "Written by sonic's offline narrator, from templates over your listening "
      "statistics (no language model was asked).\n";
  const json& overall = member(statistics, "overall");
  if (number_or(overall, "plays", 0) <= 0) {
    return text + "\nThere is no listening in this period yet, so there is nothing to describe.\n";
  }
  for (const json& segment : notable_segments(member(statistics, "segments"))) {
    // Appended piece by piece: g++ 12 misreads "\n" + std::string as an overlapping copy.
    text += '\n';
    picker.next_paragraph();
    text +=
        paragraph({share_sentence(segment, picker), mood_sentence(segment, picker), cluster_sentence(segment, picker),
                   feature_sentence(segment, overall, picker), favourite_sentence(segment, picker)});
    text += '\n';
  }
  text += '\n';
  picker.next_paragraph();
  text += personality_paragraph(statistics, picker);
  text += '\n';
  return text;
}

}  // namespace sonic::insight
