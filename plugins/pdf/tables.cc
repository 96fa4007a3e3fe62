#include <algorithm>
#include <memory>
#include <string>

#include "blocks.hpp"
#include "table_layout.hpp"

namespace kansli::pdf {
namespace {

// The words of a header text (split at ordinary spaces only).
std::vector<std::string> header_words(const std::string& text) {
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size();) {
    const size_t end = std::min(text.find(' ', i), text.size());
    if (end > i) words.push_back(text.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

double align_offset(ir::Column::Align align, double free) {
  if (align == ir::Column::RIGHT) return free;
  if (align == ir::Column::CENTER) return free / 2;
  return 0;
}

}  // namespace

void BlockBuilder::table(const ir::Table& t) {
  const bool ruled = t.kind() == ir::Table::DATA || t.kind() == ir::Table::FINANCIAL;
  const double gap = ruled ? 8 : 12;   // between columns
  const double pad = ruled ? 3 : 1.5;  // above and below a row's text
  // Column widths in proportion to their weights.
  size_t ncols = t.columns_size();
  for (const auto& row : t.rows()) {
    size_t n = 0;
    for (const auto& c : row.cells()) n += std::max<uint32_t>(1, c.column_span());
    ncols = std::max(ncols, n);
  }
  if (ncols == 0) return;
  std::vector<double> weight(ncols, 1);
  std::vector<ir::Column::Align> align(ncols, ir::Column::LEFT);
  double total = 0;
  for (size_t c = 0; c < ncols; ++c) {
    if (c < static_cast<size_t>(t.columns_size())) {
      weight[c] = std::max<uint32_t>(1, t.columns(c).weight());
      align[c] = t.columns(c).align();
    }
    total += weight[c];
  }
  const double usable = style_.text_width() - gap * (ncols - 1);
  std::vector<double> colx(ncols), colw(ncols);
  for (size_t c = 0; c < ncols; ++c) colw[c] = usable * weight[c] / total;
  // No header word breaks: widen a column to its longest header word.
  std::vector<double> need(ncols, 0);
  for (const auto& row : t.rows()) {
    if (row.kind() != ir::Row::HEADER || row.visually_hidden()) continue;
    size_t col = 0;
    for (const auto& cell : row.cells()) {
      const size_t span = std::max<uint32_t>(1, cell.column_span());
      if (span == 1 && col < ncols)
        for (const auto& span_text : cell.spans())
          for (const auto& word : header_words(span_text.text())) {
            Piece p;
            p.style = FontStyle::bold;
            p.size = style_.sizes.body;
            p.text = word;
            need[col] = std::max(need[col], ts_.width(p) + 0.5);
          }
      col += span;
    }
  }
  common::widen_to_needs(colw, need);
  double x = style_.left;
  for (size_t c = 0; c < ncols; ++c) {
    colx[c] = x;
    x += colw[c] + gap;
  }

  // DECIMAL columns: the widest part right of the alignment point (the
  // comma and decimals, " %", a unit) over the column's body rows.
  std::vector<double> decimal_tail(ncols, 0);
  auto tail_width = [&](const Line& line) {
    std::string text;
    for (const auto& run : line.runs) text += run.piece.text;
    size_t at = common::decimal_point(text);
    for (const auto& run : line.runs) {
      if (at < run.piece.text.size()) {
        Piece head = run.piece;
        head.text.resize(at);
        return line.width - run.x - ts_.width(head);
      }
      at -= run.piece.text.size();
    }
    return 0.0;
  };
  for (const auto& row : t.rows()) {
    if (row.kind() == ir::Row::HEADER || row.kind() == ir::Row::GROUP) continue;
    size_t col = 0;
    for (const auto& cell : row.cells()) {
      if (col >= ncols) break;
      const size_t span = std::max<uint32_t>(1, cell.column_span());
      if (span == 1 && align[col] == ir::Column::DECIMAL) {
        TextStyle cs = body_text();
        cs.bold = row.kind() == ir::Row::SUBTOTAL || row.kind() == ir::Row::TOTAL;
        for (const auto& line : ts_.lines(cell.spans(), cs, colw[col]))
          decimal_tail[col] = std::max(decimal_tail[col], tail_width(line));
      }
      col += span;
    }
  }

  const size_t table_start = items.size();
  if (!t.caption().empty()) {
    TextStyle cap = body_text();
    cap.bold = true;
    text_lines(ts_.lines(t.caption(), cap, style_.text_width()), style_.left, cap.size, 10, true);
  }

  auto header = std::make_shared<std::vector<Item>>();
  std::vector<size_t> row_ends;  // index of the last item of each body row
  bool in_header = true;
  bool first_row = true;
  const int row_headers = t.row_header_columns() > 0    ? static_cast<int>(t.row_header_columns())
                          : t.kind() == ir::Table::DATA ? 0
                                                        : 1;
  // Header rows for assistive technology only are not drawn; they are
  // tagged (TH with /ActualText) ahead of the drawn rows.
  std::vector<std::vector<std::string>> hidden_header;
  for (const auto& row : t.rows()) {
    if (!row.visually_hidden()) continue;
    auto& texts = hidden_header.emplace_back();
    for (const auto& cell : row.cells()) {
      std::string text;
      for (const auto& span : cell.spans()) text += span.text();
      texts.push_back(std::move(text));
    }
  }
  const size_t first_row_item = items.size();
  for (int r = 0; r < t.rows_size(); ++r) {
    const auto& row = t.rows(r);
    if (row.visually_hidden()) continue;
    const auto kind = row.kind();
    const auto next_kind = r + 1 < t.rows_size() ? t.rows(r + 1).kind() : ir::Row::BODY;
    const bool next_ruled = next_kind == ir::Row::SUBTOTAL || next_kind == ir::Row::TOTAL;
    const bool is_header = kind == ir::Row::HEADER;
    if (!is_header) in_header = false;
    TextStyle style = body_text();
    style.bold = is_header || kind == ir::Row::SUBTOTAL || kind == ir::Row::TOTAL || kind == ir::Row::GROUP;
    if (!ruled && t.kind() == ir::Table::FIELDS) style.bold = false;
    struct CellLayout {
      std::vector<Line> lines;
      double x, w;
      ir::Column::Align align;
      size_t skip = 0;         // empty lines above the text (bottom alignment)
      std::vector<double> dx;  // each line's offset from x
    };
    std::vector<CellLayout> cells;
    size_t col = 0;
    size_t max_lines = 1;
    for (const auto& cell : row.cells()) {
      if (col >= ncols) break;
      const size_t span = std::min<size_t>(std::max<uint32_t>(1, cell.column_span()), ncols - col);
      const double w = colx[col + span - 1] + colw[col + span - 1] - colx[col];
      TextStyle cs = style;
      if (t.kind() == ir::Table::FIELDS && col == 0) cs.color = kGray;
      CellLayout cl{ts_.lines(cell.spans(), cs, w),
                    colx[col],
                    w,
                    kind == ir::Row::GROUP ? ir::Column::LEFT : align[col],
                    0,
                    {}};
      // DECIMAL: numbers line up on their decimal comma; a header cell, or
      // a cell across columns, is right-aligned.
      if (cl.align == ir::Column::DECIMAL && (is_header || span > 1)) cl.align = ir::Column::RIGHT;
      for (const auto& line : cl.lines)
        cl.dx.push_back(cl.align == ir::Column::DECIMAL
                            ? std::max(0.0, w - decimal_tail[col] - (line.width - tail_width(line)))
                            : align_offset(cl.align, std::max(0.0, w - line.width)));
      max_lines = std::max(max_lines, cl.lines.size());
      cells.push_back(std::move(cl));
      col += span;
    }
    // In a financial statement the amounts stand on the last line of a
    // wrapped label, where the reader's eye ends.
    if (t.kind() == ir::Table::FINANCIAL)
      for (size_t c = 1; c < cells.size(); ++c) cells[c].skip = max_lines - cells[c].lines.size();
    auto shared = std::make_shared<std::vector<CellLayout>>(std::move(cells));
    const double lead = leading(style.size);
    const bool rule_above = kind == ir::Row::SUBTOTAL || kind == ir::Row::TOTAL;
    const bool rule_below = is_header || kind == ir::Row::TOTAL;
    const bool light_below = ruled && !rule_below && kind != ir::Row::GROUP && !next_ruled;
    const bool fill = is_header && t.kind() == ir::Table::DATA;
    for (size_t k = 0; k < max_lines; ++k) {
      Item it;
      const bool first = k == 0, last = k + 1 == max_lines;
      it.height = lead + (first ? pad : 0) + (last ? pad : 0);
      it.space_before = first && first_row ? (t.caption().empty() ? 8 : 2) : 0;
      if (first && kind == ir::Row::GROUP && !first_row) it.space_before = 4;
      it.keep_with_next = !last || is_header || kind == ir::Row::GROUP;
      for (const auto& c : *shared)
        if (k >= c.skip && k - c.skip < c.lines.size())
          it.footnotes.insert(it.footnotes.end(), c.lines[k - c.skip].footnotes.begin(),
                              c.lines[k - c.skip].footnotes.end());
      // All lines of a row share one text group, so each cell's text is
      // drawn (and extracted) as a whole, cell after cell.
      it.shares_group = !first;
      GroupTag& tag = it.edit_tag();
      tag.group_role = "TR";
      tag.sub_role = is_header ? "TH" : "TD";
      tag.row_headers = is_header ? 0 : row_headers;
      it.draw = [&style_ = style_, shared, k, first, last, pad, lead, rule_above, rule_below, light_below,
                 fill](Page& page, double top, long row_id) {
        const double h = lead + (first ? pad : 0) + (last ? pad : 0);
        if (fill) page.rects.push_back({style_.left, top - h, style_.text_width(), h, kLightFill});
        if (first && rule_above) page.rules.push_back({style_.left, top, style_.right, top, 0.6, kBlack});
        if (last && rule_below)
          page.rules.push_back({style_.left, top - h, style_.right, top - h, 0.8, kBlack});
        if (last && light_below)
          page.rules.push_back({style_.left, top - h, style_.right, top - h, 0.3, kRuleGray});
        const double base = top - (first ? pad : 0) - baseline_offset(style_.sizes.body);
        int sub = 0;
        for (const auto& c : *shared) {
          if (k >= c.skip && k - c.skip < c.lines.size()) {
            draw_line(page, c.lines[k - c.skip], c.x + c.dx[k - c.skip], base, row_id, sub);
          }
          ++sub;
        }
      };
      if (kind == ir::Row::TOTAL && last) {
        auto inner = it.draw;
        it.draw = [&style_ = style_, inner, h = it.height](Page& page, double top, long g) {
          inner(page, top, g);
          page.rules.push_back({style_.left, top - h - 1.6, style_.right, top - h - 1.6, 0.8, kBlack});
        };
        it.height += 2;
      }
      if (in_header && ruled) header->push_back(it);
      if (!in_header && !header->empty()) it.repeat_header = header;
      items.push_back(std::move(it));
    }
    if (!is_header) row_ends.push_back(items.size() - 1);
    first_row = false;
  }
  if (!hidden_header.empty())
    for (size_t k = first_row_item; k < items.size(); ++k) items[k].edit_tag().hidden_header = hidden_header;
  // Never one row alone: the first body row stays with the second, the
  // last with the one before it.
  if (row_ends.size() >= 2) {
    items[row_ends.front()].keep_with_next = true;
    items[row_ends[row_ends.size() - 2]].keep_with_next = true;
  }
  // A FIELDS table (label/value facts) never splits: every row keeps with
  // the next (pagination still splits one longer than a page).
  if (t.kind() == ir::Table::FIELDS)
    for (size_t k = table_start; k < items.size(); ++k) items[k].keep_with_next = true;
  if (!items.empty()) items.back().keep_with_next = false;
}

}  // namespace kansli::pdf
