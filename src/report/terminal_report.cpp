#include "sonic/report/terminal_report.hpp"

#include <algorithm>

#include "catalog_placement_text.hpp"
#include "genre_text.hpp"
#include "report_format.hpp"
#include "sonic/report/text_cell.hpp"
#include "sonic/report/text_charts.hpp"

namespace sonic::report {
namespace {

using namespace detail;

constexpr int kWidth = 80;

class TerminalText {
 public:
  explicit TerminalText(bool colour) : colour_(colour) {}

  void heading(const std::string& title) {
    out_ += '\n';
    out_ += paint(title, "1;36");
    out_ += '\n';
  }
  // Indented text, cut to fit the width (already safe, or made safe here).
  void line(const std::string& text, const char* style = nullptr) {
    const std::string fitted = cell(text, kWidth - 2);
    const auto end = fitted.find_last_not_of(' ');
    const std::string trimmed = end == std::string::npos ? "" : fitted.substr(0, end + 1);
    out_ += "  " + (style ? paint(trimmed, style) : trimmed) + "\n";
  }
  // Wrapped, not cut: the command it names must be readable whole.
  void missing(std::string_view section) {
    for (const auto& text : wrap(unavailable(section), kWidth - 2)) line(text, "2");
  }
  void raw(const std::string& text) { out_ += text; }
  const std::string& text() const { return out_; }

 private:
  std::string paint(const std::string& text, const char* code) const {
    return colour_ ? "\x1b[" + std::string(code) + "m" + text + "\x1b[0m" : text;
  }
  bool colour_;
  std::string out_;
};

// Items joined by " · " in lines of at most `width` columns: a new line rather than a split item.
std::vector<std::string> packed(const std::vector<std::string>& items, int width) {
  std::vector<std::string> lines(1);
  int used = 0;
  for (const auto& raw : items) {
    const std::string item = terminal_safe(raw);
    const int item_width = display_width(item);
    if (used > 0 && used + 3 + item_width > width) {
      lines.emplace_back();
      used = 0;
    }
    if (used > 0) lines.back() += " · ", used += 3;
    lines.back() += item;
    used += item_width;
  }
  return lines;
}

void overview(const nlohmann::json& dashboard, TerminalText& out) {
  const auto& o = field(dashboard, "overview");
  out.heading("Overview");
  if (number_or(o, "listens", 0) <= 0) return out.missing("overview");
  out.line(grouped(integer_or(o, "listens", 0)) + " listens · " + fixed(number_or(o, "hours", 0), 1) + " hours · " +
           grouped(integer_or(o, "tracks", 0)) + " tracks · " + grouped(integer_or(o, "artists", 0)) + " artists");
  out.line(date_part(field(o, "from")) + " → " + date_part(field(o, "to")) + " · " +
           grouped(integer_or(o, "days_with_listens", 0)) + " days with music · " + text_or(o, "time_zone", ""));
}

void heatmap(const nlohmann::json& dashboard, TerminalText& out) {
  out.heading("When you listen (minutes by local weekday and hour)");
  const auto lines = heatmap_lines(field(dashboard, "heatmap"));
  if (lines.empty()) return out.missing("overview");
  for (const auto& text : lines) out.line(text);
}

void moods(const nlohmann::json& dashboard, TerminalText& out) {
  out.heading("Mood mix");
  const auto& total = field(field(dashboard, "mood_over_time"), "total");
  const auto moods = share_items(field(total, "moods"), 5);
  const auto clusters = share_items(field(total, "clusters"), 5);
  if (moods.empty() && clusters.empty()) out.missing("moods");
  const auto mix = [&](const std::string& title, const std::vector<std::string>& items, int width) {
    if (items.empty()) return;
    const auto lines = packed(items, kWidth - 2 - width);
    for (std::size_t i = 0; i < lines.size(); ++i) out.line(cell(i ? "" : title, width) + lines[i]);
  };
  mix("moods", moods, 10);
  mix("clusters", clusters, 10);
  const auto& segments = field(field(dashboard, "segments"), "segments");
  if (!has_items(segments, "") || (moods.empty() && clusters.empty())) return;
  const std::string key = segment_mix_key(segments);
  out.line("by time of day (" + key + "):", "2");
  for (const auto& segment : segments) {
    mix(text_or(segment, "name", "?"), share_items(field(segment, key), 4), 20);
  }
}

void top_artists(const nlohmann::json& dashboard, TerminalText& out) {
  out.heading("Top artists");
  const auto& artists = field(dashboard, "top_artists");
  if (!has_items(artists, "")) return out.missing("overview");
  const double most = std::max(1.0, number_or(artists[0], "listens", 1));
  out.line(cell("", 38) + cell("listens", 7, true) + cell("hours", 9, true), "2");
  for (std::size_t i = 0; i < artists.size() && i < 10; ++i) {
    const double listens = number_or(artists[i], "listens", 0);
    const auto bar_width = static_cast<std::size_t>(12 * listens / most + 0.5);
    std::string bar;
    for (std::size_t b = 0; b < bar_width; ++b) bar += "█";
    out.line(cell(std::to_string(i + 1) + ".", 4) + cell(text_or(artists[i], "name", ""), 34) +
             cell(grouped(static_cast<std::int64_t>(listens)), 7, true) + " " +
             cell(fixed(number_or(artists[i], "hours", 0), 1) + " h", 8, true) + "  " + bar);
  }
}

void genres(const nlohmann::json& dashboard, TerminalText& out) {
  out.heading("Genres by listening time");
  const auto& section = field(dashboard, "genres");
  if (!section.is_object()) return out.missing("genres");
  for (const auto& text : genre_lines(section)) out.line(text);
}

// Only with a catalog holding some of the period's listens (pipeline/catalog_placement.hpp).
void catalog_placement(const nlohmann::json& dashboard, TerminalText& out) {
  if (!has_items(dashboard, "catalogs")) return;
  out.heading("Your listening in the catalogs");
  for (const auto& catalog : field(dashboard, "catalogs")) {
    for (const auto& text : wrap(catalog_placement_summary(catalog), kWidth - 2)) out.line(text);
    for (const auto& table : catalog_placement_tables(catalog)) {
      out.line(concat(cell(table.title, 42), cell("yours", 8, true), cell("catalog", 9, true)));
      for (const auto& cells : table.rows) {
        out.line(concat("  ", cell(cells[0], 40), cell(cells[1], 8, true), cell(cells[2], 9, true)));
      }
    }
  }
}

void drift(const nlohmann::json& dashboard, TerminalText& out) {
  out.heading("Drift (the last 7 days against the 30 before)");
  const auto& section = field(dashboard, "drift");
  if (!section.is_object()) return out.missing("drift");
  if (!has_items(section, "flags")) return out.line("no change over 20%: listening as usual");
  for (const auto& flag : field(section, "flags")) {
    const double change = number_or(flag, "change", 0);
    const bool scalar = field(flag, "recent").is_number() && field(flag, "baseline").is_number();
    out.line(std::string(change >= 0 ? "▲ " : "▼ ") + cell(text_or(flag, "label", text_or(flag, "metric", "?")), 30) +
                 cell(signed_percent(change), 7, true) +
                 (scalar ? "   " + fixed_or_dash(field(flag, "baseline"), 2) + " → " +
                               fixed_or_dash(field(flag, "recent"), 2)
                         : std::string()),
             "33");
  }
}

void models(const nlohmann::json& dashboard, TerminalText& out) {
  out.heading("Models");
  const auto& list = field(dashboard, "models");
  if (!has_items(list, "")) return out.missing("models");
  for (const auto& model : list) {
    out.line(cell(text_or(model, "experiment", "?"), 20) + " " + cell(text_or(model, "status", ""), 9) + " " +
             date_part(field(model, "start")));
    const auto metrics = metric_items(field(model, "headline"));
    if (!metrics.empty()) {
      for (const auto& text : packed(metrics, kWidth - 4)) out.line("  " + text);
    }
  }
}

void forecast(const nlohmann::json& dashboard, TerminalText& out) {
  out.heading("The next 24 hours (chance of a listening session)");
  const auto lines = forecast_lines(field(dashboard, "forecast"));
  if (lines.empty()) return out.missing("forecast");
  for (const auto& text : lines) out.line(text);
  const std::string why = terminal_safe(forecast_why(field(dashboard, "forecast")));
  if (!why.empty()) {
    for (const auto& text : wrap(why, kWidth - 2)) out.line(text);
  }
}

void narrative(const nlohmann::json& dashboard, TerminalText& out) {
  const auto& section = field(dashboard, "narrative");
  const std::string text = text_or(section, "text", "");
  out.heading("In words" +
              (text.empty() ? std::string() : " (" + terminal_safe(text_or(section, "narrator", "?")) + " narrator)"));
  if (text.empty()) return out.missing("narrative");
  const auto parts = paragraphs(text);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.raw("\n");
    for (const auto& line : wrap(parts[i], kWidth - 2)) out.line(line);
  }
  const std::string note = narrator_note(dashboard);
  if (note.empty()) return;
  out.raw("\n");
  for (const auto& line : wrap(note, kWidth - 2)) out.line(line, "2");
}

}  // namespace

std::string render_terminal(const nlohmann::json& dashboard, const TerminalOptions& options) {
  TerminalText out(options.colour);
  out.raw(terminal_safe("sonic report · " + period_title(dashboard) + " · " + text_or(dashboard, "time_zone", "")) +
          "\n");
  std::string rule;
  for (int i = 0; i < kWidth; ++i) rule += "─";
  out.raw(rule + "\n");
  overview(dashboard, out);
  heatmap(dashboard, out);
  moods(dashboard, out);
  top_artists(dashboard, out);
  genres(dashboard, out);
  catalog_placement(dashboard, out);
  drift(dashboard, out);
  models(dashboard, out);
  forecast(dashboard, out);
  narrative(dashboard, out);
  return out.text();
}

bool colour_wanted(bool stdout_is_tty, const char* no_color) {
  return stdout_is_tty && (no_color == nullptr || *no_color == '\0');
}

}  // namespace sonic::report
