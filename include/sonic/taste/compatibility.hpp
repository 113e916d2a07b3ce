#pragma once
// How close two people's tastes are, from their profiles alone: a 0–100 score, the mean of the
// parts both profiles can compute (each 0..1):
//   artists:  weighted Jaccard of the artist shares, Σ min / Σ max over the union;
//   genres:   cosine of the genre share vectors;
//   ranking:  rank-biased overlap of the top 50 artists, p = 0.9, normalised so equal lists give 1;
//   moods:    1 − Jensen–Shannon divergence (base 2) of the mood-cluster shares;
//   hours:    1 − Jensen–Shannon divergence of the listening-hour shares.
// Also the shared favourites (ranked by the smaller of the two shares) and bridge artists: ones
// a person plays that the other does not, whose genres the other's genre shares predict.
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sonic/taste/profile_summary.hpp"

namespace sonic::taste {

struct CompatibilityPart {
  std::string name{};
  std::optional<double> value;  // nullopt when a profile lacks what it needs (no genres, no moods)
};

struct SharedFavourite {
  std::string name{};
  double share_a = 0.0;
  double share_b = 0.0;
};

struct BridgeArtist {
  std::string name{};
  char played_by = 'a';  // 'a' plays it, 'b' is predicted to like it (or the other way round)
  double fit = 0.0;      // the listener's share × the other's share of its genres
};

struct Compatibility {
  double score = 0.0;  // 0..100
  std::vector<CompatibilityPart> parts{};
  std::vector<SharedFavourite> shared_favourites{};  // up to 10
  std::vector<BridgeArtist> bridges{};               // up to 5 each way
};

Compatibility compare_profiles(const ProfileSummary& a, const ProfileSummary& b);
nlohmann::json to_json(const Compatibility& compatibility);

// `sonic compare`'s result: the two profiles and how close they are.
struct Comparison {
  std::string other{};  // what OTHER named
  ProfileSummary mine{};
  ProfileSummary theirs{};
  Compatibility compatibility{};
};

nlohmann::json to_json(const Comparison& comparison);

double weighted_jaccard(std::span<const NamedShare> a, std::span<const NamedShare> b);
double cosine_similarity(std::span<const NamedShare> a, std::span<const NamedShare> b);
// RBO over the first `depth` keys of each list: (1 − p) Σ_{d ≤ depth} p^(d−1) |A_d ∩ B_d| / d,
// divided by 1 − p^depth so two equal lists score 1.
double rank_biased_overlap(std::span<const NamedShare> a, std::span<const NamedShare> b, std::size_t depth, double p);
// Jensen–Shannon divergence in bits (0..1) of two distributions given as weights (normalised here).
double jensen_shannon(std::span<const double> p, std::span<const double> q);

}  // namespace sonic::taste
