#pragma once
// The pieces every inline SVG chart of report/ is drawn with: the root element, a label and a
// rectangle with a tooltip. Text is HTML-escaped here. Private to report/.
#include <string>

namespace sonic::report::detail {

// One decimal: enough for a chart's coordinates, and stable output.
std::string num(double value);
// <svg class="chart" …>: sized, with an accessible label; the caller closes it.
std::string svg_open(double width, double height, const std::string& label);
std::string text_at(double x, double y, const std::string& text, const char* anchor = "start");
std::string rect(double x, double y, double width, double height, const std::string& fill, double opacity,
                 const std::string& title);

}  // namespace sonic::report::detail
