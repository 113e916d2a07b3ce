#include "svg_parts.hpp"

#include "report_format.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report::detail {

std::string num(double value) { return fixed(value, 1); }

std::string svg_open(double width, double height, const std::string& label) {
  return concat("<svg class=\"chart\" viewBox=\"0 0 ", num(width), " ", num(height), "\" width=\"", num(width),
                "\" height=\"", num(height), "\" role=\"img\" aria-label=\"", html_escape(label), "\">");
}

std::string text_at(double x, double y, const std::string& text, const char* anchor) {
  return concat("<text x=\"", num(x), "\" y=\"", num(y), "\" text-anchor=\"", anchor, "\">", html_escape(text),
                "</text>");
}

std::string rect(double x, double y, double width, double height, const std::string& fill, double opacity,
                 const std::string& title) {
  return concat("<rect x=\"", num(x), "\" y=\"", num(y), "\" width=\"", num(width), "\" height=\"", num(height),
                "\" fill=\"", fill, "\" fill-opacity=\"", fixed(opacity, 3), "\"><title>", html_escape(title),
                "</title></rect>");
}

}  // namespace sonic::report::detail
