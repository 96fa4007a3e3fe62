#include "blocks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace kansli::pdf {

namespace {

// Heading levels as H1-H6: the title is H1, the other levels present are
// ranked by outline depth, so that no level is skipped.
std::map<uint32_t, int> heading_ranks(const ir::Document& doc) {
  std::map<uint32_t, int> ranks;
  for (const auto& b : doc.blocks())
    if (b.has_heading()) ranks[b.heading().level()] = 0;
  int next = 1;
  for (auto& [level, rank] : ranks) rank = std::min(6, next++);
  return ranks;
}

}  // namespace

void BlockBuilder::build(const std::function<size_t(size_t stable)>& ready) {
  const auto ranks = heading_ranks(doc_);
  int last_rank = 0;  // never deeper than one below the heading before
  for (int i = 0; i < doc_.blocks_size(); ++i) {
    // A run-in heading (a numbered point of minnesanteckningar, "1.") is
    // set in bold at the start of the paragraph that follows it, and tagged
    // as a heading: a Sect holding the H and the P.
    ir::Block run_in;
    int lead_spans = 0;
    int run_in_level = -1;
    if (doc_.blocks(i).has_heading() && doc_.blocks(i).heading().run_in() && i + 1 < doc_.blocks_size() &&
        doc_.blocks(i + 1).has_paragraph()) {
      const auto& h = doc_.blocks(i).heading();
      auto* p = run_in.mutable_paragraph();
      *p = doc_.blocks(i + 1).paragraph();
      auto* spans = p->mutable_spans();
      std::vector<ir::Span> lead;
      if (!h.number().empty()) lead.emplace_back().set_text(h.number() + " ");
      for (const auto& span : h.spans()) lead.push_back(span);
      if (!lead.empty() && !h.spans().empty()) lead.back().set_text(lead.back().text() + " ");
      for (auto& span : lead) {
        span.set_bold(true);
        *spans->Add() = std::move(span);
      }
      for (size_t k = 0; k < lead.size(); ++k)
        for (int j = spans->size() - 1; j > 0; --j) spans->SwapElements(j, j - 1);
      lead_spans = static_cast<int>(lead.size());
      run_in_level = static_cast<int>(h.level());
      ++i;
    }
    const auto& block = run_in.has_paragraph() ? run_in : doc_.blocks(i);
    const size_t start = items.size();
    switch (block.content_case()) {
      case ir::Block::kHeading: heading(block.heading()); break;
      case ir::Block::kParagraph: paragraph(block.paragraph(), lead_spans); break;
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
    if (items.size() > start) previous_block_start_ = start;
    std::string role = "P", group_role, sub_role, first_sub_role, list_numbering;
    switch (run_in_level >= 0 ? ir::Block::kHeading : block.content_case()) {
      case ir::Block::kHeading:
        last_rank =
            std::min(ranks.at(run_in_level >= 0 ? run_in_level : block.heading().level()), last_rank + 1);
        role = fmt::format("H{}", last_rank);
        if (run_in_level >= 0) {
          first_sub_role = role;
          role = "Sect";
          sub_role = "P";
        }
        break;
      case ir::Block::kList:
        role = "L";
        group_role = "LI";
        sub_role = "LBody";
        first_sub_role = "Lbl";
        list_numbering = block.list().ordered() ? "Decimal" : "Disc";
        break;
      case ir::Block::kTable: role = "Table"; break;
      case ir::Block::kSignatures:
        role = "Div";
        group_role = "Div";
        break;
      case ir::Block::kTableOfContents:
        role = "TOC";
        group_role = "TOCI";
        break;
      default: break;
    }
    for (size_t k = start; k < items.size(); ++k) {
      GroupTag tag = items[k].tag ? *items[k].tag : GroupTag{};
      tag.block = i;
      tag.block_role = role;
      if (tag.group_role.empty()) tag.group_role = group_role;
      if (tag.sub_role.empty()) tag.sub_role = sub_role;
      if (tag.first_sub_role.empty()) tag.first_sub_role = first_sub_role;
      tag.list_numbering = list_numbering;
      if (k > start && items[k - 1].tag && *items[k - 1].tag == tag)
        items[k].tag = items[k - 1].tag;
      else
        items[k].tag = std::make_shared<const GroupTag>(std::move(tag));
      // A run-in heading and its paragraph are one text group (H, then P).
      if (run_in_level >= 0 && k > start) items[k].shares_group = true;
    }
    if (ready) previous_block_start_ -= ready(previous_block_start_);
  }
}

void BlockBuilder::text_lines(std::vector<Line> lines, double x, double size, double space_before,
                              bool keep_all, Color bar, int sub) {
  const double lead = leading(size);
  const size_t n = lines.size();
  for (size_t k = 0; k < n; ++k) {
    Item it;
    it.height = lead;
    it.space_before = k == 0 ? space_before : 0;
    it.keep_with_next = keep_all || (n >= 2 && k == 0) || (n >= 3 && k + 2 == n);
    it.footnotes = lines[k].footnotes;
    auto line = std::make_shared<Line>(std::move(lines[k]));
    it.draw = [&style_ = style_, line, x, size, lead, bar, sub](Page& page, double top, long group) {
      if (bar.r >= 0) page.rects.push_back({style_.left, top - lead, 2.2, lead, bar});
      draw_line(page, *line, x, top - baseline_offset(size), group, sub);
    };
    items.push_back(std::move(it));
  }
}

void BlockBuilder::heading(const ir::Heading& h) {
  TextStyle style = body_text();
  style.bold = true;
  style.heading_face = true;
  double before = 0;
  switch (h.level()) {
    case 0:
      style.size = style_.sizes.title;
      before = 0;
      break;
    case 1:
      style.size = style_.sizes.heading1;
      before = 15;
      break;
    case 2:
      style.size = style_.sizes.heading2;
      before = 11;
      break;
    default:
      style.size = style_.sizes.heading3;
      style.italic = true;
      before = 8;
      break;
  }
  if (h.level() == 1) style.color = kBlack;
  if (style_.accent_headings && h.level() <= 2) style.color = style_.accent;
  double indent = 0;
  std::optional<Line> number;
  if (!h.number().empty()) {
    auto n = ts_.lines(h.number(), style, style_.text_width());
    number = n.front();
    indent = std::max(number->width + style.size * 0.7, h.level() == 1 ? 44.0 : 0.0);
  }
  auto lines = ts_.lines(h.spans(), style, style_.text_width() - indent);
  const size_t first = items.size();
  text_lines(lines, style_.left + indent, style.size, before, true);
  items[first].anchor = h.anchor();
  if (number) {
    auto num = std::make_shared<Line>(*number);
    auto inner = items[first].draw;
    const double size = style.size;
    items[first].draw = [&style_ = style_, num, inner, size](Page& page, double top, long group) {
      draw_line(page, *num, style_.left, top - baseline_offset(size), group);
      inner(page, top, group);
    };
  }
  if (h.level() == 0) items.back().height += 2;
  if (h.level() == 1) items.back().height += 2;
}

void BlockBuilder::paragraph(const ir::Paragraph& p, int lead_spans) {
  TextStyle style = body_text();
  double x = style_.left, width = style_.text_width(), before = 6;
  Color bar{-1, 0, 0};
  switch (p.style()) {
    case ir::Paragraph::SUBTITLE:
      style.size = style_.sizes.subtitle;
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
      bar = style_.accent;
      break;
    case ir::Paragraph::NOTE:
      style.size = style_.sizes.note;
      style.color = kGray;
      before = 5;
      break;
    default: break;
  }
  text_lines(ts_.lines(p.spans(), style, width, lead_spans), x, style.size, before, false, bar);
  if (p.style() == ir::Paragraph::SUBTITLE) items.back().height += 8;
  if (p.style() == ir::Paragraph::DECISION) items.back().height += 3;
}

void BlockBuilder::list(const ir::List& l) {
  TextStyle style = body_text();
  const double indent = 22;
  uint32_t number = l.start() == 0 ? 1 : l.start();
  bool first = true;
  for (const auto& li : l.items()) {
    const std::string marker = l.ordered() ? fmt::format("{}.", number++) : "\u2022";
    auto m = std::make_shared<Line>(ts_.lines(marker, style, indent).front());
    const size_t at = items.size();
    // The mark is the item's Lbl (part 0), its text the LBody (part 1); the
    // lines of one item are one text group, one LI.
    text_lines(ts_.lines(li.spans(), style, style_.text_width() - indent), style_.left + indent, style.size,
               first ? 6 : 2, false, {-1, 0, 0}, 1);
    for (size_t k = at + 1; k < items.size(); ++k) items[k].shares_group = true;
    first = false;
    auto inner = items[at].draw;
    items[at].draw = [&style_ = style_, m, inner, indent](Page& page, double top, long group) {
      draw_line(page, *m, style_.left + indent - 6 - m->width, top - baseline_offset(style_.sizes.body),
                group);
      inner(page, top, group);
    };
  }
}

void BlockBuilder::signatures(const ir::SignatureBlock& s) {
  // Never alone at the top of a page: the last two lines of the block before
  // (all of it, if shorter) keep with the signatures.
  for (size_t k = std::max(previous_block_start_, items.size() >= 2 ? items.size() - 2 : 0); k < items.size();
       ++k)
    if (!items[k].page_break) items[k].keep_with_next = true;
  if (!s.label().empty()) {
    TextStyle label = body_text();
    label.bold = true;
    text_lines(ts_.lines(s.label(), label, style_.text_width()), style_.left, label.size, 22, true);
  }
  // Two signatories side by side; each: space to sign, the line with the
  // signature field on it, name, role.
  const double gap = 30;
  const double colw = (style_.text_width() - gap) / 2;
  const double sign_space = 36;
  TextStyle name_style = body_text();
  TextStyle role_style;
  role_style.size = style_.sizes.signature_role;
  role_style.color = kGray;
  for (int i = 0; i < s.signatories_size(); i += 2) {
    struct Cell {
      std::vector<Line> name, role;
      std::string field;
      double x;
      std::string tooltip;
    };
    auto cells = std::make_shared<std::vector<Cell>>();
    double height = 0;
    for (int k = i; k < std::min(i + 2, s.signatories_size()); ++k) {
      const auto& who = s.signatories(k);
      Cell c{ts_.lines(who.name(), name_style, colw), ts_.lines(who.role(), role_style, colw),
             who.field_name(), style_.left + (k - i) * (colw + gap),
             who.role().empty() ? who.name() : who.name() + ", " + who.role()};
      if (who.role().empty()) c.role.clear();
      height = std::max(height, sign_space + 4 + c.name.size() * leading(name_style.size) +
                                    c.role.size() * leading(role_style.size));
      cells->push_back(std::move(c));
    }
    Item it;
    it.height = height;
    it.space_before = i == 0 ? 4 : 16;
    it.edit_tag().sub_role = "P";  // name and role of each signatory read together
    it.draw = [&style_ = style_, cells, sign_space, colw, ns = name_style.size, rs = role_style.size](
                  Page& page, double top, long row_id) {
      int sub = 0;
      for (const auto& c : *cells) {
        const double line_y = top - sign_space;
        const double w = std::min(colw, 220.0);
        page.rules.push_back({c.x, line_y, c.x + w, line_y, 0.6, kBlack});
        if (!c.field.empty())
          page.fields.push_back({c.x, line_y, w, sign_space - 2, c.field, c.tooltip, row_id, sub});
        double y = line_y - 4;
        for (const auto& l : c.name) {
          draw_line(page, l, c.x, y - baseline_offset(ns), row_id, sub);
          y -= leading(ns);
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

void BlockBuilder::contents(const ir::TableOfContents& toc) {
  ir::Heading title;
  title.set_level(1);
  title.add_spans()->set_text(toc.title());
  heading(title);
  TextStyle style = body_text();
  const double page_col = 28;
  for (const auto& block : doc_.blocks()) {
    if (!block.has_heading() || !block.heading().in_toc()) continue;
    const auto& h = block.heading();
    const double indent = h.level() <= 1 ? 0 : 14 * (h.level() - 1);
    std::string text = h.number().empty() ? "" : h.number() + " ";
    for (const auto& s : h.spans()) text += s.text();
    auto lines = ts_.lines(text, style, style_.text_width() - indent - page_col - 10);
    auto it_page = toc_pages_.find(h.anchor());
    const std::string number = it_page == toc_pages_.end() ? "0" : std::to_string(it_page->second.page + 1);
    auto num = std::make_shared<Line>(ts_.lines(number, style, page_col).front());
    Piece dot;
    dot.text = ". ";
    dot.size = style.size;
    const double pitch = ts_.width(dot);  // one dot and its space
    const size_t at = items.size();
    text_lines(lines, style_.left + indent, style.size, at > 0 ? 3 : 0, false);
    auto last_line = items.size() - 1;
    const double text_end = style_.left + indent;
    auto inner = items[last_line].draw;
    const double last_w = lines.back().width;
    const std::string anchor = "#" + h.anchor();
    const double size = style.size;
    items[last_line].draw = [=, &style_ = style_](Page& page, double top, long group) {
      inner(page, top, group);
      const double base = top - baseline_offset(size);
      const double nx = style_.right - num->width;
      // Dot leaders between the entry and its page number, on one grid
      // that ends at the same place on every line (so the dots of all
      // entries line up, whatever the width of the text or the number).
      const double leader_end = style_.right - page_col + 8;
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
            {leader_end - (n - d) * pitch, base, FontStyle::regular, size, dots, kGray, group, 0, true});
      }
      draw_line(page, *num, nx, base, group);
      page.links.push_back(
          {style_.left, top - leading(size), style_.text_width(), leading(size), anchor, text, group, 0});
    };
    for (size_t k = at; k < items.size(); ++k) items[k].keep_with_next = k + 1 < items.size();
    items.back().keep_with_next = false;
  }
}

std::vector<Line> BlockBuilder::footnote_lines(const ir::Footnote& f) {
  TextStyle style;
  style.size = style_.sizes.footnote;
  return ts_.lines(f.spans(), style, style_.text_width() - 14);
}

}  // namespace kansli::pdf
