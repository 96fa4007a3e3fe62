#include "layout.hpp"

#include <fmt/format.h>
#include <kansli/exporter_support.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>

namespace kansli::pdf {
namespace {

// Page geometry (points): 25 mm left, 20 mm right, header and footer outside
// the body area.
constexpr double kLeft = 71;
constexpr double kRight = kPageWidth - 57;
constexpr double kBodyTop = kPageHeight - 78;
constexpr double kBodyBottom = 62;
constexpr double kTextWidth = kRight - kLeft;

constexpr double kBodySize = 10.5;
constexpr double kLeading = 1.36;  // line height / font size
constexpr double kFootnoteSize = 8.5;

const Color kBlack{0, 0, 0};
const Color kGray{0.35, 0.35, 0.35};
const Color kRuleGray{0.6, 0.6, 0.6};
const Color kLightFill{0.92, 0.92, 0.92};
const Color kAccent{0.16, 0.29, 0.45};
const Color kLinkBlue{0.05, 0.25, 0.6};

// ---------------------------------------------------------------- lines

struct Piece {
  std::string text;
  FontStyle style = FontStyle::regular;
  double size = kBodySize;
  double rise = 0;
  std::string link;
  Color color;
  double width = 0;
};

struct Run {
  Piece piece;
  double x = 0;
};

struct Line {
  std::vector<Run> runs;
  double width = 0;
  std::vector<uint32_t> footnotes;  // referenced on this line
};

struct TextStyle {
  double size = kBodySize;
  bool bold = false;
  bool italic = false;
  Color color = kBlack;
};

FontStyle font_style(bool bold, bool italic, bool code) {
  if (code) return FontStyle::mono;
  if (bold && italic) return FontStyle::bold_italic;
  if (bold) return FontStyle::bold;
  if (italic) return FontStyle::italic;
  return FontStyle::regular;
}

std::string clean(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

// Token stream of a paragraph: words (sequences of pieces), spaces, breaks.
struct Token {
  enum Kind { word, space, line_break } kind = word;
  std::vector<Piece> pieces;  // word: its pieces; space: one piece (" ")
  uint32_t footnote = 0;      // a reference mark inside this word
};

class Typesetter {
 public:
  explicit Typesetter(FontSet& fonts) : fonts_(fonts) {}

  double width(const Piece& p) { return fonts_.width(p.style, p.text, p.size); }

  std::vector<Line> lines(const google::protobuf::RepeatedPtrField<ir::Span>& spans, const TextStyle& base,
                          double max_width) {
    std::vector<Token> tokens;
    auto word_token = [&]() -> Token& {
      if (tokens.empty() || tokens.back().kind != Token::word) tokens.push_back({Token::word, {}, 0});
      return tokens.back();
    };
    // A footnote mark goes after punctuation that directly follows it
    // ("fördjupas.¹", the Swedish convention), so the word itself stays whole.
    std::optional<Piece> pending_mark;
    uint32_t pending_note = 0;
    auto emit_mark = [&] {
      if (!pending_mark) return;
      Token& t = word_token();
      t.pieces.push_back(*pending_mark);
      t.footnote = pending_note;
      pending_mark.reset();
    };
    for (const auto& span : spans) {
      if (span.line_break()) {
        emit_mark();
        tokens.push_back({Token::line_break, {}, 0});
        continue;
      }
      Piece proto;
      proto.style = font_style(base.bold || span.bold(), base.italic || span.italic(), span.code());
      proto.size = base.size;
      proto.color = span.link().empty() ? base.color : kLinkBlue;
      proto.link = span.link();
      if (span.footnote() != 0) {
        Piece mark = proto;
        mark.style = FontStyle::regular;
        mark.text = std::to_string(span.footnote());
        mark.size = base.size * 0.62;
        mark.rise = base.size * 0.38;
        mark.link = "#fn-" + std::to_string(span.footnote());
        mark.color = base.color;
        mark.width = width(mark);
        emit_mark();
        pending_mark = mark;
        pending_note = span.footnote();
        continue;
      }
      const std::string text = clean(span.text());
      size_t i = 0;
      if (pending_mark) {
        while (i < text.size() && std::string_view(".,;:!?)]\u00bb\u201d").find(text[i]) != std::string_view::npos &&
               static_cast<unsigned char>(text[i]) < 0x80)
          ++i;
        if (i > 0) {
          Piece punct = proto;
          punct.text = text.substr(0, i);
          punct.width = width(punct);
          word_token().pieces.push_back(std::move(punct));
        }
        emit_mark();
      }
      while (i < text.size()) {
        if (text[i] == ' ') {
          while (i < text.size() && text[i] == ' ') ++i;
          Piece sp = proto;
          sp.text = " ";
          sp.width = width(sp);
          tokens.push_back({Token::space, {sp}, 0});
          continue;
        }
        const size_t end = std::min(text.find(' ', i), text.size());
        Piece w = proto;
        w.text = text.substr(i, end - i);
        w.width = width(w);
        word_token().pieces.push_back(std::move(w));
        i = end;
      }
    }

    emit_mark();
    // "§ 21", "§§ 1–4": the sign never ends a line; glue it to the next word
    // with its space. One pass into a new vector (erasing in place is
    // quadratic on a paragraph of many "§ N").
    {
      auto is_sign = [](const Token& t) {
        if (t.kind != Token::word) return false;
        std::string text;
        for (const auto& p : t.pieces) text += p.text;
        return text == "\u00a7" || text == "\u00a7\u00a7";
      };
      std::vector<Token> glued;
      glued.reserve(tokens.size());
      for (size_t k = 0; k < tokens.size(); ++k) {
        if (k + 2 < tokens.size() && is_sign(tokens[k]) && tokens[k + 1].kind == Token::space &&
            tokens[k + 2].kind == Token::word) {
          Token t = std::move(tokens[k]);
          t.pieces.push_back(tokens[k + 1].pieces.front());
          for (auto& p : tokens[k + 2].pieces) t.pieces.push_back(std::move(p));
          if (!t.footnote) t.footnote = tokens[k + 2].footnote;
          glued.push_back(std::move(t));
          k += 2;
          continue;
        }
        glued.push_back(std::move(tokens[k]));
      }
      tokens = std::move(glued);
    }
    std::vector<Line> out;
    Line line;
    std::optional<Piece> pending_space;
    auto flush = [&] {
      out.push_back(std::move(line));
      line = Line{};
      pending_space.reset();
    };
    auto append = [&](const Piece& p) {
      line.runs.push_back({p, line.width});
      line.width += p.width;
    };
    for (auto& token : tokens) {
      if (token.kind == Token::line_break) {
        flush();
        continue;
      }
      if (token.kind == Token::space) {
        if (!line.runs.empty()) pending_space = token.pieces.front();
        continue;
      }
      double w = 0;
      for (const auto& p : token.pieces) w += p.width;
      const double space = pending_space ? pending_space->width : 0;
      if (!line.runs.empty() && line.width + space + w > max_width) flush();
      if (pending_space && !line.runs.empty()) append(*pending_space);
      pending_space.reset();
      if (token.footnote) line.footnotes.push_back(token.footnote);
      if (line.width + w <= max_width || w <= max_width) {
        for (const auto& p : token.pieces) append(p);
        continue;
      }
      // A word wider than the line (a 200-character name in a narrow column):
      // break it between characters rather than let it run off the page.
      for (const auto& p : token.pieces) {
        const std::u32string chars = decode_utf8(p.text);
        size_t start = 0;
        while (start < chars.size()) {
          size_t n = 0;
          double used = 0;
          std::string part;
          while (start + n < chars.size()) {
            std::string c;
            encode_utf8(c, chars[start + n]);
            Piece probe = p;
            probe.text = c;
            const double cw = width(probe);
            if (n > 0 && line.width + used + cw > max_width) break;
            if (n == 0 && !line.runs.empty() && line.width + cw > max_width) break;
            used += cw;
            part += c;
            ++n;
          }
          if (n == 0) {
            flush();
            continue;
          }
          Piece piece = p;
          piece.text = part;
          piece.width = used;
          append(piece);
          start += n;
          if (start < chars.size()) flush();
        }
      }
    }
    if (!line.runs.empty() || out.empty()) out.push_back(std::move(line));
    for (auto& l : out) merge_runs(l);
    return out;
  }

  // Lays out plain text in one style.
  std::vector<Line> lines(const std::string& text, const TextStyle& style, double max_width) {
    google::protobuf::RepeatedPtrField<ir::Span> spans;
    spans.Add()->set_text(text);
    return lines(spans, style, max_width);
  }

 private:
  // Joins neighbouring pieces of one look into one run (fewer text objects,
  // and real spaces between words for text extraction).
  static void merge_runs(Line& line) {
    std::vector<Run> merged;
    for (auto& run : line.runs) {
      if (!merged.empty()) {
        Piece& last = merged.back().piece;
        if (last.style == run.piece.style && last.size == run.piece.size && last.rise == run.piece.rise &&
            last.link == run.piece.link && last.color == run.piece.color) {
          last.text += run.piece.text;
          last.width += run.piece.width;
          continue;
        }
      }
      merged.push_back(std::move(run));
    }
    line.runs = std::move(merged);
  }

  FontSet& fonts_;
};

// ---------------------------------------------------------------- items

// One unbreakable slice of the body: a line of text, a table row line, a
// signature row. Pagination only moves items, never splits them.
struct Item {
  double height = 0;
  double space_before = 0;
  bool keep_with_next = false;
  bool page_break = false;
  std::vector<uint32_t> footnotes;
  std::string anchor;
  // Draws the item with its top at `top`.
  std::function<void(Page&, double top, long group)> draw;
  // Table header rows, repeated when the table continues on a new page.
  std::shared_ptr<std::vector<Item>> repeat_header;
  bool shares_group = false;  // continues the previous item's text group (table rows)
};

void draw_line(Page& page, const Line& line, double x, double baseline, long group, int sub = 0) {
  for (const auto& run : line.runs) {
    const Piece& p = run.piece;
    page.texts.push_back({x + run.x, baseline + p.rise, p.style, p.size, p.text, p.color, group, sub});
    if (!p.link.empty() && p.link.rfind("#fn-", 0) != 0)
      page.links.push_back({x + run.x, baseline - p.size * 0.22, p.width, p.size * 1.1, p.link});
  }
}

double leading(double size) { return size * kLeading; }
double baseline_offset(double size) { return size * kLeading * 0.5 + size * 0.33; }

double align_offset(ir::Column::Align align, double free) {
  if (align == ir::Column::RIGHT) return free;
  if (align == ir::Column::CENTER) return free / 2;
  return 0;
}

class Builder {
 public:
  Builder(const ir::Document& doc, FontSet& fonts, const std::map<std::string, Destination>& toc_pages)
      : doc_(doc), ts_(fonts), toc_pages_(toc_pages) {}

  std::vector<Item> items;

  void build() {
    for (int i = 0; i < doc_.blocks_size(); ++i) {
      const auto& block = doc_.blocks(i);
      switch (block.content_case()) {
        case ir::Block::kHeading: heading(block.heading()); break;
        case ir::Block::kParagraph: paragraph(block.paragraph()); break;
        case ir::Block::kList: list(block.list()); break;
        case ir::Block::kTable: table(block.table()); break;
        case ir::Block::kSignatures: signatures(block.signatures()); break;
        case ir::Block::kPageBreak: {
          Item it;
          it.page_break = true;
          items.push_back(std::move(it));
          break;
        }
        case ir::Block::kTableOfContents: contents(block.table_of_contents()); break;
        default: break;  // a block kind this exporter does not know: skip
      }
    }
  }

  // Lines of text as items; orphan and widow control through keep_with_next.
  void text_lines(std::vector<Line> lines, double x, double size, double space_before, bool keep_all,
                  Color bar = {-1, 0, 0}) {
    const double lead = leading(size);
    const size_t n = lines.size();
    for (size_t k = 0; k < n; ++k) {
      Item it;
      it.height = lead;
      it.space_before = k == 0 ? space_before : 0;
      it.keep_with_next = keep_all || (n >= 2 && k == 0) || (n >= 3 && k + 2 == n);
      it.footnotes = lines[k].footnotes;
      auto line = std::make_shared<Line>(std::move(lines[k]));
      it.draw = [line, x, size, lead, bar](Page& page, double top, long group) {
        if (bar.r >= 0) page.rects.push_back({kLeft, top - lead, 2.2, lead, bar});
        draw_line(page, *line, x, top - baseline_offset(size), group);
      };
      items.push_back(std::move(it));
    }
  }

  void heading(const ir::Heading& h) {
    TextStyle style;
    style.bold = true;
    double before = 0;
    switch (h.level()) {
      case 0: style.size = 20; before = 0; break;
      case 1: style.size = 12.5; before = 15; break;
      case 2: style.size = 11; before = 11; break;
      default: style.size = kBodySize; style.italic = true; before = 8; break;
    }
    if (h.level() == 1) style.color = kBlack;
    double indent = 0;
    std::optional<Line> number;
    if (!h.number().empty()) {
      auto n = ts_.lines(h.number(), style, kTextWidth);
      number = n.front();
      indent = std::max(number->width + style.size * 0.7, h.level() == 1 ? 44.0 : 0.0);
    }
    auto lines = ts_.lines(h.spans(), style, kTextWidth - indent);
    const size_t first = items.size();
    text_lines(lines, kLeft + indent, style.size, before, true);
    items[first].anchor = h.anchor();
    if (number) {
      auto num = std::make_shared<Line>(*number);
      auto inner = items[first].draw;
      const double size = style.size;
      items[first].draw = [num, inner, size](Page& page, double top, long group) {
        draw_line(page, *num, kLeft, top - baseline_offset(size), group);
        inner(page, top, group);
      };
    }
    if (h.level() == 0) items.back().height += 2;
    if (h.level() == 1) items.back().height += 2;
  }

  void paragraph(const ir::Paragraph& p) {
    TextStyle style;
    double x = kLeft, width = kTextWidth, before = 6;
    Color bar{-1, 0, 0};
    switch (p.style()) {
      case ir::Paragraph::SUBTITLE:
        style.size = 12;
        style.color = kGray;
        before = 2;
        break;
      case ir::Paragraph::QUOTE:
        style.italic = true;
        x += 22;
        width -= 44;
        before = 8;
        break;
      case ir::Paragraph::DECISION:
        x += 12;
        width -= 12;
        before = 9;
        bar = kAccent;
        break;
      case ir::Paragraph::NOTE:
        style.size = 9;
        style.color = kGray;
        before = 5;
        break;
      default: break;
    }
    text_lines(ts_.lines(p.spans(), style, width), x, style.size, before, false, bar);
    if (p.style() == ir::Paragraph::SUBTITLE) items.back().height += 8;
    if (p.style() == ir::Paragraph::DECISION) items.back().height += 3;
  }

  void list(const ir::List& l) {
    TextStyle style;
    const double indent = 22;
    uint32_t number = l.start() == 0 ? 1 : l.start();
    bool first = true;
    for (const auto& li : l.items()) {
      const std::string marker = l.ordered() ? fmt::format("{}.", number++) : "\u2022";
      auto m = std::make_shared<Line>(ts_.lines(marker, style, indent).front());
      const size_t at = items.size();
      text_lines(ts_.lines(li.spans(), style, kTextWidth - indent), kLeft + indent, style.size, first ? 6 : 2,
                 false);
      first = false;
      auto inner = items[at].draw;
      items[at].draw = [m, inner, indent](Page& page, double top, long group) {
        draw_line(page, *m, kLeft + indent - 6 - m->width, top - baseline_offset(kBodySize), group);
        inner(page, top, group);
      };
    }
  }

  void table(const ir::Table& t) {
    const bool ruled = t.kind() == ir::Table::DATA || t.kind() == ir::Table::FINANCIAL;
    const double gap = ruled ? 8 : 12;  // between columns
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
    const double usable = kTextWidth - gap * (ncols - 1);
    std::vector<double> colx(ncols), colw(ncols);
    double x = kLeft;
    for (size_t c = 0; c < ncols; ++c) {
      colx[c] = x;
      colw[c] = usable * weight[c] / total;
      x += colw[c] + gap;
    }

    if (!t.caption().empty()) {
      TextStyle cap;
      cap.bold = true;
      text_lines(ts_.lines(t.caption(), cap, kTextWidth), kLeft, cap.size, 10, true);
    }

    auto header = std::make_shared<std::vector<Item>>();
    std::vector<size_t> row_ends;  // index of the last item of each body row
    bool in_header = true;
    bool first_row = true;
    for (int r = 0; r < t.rows_size(); ++r) {
      const auto& row = t.rows(r);
      const auto kind = row.kind();
      const auto next_kind = r + 1 < t.rows_size() ? t.rows(r + 1).kind() : ir::Row::BODY;
      const bool next_ruled = next_kind == ir::Row::SUBTOTAL || next_kind == ir::Row::TOTAL;
      const bool is_header = kind == ir::Row::HEADER;
      if (!is_header) in_header = false;
      TextStyle style;
      style.bold = is_header || kind == ir::Row::SUBTOTAL || kind == ir::Row::TOTAL || kind == ir::Row::GROUP;
      if (!ruled && t.kind() == ir::Table::FIELDS) style.bold = false;
      struct CellLayout {
        std::vector<Line> lines;
        double x, w;
        ir::Column::Align align;
        size_t skip = 0;  // empty lines above the text (bottom alignment)
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
        CellLayout cl{ts_.lines(cell.spans(), cs, w), colx[col], w,
                      kind == ir::Row::GROUP ? ir::Column::LEFT : align[col]};
        max_lines = std::max(max_lines, cl.lines.size());
        cells.push_back(std::move(cl));
        col += span;
      }
      // In a financial statement the amounts stand on the last line of a
      // wrapped label, where the reader's eye ends.
      if (t.kind() == ir::Table::FINANCIAL)
        for (size_t c = 1; c < cells.size(); ++c) cells[c].skip = max_lines - cells[c].lines.size();
      auto shared = std::make_shared<std::vector<CellLayout>>(std::move(cells));
      const double lead = leading(kBodySize);
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
        it.draw = [shared, k, first, last, pad, lead, rule_above, rule_below, light_below, fill](
                      Page& page, double top, long row_id) {
          const double h = lead + (first ? pad : 0) + (last ? pad : 0);
          if (fill) page.rects.push_back({kLeft, top - h, kTextWidth, h, kLightFill});
          if (first && rule_above) page.rules.push_back({kLeft, top, kRight, top, 0.6, kBlack});
          if (last && rule_below) page.rules.push_back({kLeft, top - h, kRight, top - h, 0.8, kBlack});
          if (last && light_below) page.rules.push_back({kLeft, top - h, kRight, top - h, 0.3, kRuleGray});
          const double base = top - (first ? pad : 0) - baseline_offset(kBodySize);
          int sub = 0;
          for (const auto& c : *shared) {
            if (k >= c.skip && k - c.skip < c.lines.size()) {
              const Line& line = c.lines[k - c.skip];
              const double dx = align_offset(c.align, std::max(0.0, c.w - line.width));
              draw_line(page, line, c.x + dx, base, row_id, sub);
            }
            ++sub;
          }
        };
        if (kind == ir::Row::TOTAL && last) {
          auto inner = it.draw;
          it.draw = [inner, h = it.height](Page& page, double top, long g) {
            inner(page, top, g);
            page.rules.push_back({kLeft, top - h - 1.6, kRight, top - h - 1.6, 0.8, kBlack});
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
    // Never one row alone: the first body row stays with the second, the
    // last with the one before it.
    if (row_ends.size() >= 2) {
      items[row_ends.front()].keep_with_next = true;
      items[row_ends[row_ends.size() - 2]].keep_with_next = true;
    }
    if (!items.empty()) items.back().keep_with_next = false;
  }

  void signatures(const ir::SignatureBlock& s) {
    if (!s.label().empty()) {
      TextStyle label;
      label.bold = true;
      text_lines(ts_.lines(s.label(), label, kTextWidth), kLeft, label.size, 22, true);
    }
    // Two signatories side by side; each: space to sign, the line with the
    // signature field on it, name, role.
    const double gap = 30;
    const double colw = (kTextWidth - gap) / 2;
    const double sign_space = 36;
    TextStyle name_style;
    TextStyle role_style;
    role_style.size = 9.5;
    role_style.color = kGray;
    for (int i = 0; i < s.signatories_size(); i += 2) {
      struct Cell {
        std::vector<Line> name, role;
        std::string field;
        double x;
      };
      auto cells = std::make_shared<std::vector<Cell>>();
      double height = 0;
      for (int k = i; k < std::min(i + 2, s.signatories_size()); ++k) {
        const auto& who = s.signatories(k);
        Cell c{ts_.lines(who.name(), name_style, colw), ts_.lines(who.role(), role_style, colw), who.field_name(),
               kLeft + (k - i) * (colw + gap)};
        if (who.role().empty()) c.role.clear();
        height = std::max(height, sign_space + 4 + c.name.size() * leading(kBodySize) +
                                      c.role.size() * leading(role_style.size));
        cells->push_back(std::move(c));
      }
      Item it;
      it.height = height;
      it.space_before = i == 0 ? 4 : 16;
      it.draw = [cells, sign_space, colw, rs = role_style.size](Page& page, double top, long row_id) {
        int sub = 0;
        for (const auto& c : *cells) {
          const double line_y = top - sign_space;
          const double w = std::min(colw, 220.0);
          page.rules.push_back({c.x, line_y, c.x + w, line_y, 0.6, kBlack});
          if (!c.field.empty()) page.fields.push_back({c.x, line_y, w, sign_space - 2, c.field});
          double y = line_y - 4;
          for (const auto& l : c.name) {
            draw_line(page, l, c.x, y - baseline_offset(kBodySize), row_id, sub);
            y -= leading(kBodySize);
          }
          for (const auto& l : c.role) {
            draw_line(page, l, c.x, y - baseline_offset(rs), row_id, sub);
            y -= leading(rs);
          }
          ++sub;
        }
      };
      items.push_back(std::move(it));
    }
  }

  void contents(const ir::TableOfContents& toc) {
    ir::Heading title;
    title.set_level(1);
    title.add_spans()->set_text(toc.title());
    heading(title);
    TextStyle style;
    const double page_col = 28;
    for (const auto& block : doc_.blocks()) {
      if (!block.has_heading() || !block.heading().in_toc()) continue;
      const auto& h = block.heading();
      const double indent = h.level() <= 1 ? 0 : 14 * (h.level() - 1);
      std::string text = h.number().empty() ? "" : h.number() + " ";
      for (const auto& s : h.spans()) text += s.text();
      auto lines = ts_.lines(text, style, kTextWidth - indent - page_col - 10);
      auto it_page = toc_pages_.find(h.anchor());
      const std::string number = it_page == toc_pages_.end() ? "0" : std::to_string(it_page->second.page + 1);
      auto num = std::make_shared<Line>(ts_.lines(number, style, page_col).front());
      Piece dot;
      dot.text = ". ";
      const double pitch = ts_.width(dot);  // one dot and its space
      const size_t at = items.size();
      text_lines(lines, kLeft + indent, kBodySize, at > 0 ? 3 : 0, false);
      auto last_line = items.size() - 1;
      const double text_end = kLeft + indent;
      auto inner = items[last_line].draw;
      const double last_w = lines.back().width;
      const std::string anchor = "#" + h.anchor();
      items[last_line].draw = [=](Page& page, double top, long group) {
        inner(page, top, group);
        const double base = top - baseline_offset(kBodySize);
        const double nx = kRight - num->width;
        // Dot leaders between the entry and its page number, on one grid
        // that ends at the same place on every line (so the dots of all
        // entries line up, whatever the width of the text or the number).
        const double leader_end = kRight - page_col + 8;
        const double leader_start = text_end + last_w + 6;
        const int n = static_cast<int>(std::floor((leader_end - leader_start) / pitch));
        // In chunks of eight, each placed on the grid: the PDF's glyph widths
        // are rounded to 1/1000 em, which over a long run of dots would drift.
        constexpr int kChunk = 8;
        for (int d = 0; d < n; d += kChunk) {
          std::string dots;
          for (int k = d; k < std::min(n, d + kChunk); ++k) dots += ". ";
          if (d + kChunk >= n) dots.pop_back();
          page.texts.push_back(
              {leader_end - (n - d) * pitch, base, FontStyle::regular, kBodySize, dots, kGray, group, 0});
        }
        draw_line(page, *num, nx, base, group);
        page.links.push_back({kLeft, top - leading(kBodySize), kTextWidth, leading(kBodySize), anchor});
      };
      for (size_t k = at; k < items.size(); ++k) items[k].keep_with_next = k + 1 < items.size();
      items.back().keep_with_next = false;
    }
  }

  std::vector<Line> footnote_lines(const ir::Footnote& f) {
    TextStyle style;
    style.size = kFootnoteSize;
    return ts_.lines(f.spans(), style, kTextWidth - 14);
  }

  Typesetter& typesetter() { return ts_; }

 private:
  const ir::Document& doc_;
  Typesetter ts_;
  const std::map<std::string, Destination>& toc_pages_;
};

// ---------------------------------------------------------------- pages

class Paginator {
 public:
  // Throws ExportError for a footnote that refers to a footnote: it would
  // have no place to be printed (notes are collected from body text only).
  Paginator(Builder& builder, const ir::Document& doc) : builder_(builder) {
    for (const auto& f : doc.footnotes()) {
      for (const auto& span : f.spans())
        if (span.footnote() != 0)
          throw ExportError(fmt::format("footnote {} refers to footnote {} in its text; footnote references "
                                        "inside footnotes are not supported",
                                        f.number(), span.footnote()));
      footnotes_[f.number()] = builder.footnote_lines(f);
    }
    new_page();
  }

  LayoutResult result;

  void run(const std::vector<Item>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      if (it.page_break) {
        if (!empty_) new_page();
        continue;
      }
      // The chain of items that must stay together with this one.
      double chain = it.height;
      std::vector<uint32_t> chain_notes = it.footnotes;
      for (size_t j = i; j + 1 < items.size() && items[j].keep_with_next && !items[j + 1].page_break; ++j) {
        chain += items[j + 1].space_before + items[j + 1].height;
        chain_notes.insert(chain_notes.end(), items[j + 1].footnotes.begin(), items[j + 1].footnotes.end());
        if (chain > kBodyTop - kBodyBottom) break;
      }
      const double full = kBodyTop - kBodyBottom;
      const bool chain_fits_empty = chain + notes_height(chain_notes, true) <= full;
      if (!empty_) {
        const double need = it.space_before + (chain_fits_empty ? chain : it.height);
        const auto& notes = chain_fits_empty ? chain_notes : it.footnotes;
        if (y_ - need < kBodyBottom + notes_height(notes, false)) new_page();
      }
      if (empty_ && it.repeat_header && !it.repeat_header->empty() && !header_placed_for(it.repeat_header.get())) {
        for (const auto& h : *it.repeat_header) place(h);
      }
      place(it);
      if (!it.repeat_header) current_header_ = nullptr;
    }
    finish_page();
  }

 private:
  bool header_placed_for(const std::vector<Item>* header) { return current_header_ == header; }

  void place(const Item& it) {
    if (!empty_) y_ -= it.space_before;
    if (!it.anchor.empty()) result.anchors[it.anchor] = {result.pages.size() - 1, y_};
    if (!it.shares_group) ++group_;
    it.draw(result.pages.back(), y_, group_);
    y_ -= it.height;
    empty_ = false;
    for (uint32_t n : it.footnotes) {
      if (!footnotes_.count(n))
        throw ExportError(fmt::format("the text refers to footnote {}, which the document does not have", n));
      if (std::find(page_notes_.begin(), page_notes_.end(), n) == page_notes_.end()) page_notes_.push_back(n);
    }
    if (it.repeat_header) current_header_ = it.repeat_header.get();
  }

  // Height of the footnote area with the notes already on the page and `more`.
  double notes_height(const std::vector<uint32_t>& more, bool fresh) const {
    double h = 0;
    std::vector<uint32_t> all = fresh ? std::vector<uint32_t>{} : page_notes_;
    for (uint32_t n : more)
      if (std::find(all.begin(), all.end(), n) == all.end() && footnotes_.count(n)) all.push_back(n);
    for (uint32_t n : all) h += footnotes_.at(n).size() * leading(kFootnoteSize) + 2;
    return all.empty() ? 0 : h + 12;
  }

  void finish_page() {
    if (page_notes_.empty()) return;
    Page& page = result.pages.back();
    double top = kBodyBottom + notes_height({}, false);
    page.rules.push_back({kLeft, top - 4, kLeft + 120, top - 4, 0.5, kBlack});
    double y = top - 10;
    ++group_;
    for (uint32_t n : page_notes_) {
      const auto& lines = footnotes_.at(n);
      Line mark;
      Piece p;
      p.text = std::to_string(n);
      p.size = kFootnoteSize;
      p.width = builder_.typesetter().width(p);
      mark.runs.push_back({p, 0});
      result.anchors["fn-" + std::to_string(n)] = {result.pages.size() - 1, y};
      draw_line(page, mark, kLeft, y - baseline_offset(kFootnoteSize), group_);
      for (const auto& l : lines) {
        draw_line(page, l, kLeft + 14, y - baseline_offset(kFootnoteSize), group_);
        y -= leading(kFootnoteSize);
      }
      y -= 2;
    }
  }

  void new_page() {
    if (!result.pages.empty()) finish_page();
    result.pages.emplace_back();
    y_ = kBodyTop;
    empty_ = true;
    page_notes_.clear();
    current_header_ = nullptr;
  }

  Builder& builder_;
  std::map<uint32_t, std::vector<Line>> footnotes_;
  std::vector<uint32_t> page_notes_;
  double y_ = kBodyTop;
  bool empty_ = true;
  long group_ = 0;
  const std::vector<Item>* current_header_ = nullptr;
};

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

LayoutResult lay_out(const ir::Document& document, FontSet& fonts,
                     const std::map<std::string, Destination>& toc_pages) {
  Builder builder(document, fonts, toc_pages);
  builder.build();
  Paginator paginator(builder, document);
  paginator.run(builder.items);
  LayoutResult result = std::move(paginator.result);

  // Page furniture: organisation and title in the header, page label in the
  // footer. Drawn first on each page (group 0) so text extraction reads it
  // before the body.
  const auto& f = document.furniture();
  const size_t pages = result.pages.size();
  Typesetter& ts = builder.typesetter();
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
  return result;
}

}  // namespace kansli::pdf
