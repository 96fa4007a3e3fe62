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

constexpr double kLetterheadLeading = 9.5;

Color rgb(const std::string& hex) {
  auto channel = [&](size_t at) { return std::stoi(hex.substr(at, 2), nullptr, 16) / 255.0; };
  return {channel(0), channel(2), channel(4)};
}

}  // namespace

PageStyle page_style(const ir::Document& document) {
  PageStyle s;
  if (!document.has_style() && document.furniture().letterhead().empty()) return s;
  const ir::HouseStyle& style = document.style();
  s.sizes = common::type_sizes(style);
  if (style.margin_left() > 0) s.left = style.margin_left();
  if (style.margin_right() > 0) s.right = kPageWidth - style.margin_right();
  if (style.margin_top() > 0) s.body_top = kPageHeight - style.margin_top();
  if (style.margin_bottom() > 0) s.body_bottom = style.margin_bottom();
  s.header_baseline = s.body_top + 32;
  s.footer_baseline = s.body_bottom - 28;
  if (style.accent_color().size() == 6) {
    s.accent = rgb(style.accent_color());
    s.accent_headings = true;
  }
  // Room for the logo above the header line, and for the letterhead.
  if (style.has_logo())
    s.header_baseline = std::min(s.header_baseline, kPageHeight - 12 - style.logo().height());
  s.body_top = std::min(s.body_top, s.header_baseline - 32);
  const auto lines = static_cast<double>(document.furniture().letterhead_size());
  if (document.furniture().letterhead_place() == ir::PageFurniture::HEADER)
    s.body_top = std::min(s.body_top, s.header_baseline - 32 - kLetterheadLeading * lines);
  else if (lines > 0)
    s.body_bottom = std::max(s.body_bottom, s.footer_baseline + kLetterheadLeading * (lines - 1) + 24);
  return s;
}

void add_page_furniture(LayoutResult& result, const ir::Document& document, const PageStyle& ps,
                        Typesetter& ts) {
  // Page furniture: organisation and title in the header, page label in the
  // footer. Drawn first on each page (group 0) so text extraction reads it
  // before the body.
  const ir::PageFurniture& f = document.furniture();
  const size_t pages = result.pages.size();
  TextStyle small;
  small.size = 8.5;
  small.color = kGray;
  TextStyle letterhead = small;
  letterhead.size = 7.5;
  const bool logo = document.style().has_logo();
  const ir::Logo& image = document.style().logo();
  const bool logo_left = logo && image.placement() == ir::Logo::LEFT;
  const bool logo_right = logo && image.placement() == ir::Logo::RIGHT;
  for (size_t i = 0; i < pages; ++i) {
    Page& page = result.pages[i];
    const double hy = ps.header_baseline;
    double header_left_x = ps.left, header_right_end = ps.right;
    if (logo) {
      // The logo stands on the header line, at the left or right margin;
      // the header text moves aside.
      const double x = logo_left ? ps.left : ps.right - image.width();
      page.images.push_back({x, hy - 2, image.width(), image.height(), i == 0});
      if (logo_left) header_left_x += image.width() + 8;
      if (logo_right) header_right_end -= image.width() + 8;
    }
    const double width = header_right_end - header_left_x;
    if (!f.header_left().empty()) {
      const Line l = one_line(ts, f.header_left(), small, logo ? width * 0.5 : ps.text_width() * 0.55);
      draw_line(page, l, header_left_x, hy, -2);
    }
    if (!f.header_right().empty()) {
      const Line l = one_line(ts, f.header_right(), small, logo ? width * 0.45 : ps.text_width() * 0.4);
      draw_line(page, l, header_right_end - l.width, hy, -1);
    }
    if (!f.header_left().empty() || !f.header_right().empty() || logo)
      page.rules.push_back({ps.left, hy - 6, ps.right, hy - 6, 0.4, kRuleGray});
    // The letterhead: under the header line, or at the foot's left.
    const int n = f.letterhead_size();
    for (int k = 0; k < n; ++k) {
      const Line l = one_line(ts, f.letterhead(k), letterhead, ps.text_width() * 0.72);
      const double y = f.letterhead_place() == ir::PageFurniture::HEADER
                           ? hy - 6 - kLetterheadLeading * (k + 1)
                           : ps.footer_baseline + kLetterheadLeading * (n - 1 - k);
      // Header lines read after the header, footer lines before the page label.
      draw_line(page, l, ps.left, y,
                f.letterhead_place() == ir::PageFurniture::HEADER ? -1 : (1L << 40) - n + k);
    }
    if (!f.footer_page_label().empty()) {
      std::string label = replace_all(f.footer_page_label(), "{page}", std::to_string(i + 1));
      label = replace_all(label, "{pages}", std::to_string(pages));
      const Line l = one_line(ts, label, small, ps.text_width() * (n > 0 ? 0.25 : 1.0));
      draw_line(page, l, ps.right - l.width, ps.footer_baseline, 1L << 40);
    }
  }
}

}  // namespace kansli::pdf
