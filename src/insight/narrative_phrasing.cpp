#include "narrative_phrasing.hpp"

#include <cmath>
#include <vector>

namespace sonic::insight {

const nlohmann::json& member(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json null;
  if (!object.is_object()) return null;
  const auto found = object.find(key);
  return found == object.end() ? null : *found;
}

double number_or(const nlohmann::json& object, std::string_view key, double fallback) {
  const auto& value = member(object, key);
  return value.is_number() ? value.get<double>() : fallback;
}

std::string text_of(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::string number_text(const nlohmann::json& value) {
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (!value.is_number()) return "?";
  return value.dump();  // nlohmann prints the shortest text that reads back as the same double
}

std::string percent_text(const nlohmann::json& share) {
  const double percent = std::abs(share.get<double>()) * 100;
  return std::to_string(static_cast<long long>(std::llround(percent)));
}

std::string count_text(const nlohmann::json& count, std::string_view noun) {
  const std::string number = number_text(count);
  return number + " " + std::string(noun) + (number == "1" ? "" : "s");
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string lowered(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += i + 1 == items.size() ? " and " : ", ";
    text += items[i];
  }
  return text;
}

std::string paragraph(const std::vector<std::string>& sentences) {
  std::string text;
  for (const auto& sentence : sentences) {
    if (sentence.empty()) continue;
    if (!text.empty()) text += ' ';
    text += sentence;
  }
  return text;
}

PhrasePicker::PhrasePicker(const nlohmann::json& statistics)
    : digest_(sha256(statistics.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))) {}

std::string_view PhrasePicker::pick(std::initializer_list<std::string_view> choices) {
  const std::size_t choice = digest_[sentence_++ % digest_.size()] + paragraph_;
  return *(choices.begin() + static_cast<std::ptrdiff_t>(choice % choices.size()));
}

void PhrasePicker::next_paragraph() {
  sentence_ = 0;
  ++paragraph_;
}

std::string fill(std::string_view pattern, std::initializer_list<std::string> values) {
  std::string text;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
      const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
      if (index < values.size()) {
        text += *(values.begin() + static_cast<std::ptrdiff_t>(index));
        i += 2;
        continue;
      }
    }
    text += pattern[i];
  }
  return text;
}

}  // namespace sonic::insight
