#include "report_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace sonic::report::detail {

std::string grouped(std::int64_t value) {
  const std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::string two_digits(int value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

std::string percent(double share) { return fixed(share * 100, 0) + "%"; }

std::string signed_percent(double change) {
  std::string out = change >= 0 ? "+" : "";
  out += fixed(change * 100, 0);
  out += '%';
  return out;
}

std::string date_part(const nlohmann::json& iso) { return iso.is_string() ? iso.get<std::string>().substr(0, 10) : ""; }

const nlohmann::json& field(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  const auto found = object.find(key);
  return found == object.end() ? kNull : *found;
}

std::int64_t integer_or(const nlohmann::json& object, std::string_view key, std::int64_t fallback) {
  const auto& value = field(object, key);
  return value.is_number() ? value.get<std::int64_t>() : fallback;
}

double number_or(const nlohmann::json& object, std::string_view key, double fallback) {
  if (!object.is_object()) return fallback;
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

std::string text_or(const nlohmann::json& object, std::string_view key, std::string_view fallback) {
  if (!object.is_object()) return std::string(fallback);
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string(fallback);
}

std::vector<std::pair<std::string, double>> largest_shares(const nlohmann::json& shares, std::size_t limit) {
  std::vector<std::pair<std::string, double>> entries;
  if (!shares.is_object()) return entries;
  for (const auto& [name, value] : shares.items()) {
    if (value.is_number()) entries.emplace_back(name, value.get<double>());
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (entries.size() > limit) entries.resize(limit);
  return entries;
}

std::vector<std::string> share_items(const nlohmann::json& shares, std::size_t limit) {
  std::vector<std::string> items;
  for (const auto& [name, share] : largest_shares(shares, limit)) items.push_back(name + " " + percent(share));
  return items;
}

std::string share_list(const nlohmann::json& shares, std::size_t limit) {
  return joined(share_items(shares, limit), " · ");
}

std::string metric_value(double value) {
  if (std::abs(value) < 1e15 && value == std::floor(value)) return grouped(static_cast<std::int64_t>(value));
  return fixed(value, 3);
}

std::vector<std::string> metric_items(const nlohmann::json& metrics) {
  std::vector<std::string> items;
  if (!metrics.is_object()) return items;
  for (const auto& [key, value] : metrics.items()) {
    if (value.is_number()) items.push_back(key + " " + metric_value(value.get<double>()));
  }
  return items;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::string fixed_or_dash(const nlohmann::json& value, int decimals) {
  return value.is_number() ? fixed(value.get<double>(), decimals) : "–";
}

std::string segment_mix_key(const nlohmann::json& segments) {
  if (segments.is_array()) {
    for (const auto& segment : segments) {
      const auto& moods = field(segment, "moods");
      if (moods.is_object() && !moods.empty()) return "moods";
    }
  }
  return "clusters";
}

std::string forecast_why(const nlohmann::json& forecast) {
  const auto& likeliest = field(forecast, "likeliest");
  if (!likeliest.is_array() || likeliest.empty()) return "";
  std::vector<std::string> reasons;
  for (const auto& reason : field(likeliest[0], "reasons")) reasons.push_back(text_or(reason, "text", ""));
  if (reasons.empty()) return "";
  return concat("why ", two_digits(static_cast<int>(integer_or(likeliest[0], "hour", 0))), ":00 (",
                percent(number_or(likeliest[0], "probability", 0)), "): ", joined(reasons, "; "));
}

std::string narrator_note(const nlohmann::json& dashboard) {
  if (text_or(field(dashboard, "narrative"), "narrator", "") != "offline") return "";
  const auto& period = field(dashboard, "period");
  const std::string flag =
      field(period, "year").is_number()
          ? "--year " + std::to_string(integer_or(period, "year", 0))
          : "--period " + (field(period, "days").is_number() ? std::to_string(integer_or(period, "days", 0))
                                                             : std::string("all"));
  return concat("With OPENAI_API_KEY (or OPENAI_BASE_URL) set, sonic summarize ", flag,
                " has a language model write this narrative, and the report shows it from then on.");
}

std::vector<std::string> paragraphs(std::string_view text) {
  std::vector<std::string> found(1);
  std::size_t line_breaks = 0;
  for (const char c : text) {
    if (c == '\n' || c == '\r') {
      line_breaks += c == '\n' ? 1 : 0;
      continue;
    }
    if (line_breaks >= 2 && !found.back().empty()) found.emplace_back();
    if (line_breaks > 0 && !found.back().empty() && found.back().back() != ' ') found.back() += ' ';
    line_breaks = 0;
    if ((c == ' ' || c == '\t') && (found.back().empty() || found.back().back() == ' ')) continue;
    found.back() += c;
  }
  for (auto& paragraph : found) {
    while (!paragraph.empty() && paragraph.back() == ' ') paragraph.pop_back();
  }
  if (found.back().empty()) found.pop_back();
  return found;
}

bool has_items(const nlohmann::json& section, std::string_view list_key) {
  if (section.is_array()) return !section.empty();
  if (!section.is_object()) return false;
  const auto found = section.find(list_key);
  return found != section.end() && found->is_array() && !found->empty();
}

std::string unavailable(std::string_view section) {
  static const std::map<std::string_view, std::string_view> kHow = {
      {"overview", "import your history: sonic import my_spotify_data.zip"},
      {"moods", "run sonic cluster, or sonic train mood --labels FILE.csv then sonic predict mood"},
      {"clusters", "run sonic cluster"},
      {"drift", "drift needs 37 days of listening: the last 7 against the 30 before"},
      {"models", "run sonic retrain, or sonic cluster, sonic train mood, sonic train session"},
      {"forecast", "run sonic train session"},
      {"narrative", "no listens in this period to write about"},
      {"genres",
       "run sonic enrich (with LASTFM_API_KEY set) for Last.fm tags, or sonic catalog import FILE for a "
       "catalog with a genres column"},
  };
  const auto found = kHow.find(section);
  return "not available yet (" +
         std::string(found == kHow.end() ? std::string_view("run sonic retrain") : found->second) + ")";
}

std::string period_title(const nlohmann::json& dashboard) {
  const std::string name = text_or(dashboard.value("period", nlohmann::json::object()), "name", "all");
  return name == "all" ? "all time" : name;
}

}  // namespace sonic::report::detail
