#include "page_furniture.hpp"

#include <algorithm>
#include <string>

namespace kansli::pdf {
namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size())
    text.replace(pos, from.size(), to);
  return text;
}

// Page furniture on one line: text too long for its place is set smaller
// (down to 5 pt) rather than cut, then wrapped if still too long.
Line one_line(Typesetter& ts, const std::string& text, TextStyle style, double width) {
  auto lines = ts.lines(text, style, 1e9);
  if (lines.front().width > width) {
    style.size = std::max(5.0, style.size * width / lines.front().width);
    lines = ts.lines(text, style, width);
  }
  Line joined = lines.front();
  for (size_t i = 1; i < lines.size(); ++i)  // still too long: keep every word
    for (auto run : lines[i].runs) {
      run.x += joined.width + style.size * 0.3;
      joined.runs.push_back(run);
      joined.width = run.x + run.piece.width;
    }
  return joined;
}

}  // namespace

void add_page_furniture(LayoutResult& result, const ir::PageFurniture& f, Typesetter& ts) {
  // Page furniture: organisation and title in the header, page label in the
  // footer. Drawn first on each page (group 0) so text extraction reads it
  // before the body.
  const size_t pages = result.pages.size();
  TextStyle small;
  small.size = 8.5;
  small.color = kGray;
  for (size_t i = 0; i < pages; ++i) {
    Page& page = result.pages[i];
    const double hy = kPageHeight - 46;
    if (!f.header_left().empty()) {
      const Line l = one_line(ts, f.header_left(), small, kTextWidth * 0.55);
      draw_line(page, l, kLeft, hy, -2);
    }
    if (!f.header_right().empty()) {
      const Line l = one_line(ts, f.header_right(), small, kTextWidth * 0.4);
      draw_line(page, l, kRight - l.width, hy, -1);
    }
    if (!f.header_left().empty() || !f.header_right().empty())
      page.rules.push_back({kLeft, hy - 6, kRight, hy - 6, 0.4, kRuleGray});
    if (!f.footer_page_label().empty()) {
      std::string label = replace_all(f.footer_page_label(), "{page}", std::to_string(i + 1));
      label = replace_all(label, "{pages}", std::to_string(pages));
      const Line l = one_line(ts, label, small, kTextWidth);
      draw_line(page, l, kRight - l.width, 34, 1L << 40);
    }
  }
}

}  // namespace kansli::pdf
