#pragma once
// What the hit model may learn from: audio, never who or what a track is, nor the answer in
// disguise. An input is refused when it names an identifier (id, uri, *_id, href, url), a name
// (track, title, artist, album), the label itself or a column derived from it (one name inside
// the other: `popularity` and `track_popularity`), or when its values alone separate the label
// almost perfectly (ROC-AUC ≥ 0.99 or ≤ 0.01: a copy or a threshold of it, whatever its name).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sonic::catalog {

// Why `input` may not be an input when predicting `label` by name alone; nullopt when it may.
std::optional<std::string> leak_by_name(std::string_view input, std::string_view label);

// Why a column with these values (NaN: missing) may not be an input for these 0/1 labels;
// nullopt when it may.
std::optional<std::string> leak_by_values(const std::vector<double>& values, const std::vector<int>& labels);

}  // namespace sonic::catalog
