#pragma once
// Small formatting pieces the terminal, Markdown and HTML renderers share, so the three say the
// same thing in the same words. Private to report/.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sonic::report::detail {

// Appends the parts in order. Used instead of `"literal" + string_returning_call()`, which
// GCC 12 flags with a false -Wrestrict (its operator+ inserts the literal at the front).
template <typename... Parts>
std::string concat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

// A titled table for Markdown and HTML, cells unescaped (each renderer escapes for its format); a
// header starting with '#' is a numeric column (as html_parts' table()).
struct TextTable {
  std::string title;  // "" for none
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

// "12,345"
std::string grouped(std::int64_t value);
// "07"
std::string two_digits(int value);
// "8.2"
std::string fixed(double value, int decimals);
// Rounded for the JSON: charts need no more, and the output stays stable and small.
double rounded(double value, int decimals);
// A model metric: counts as integers ("686"), the rest with three decimals ("0.813").
std::string metric_value(double value);
// "40%"
std::string percent(double share);
// "+25%" / "-10%"
std::string signed_percent(double change);
// "2024-03-31" from an ISO time, or "" for null.
std::string date_part(const nlohmann::json& iso);

// Number or string fields of data from other modules, tolerating absent or mistyped keys.
const nlohmann::json& field(const nlohmann::json& object, std::string_view key);  // null if absent
std::int64_t integer_or(const nlohmann::json& object, std::string_view key, std::int64_t fallback);
double number_or(const nlohmann::json& object, std::string_view key, double fallback);
std::string text_or(const nlohmann::json& object, std::string_view key, std::string_view fallback);

// The entries of {name: share}, largest first (ties by name), at most `limit`.
std::vector<std::pair<std::string, double>> largest_shares(const nlohmann::json& shares, std::size_t limit);
// ["calm 40%", "happy 30%", …] and joined: "calm 40% · happy 30% · sad 20%" (unescaped: the
// caller escapes for its format)
std::vector<std::string> share_items(const nlohmann::json& shares, std::size_t limit);
std::string share_list(const nlohmann::json& shares, std::size_t limit);
// ["accuracy 0.813", "rows 686", …] in key order, numbers only.
std::vector<std::string> metric_items(const nlohmann::json& metrics);
std::string joined(const std::vector<std::string>& items, std::string_view separator);

// "0.42", or "–" for null (a figure that could not be computed).
std::string fixed_or_dash(const nlohmann::json& value, int decimals);

// "moods" when any segment has a mood mix, else "clusters": which mix the segments table shows.
std::string segment_mix_key(const nlohmann::json& segments);

// "why 15:00 (42%): you often start a session around 15:00; you listen more on Fridays", from the
// forecast's likeliest hour, or "" without reasons (unescaped).
std::string forecast_why(const nlohmann::json& forecast);

// Under an offline narrative: the command that asks a language model for this period (the report
// then shows its cached text); "" under an online one.
std::string narrator_note(const nlohmann::json& dashboard);

// A narrative's paragraphs: split at blank lines, a single line break read as a space, trimmed,
// empty ones dropped (a model's reply often ends in a line break).
std::vector<std::string> paragraphs(std::string_view text);

// A section is shown when present and non-empty.
bool has_items(const nlohmann::json& section, std::string_view list_key);

// "not available yet (run sonic …)", one wording per section, the same in every format.
std::string unavailable(std::string_view section);

// "all time", "last 30 days", "2024"
std::string period_title(const nlohmann::json& dashboard);

}  // namespace sonic::report::detail
