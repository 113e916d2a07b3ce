#pragma once
// Helpers of the offline narrator: numbers printed exactly as the statistics hold them, and a
// phrasing picker driven by a hash of the statistics rather than by chance.
#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/core/sha256.hpp"

namespace sonic::insight {

// object[key], or null when `object` is not an object or lacks the key: the narrator reads
// whatever statistics it is given without undefined behaviour.
const nlohmann::json& member(const nlohmann::json& object, std::string_view key);
// object[key] when it is a number, else `fallback`.
double number_or(const nlohmann::json& object, std::string_view key, double fallback);
// The string, or "" for anything else.
std::string text_of(const nlohmann::json& value);

// "12.5" for 12.5, "3" for 3.0: a JSON number as a person writes it.
std::string number_text(const nlohmann::json& value);
// A share (0.254) as a whole percentage ("25"); a difference keeps its size only ("7" for -0.07).
std::string percent_text(const nlohmann::json& share);
// "1 play", "12 plays".
std::string count_text(const nlohmann::json& count, std::string_view noun);
// "weekday mornings" → "Weekday mornings".
std::string capitalised(std::string text);
// "Calm" → "calm", for a label in the middle of a sentence (ASCII letters only).
std::string lowered(std::string text);
// "a", "a and b", "a, b and c".
std::string joined(const std::vector<std::string>& items);

// The non-empty sentences, separated by spaces.
std::string paragraph(const std::vector<std::string>& sentences);

// The k-th sentence of every paragraph starts from a phrasing chosen by byte k of the
// statistics' SHA-256, and each new paragraph moves one phrasing on, so paragraphs next to each
// other do not repeat a sentence frame.
class PhrasePicker {
 public:
  explicit PhrasePicker(const nlohmann::json& statistics);
  // One of `choices`: the same one for the same statistics, paragraph and sentence.
  std::string_view pick(std::initializer_list<std::string_view> choices);
  void next_paragraph();

 private:
  Sha256::Digest digest_;
  std::size_t sentence_ = 0;
  std::size_t paragraph_ = 0;
};

// Fills {0}, {1}, … in `pattern` with `values`.
std::string fill(std::string_view pattern, std::initializer_list<std::string> values);

}  // namespace sonic::insight
