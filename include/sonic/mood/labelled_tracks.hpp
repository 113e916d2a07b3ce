#pragma once
// A labelled set of tracks to learn moods from: a CSV with a label column and feature columns,
// by default those of data_moods.csv (a public set of 686 tracks labelled Calm, Energetic, Happy
// and Sad, with Spotify's audio features).
#include <Eigen/Core>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sonic::mood {

struct LabelledColumns {
  std::string label = "mood";
  // The audio features every history track with features has. "length" (duration) would add
  // about two points of cross-validated accuracy on data_moods.csv, but few exported
  // histories know their tracks' durations, so it is left to --features.
  std::vector<std::string> features = {"danceability",     "acousticness", "energy",
                                       "instrumentalness", "liveness",     "valence",
                                       "loudness",         "speechiness",  "tempo"};
};

struct LabelledTracks {
  Eigen::MatrixXf features;          // one row per track
  Eigen::VectorXi labels;            // index into classes
  std::vector<std::string> classes;  // sorted, as they appear in the file
  std::vector<std::string> feature_names;
  std::int64_t rows_without_label = 0;  // skipped: an empty label cell
};

// InputError naming the file and line for: a missing column (listing the file's columns), a
// feature that a history track cannot provide, a cell that is not a finite number, fewer than
// two classes or than two rows per class.
LabelledTracks read_labelled_tracks(const std::filesystem::path& csv, const LabelledColumns& columns);

}  // namespace sonic::mood
