#include "pagination.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <kansli/exporter_support.hpp>
#include <map>
#include <memory>

#include "page_style.hpp"

namespace kansli::pdf {
namespace {

// Footnotes are tagged as blocks of their own, numbered after the IR's.
constexpr long kNoteBlock = 1L << 32;

class Paginator {
 public:
  // Throws ExportError for a footnote that refers to a footnote: it would
  // have no place to be printed (notes are collected from body text only).
  Paginator(BlockBuilder& builder, const ir::Document& doc)
      : builder_(builder), style_(builder.style()), back_link_(doc.labels().footnote_back_link()) {
    for (const auto& f : doc.footnotes()) {
      for (const auto& span : f.spans())
        if (span.footnote() != 0)
          throw ExportError(
              fmt::format("footnote {} refers to footnote {} in its text; footnote references "
                          "inside footnotes are not supported",
                          f.number(), span.footnote()));
      footnotes_[f.number()] = builder.footnote_lines(f);
    }
    new_page();
  }

  LayoutResult result;

  // Places the leading items of `items` and removes them, as long as what
  // decides an item's place lies among the first `stable` items (a chain
  // only looks ahead); all of them when `last`. Returns how many it removed.
  // So a long document's lines are held once, as items or as drawn pages.
  size_t run(std::deque<Item>& items, size_t stable, bool last) {
    size_t done = 0;
    for (; done < stable; ++done, items.pop_front()) {
      const Item& it = items.front();
      const size_t known = stable - done;  // items[0, known) are settled
      if (it.page_break) {
        if (!empty_) new_page();
        continue;
      }
      // The chain of items that must stay together with this one.
      double chain = it.height;
      std::vector<uint32_t> chain_notes = it.footnotes;
      for (size_t j = 0; items[j].keep_with_next; ++j) {
        if (j + 1 >= known) {
          if (!last) return done;  // the chain may go on into items not settled yet
          break;
        }
        if (items[j + 1].page_break) break;
        chain += items[j + 1].space_before + items[j + 1].height;
        chain_notes.insert(chain_notes.end(), items[j + 1].footnotes.begin(), items[j + 1].footnotes.end());
        if (chain > style_.body_top - style_.body_bottom) break;
      }
      const double full = style_.body_top - style_.body_bottom;
      const bool chain_fits_empty = chain + notes_height(chain_notes, true) <= full;
      if (!empty_) {
        const double need = it.space_before + (chain_fits_empty ? chain : it.height);
        const auto& notes = chain_fits_empty ? chain_notes : it.footnotes;
        if (y_ - need < style_.body_bottom + notes_height(notes, false)) new_page();
      }
      if (empty_ && it.repeat_header && !it.repeat_header->empty() &&
          !header_placed_for(it.repeat_header.get())) {
        for (const auto& h : *it.repeat_header) place(h);
      }
      place(it);
      if (!it.repeat_header) current_header_ = nullptr;
    }
    if (last) finish_page();
    return done;
  }

 private:
  bool header_placed_for(const std::vector<Item>* header) { return current_header_.get() == header; }

  void place(const Item& it) {
    if (!empty_) y_ -= it.space_before;
    if (!it.anchor.empty()) result.anchors[it.anchor] = {result.pages.size() - 1, y_};
    if (!it.shares_group) ++group_;
    if (it.tag && it.tag->block >= 0) result.pages.back().tags[group_] = *it.tag;
    it.draw(result.pages.back(), y_, group_);
    y_ -= it.height;
    empty_ = false;
    for (uint32_t n : it.footnotes) {
      if (!footnotes_.count(n))
        throw ExportError(fmt::format("the text refers to footnote {}, which the document does not have", n));
      // Where the note's link back goes: its first mark on this page.
      result.anchors.emplace(back_anchor(n), Destination{result.pages.size() - 1, y_ + it.height});
      if (std::find(page_notes_.begin(), page_notes_.end(), n) == page_notes_.end()) page_notes_.push_back(n);
    }
    if (it.repeat_header) current_header_ = it.repeat_header;
  }

  // Height of the footnote area with the notes already on the page and `more`.
  double notes_height(const std::vector<uint32_t>& more, bool fresh) const {
    double h = 0;
    std::vector<uint32_t> all = fresh ? std::vector<uint32_t>{} : page_notes_;
    for (uint32_t n : more)
      if (std::find(all.begin(), all.end(), n) == all.end() && footnotes_.count(n)) all.push_back(n);
    for (uint32_t n : all) h += footnotes_.at(n).size() * leading(style_.sizes.footnote) + 2;
    return all.empty() ? 0 : h + 12;
  }

  void finish_page() {
    if (page_notes_.empty()) return;
    Page& page = result.pages.back();
    double top = style_.body_bottom + notes_height({}, false);
    page.rules.push_back({style_.left, top - 4, style_.left + 120, top - 4, 0.5, kBlack});
    double y = top - 10;
    for (uint32_t n : page_notes_) {
      ++group_;
      GroupTag& note = page.tags[group_];
      note.block = kNoteBlock + static_cast<long>(n);
      note.block_role = "Note";
      note.id = "fn-" + std::to_string(n);
      const auto& lines = footnotes_.at(n);
      Line mark;
      Piece p;
      p.text = std::to_string(n);
      p.size = style_.sizes.footnote;
      p.width = builder_.typesetter().width(p);
      mark.runs.push_back({p, 0});
      result.anchors["fn-" + std::to_string(n)] = {result.pages.size() - 1, y};
      draw_line(page, mark, style_.left, y - baseline_offset(style_.sizes.footnote), group_);
      if (!back_link_.empty())  // the note's number links back to its mark
        page.links.push_back({style_.left, y - leading(style_.sizes.footnote), std::max(p.width, 8.0),
                              leading(style_.sizes.footnote), "#" + back_anchor(n), back_link_, group_, 0});
      for (const auto& l : lines) {
        draw_line(page, l, style_.left + 14, y - baseline_offset(style_.sizes.footnote), group_);
        y -= leading(style_.sizes.footnote);
      }
      y -= 2;
    }
  }

  void new_page() {
    if (!result.pages.empty()) finish_page();
    result.pages.emplace_back();
    y_ = style_.body_top;
    empty_ = true;
    page_notes_.clear();
    current_header_ = nullptr;
  }

  std::string back_anchor(uint32_t n) const { return fmt::format("fnref-{}-{}", n, result.pages.size()); }

  BlockBuilder& builder_;
  const PageStyle& style_;
  std::string back_link_;
  std::map<uint32_t, std::vector<Line>> footnotes_;
  std::vector<uint32_t> page_notes_;
  double y_ = style_.body_top;
  bool empty_ = true;
  long group_ = 0;
  std::shared_ptr<const std::vector<Item>> current_header_;  // kept: placed items are removed
};

}  // namespace

LayoutResult paginate(BlockBuilder& builder, const ir::Document& doc) {
  Paginator paginator(builder, doc);
  builder.build([&](size_t stable) { return paginator.run(builder.items, stable, false); });
  paginator.run(builder.items, builder.items.size(), true);
  return std::move(paginator.result);
}

}  // namespace kansli::pdf
