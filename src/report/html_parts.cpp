#include "html_parts.hpp"

#include "report_format.hpp"
#include "sonic/report/svg_charts.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report::detail {
namespace {

constexpr const char* kStyle = R"css(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2329;background:#f6f7f8;margin:0}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:0 0 12px}
.sub{color:#5b6670;margin:0 0 20px}
section{background:#fff;border-radius:10px;padding:18px 20px;margin:0 0 18px;box-shadow:0 1px 3px #0001}
.tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{background:#f0f7f2;border-radius:8px;padding:10px 14px;min-width:110px}
.tile b{display:block;font-size:22px}.missing{color:#7a848c;font-style:italic}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceef0}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{max-width:100%;height:auto;font-size:11px;fill:#4a545d}
.legend{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px 16px}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px}
.up{color:#b45309}.down{color:#1d4ed8}
)css";

}  // namespace

std::string html_page_start(const std::string& title, const std::string& subtitle) {
  return concat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
      html_escape(title), "</title>\n<style>", kStyle, "</style></head>\n<body><main>\n<h1>", html_escape(title),
      "</h1><p class=\"sub\">", html_escape(subtitle), "</p>\n");
}

std::string html_page_end() { return "</main></body></html>\n"; }

std::string section(const std::string& id, const std::string& title, const std::string& body) {
  return concat("<section id=\"", id, "\"><h2>", html_escape(title), "</h2>", body, "</section>\n");
}

std::string table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
  std::string html = "<table><tr>";
  std::vector<bool> numeric;
  for (const auto& header : headers) {
    numeric.push_back(!header.empty() && header[0] == '#');
    html += concat(numeric.back() ? "<th class=\"n\">" : "<th>",
                   html_escape(numeric.back() ? header.substr(1) : header), "</th>");
  }
  html += "</tr>";
  for (const auto& cells : rows) {
    html += "<tr>";
    for (std::size_t i = 0; i < cells.size(); ++i) {
      html += concat(i < numeric.size() && numeric[i] ? "<td class=\"n\">" : "<td>", cells[i], "</td>");
    }
    html += "</tr>";
  }
  return html + "</table>";
}

std::string legend(const nlohmann::json& names) {
  std::string html = "<ul class=\"legend\">";
  for (std::size_t i = 0; i < names.size(); ++i) {
    html += concat("<li><span class=\"swatch\" style=\"background:", series_colour(i), "\"></span>",
                   html_escape(names[i].is_string() ? names[i].get<std::string>() : ""), "</li>");
  }
  return html + "</ul>";
}

}  // namespace sonic::report::detail
