// Turns the IR's blocks into items: unbreakable slices of the body (a line
// of text, a line of a table row, a row of signatures), each knowing its
// height, what it must stay with and how to draw itself. Pagination
// (pagination.hpp) only moves items, never splits them. Tables are built in
// tables.cc.
#ifndef KANSLI_PDF_BLOCKS_HPP
#define KANSLI_PDF_BLOCKS_HPP

#include <kansli/ir.pb.h>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "typesetting.hpp"

namespace kansli::pdf {

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
  // What the item's text group is (tagging.hpp); null: untagged. Shared by
  // the items of a block whose tags are equal (a long document has a hundred
  // thousand items and few kinds of tag); change it through edit_tag().
  std::shared_ptr<const GroupTag> tag;
  // The item's tag to change: a copy of its own when shared, new when null.
  GroupTag& edit_tag() {
    if (!tag || tag.use_count() > 1) tag = std::make_shared<GroupTag>(tag ? *tag : GroupTag{});
    return const_cast<GroupTag&>(*tag);  // created non-const just above or by an earlier call
  }
};

class BlockBuilder {
 public:
  // `toc_pages`: where each heading anchor landed in a previous layout (for
  // the table of contents' page numbers); empty on the first pass.
  // `heading_fonts`: the house style's heading typeface, or null.
  BlockBuilder(const ir::Document& doc, FontSet& fonts, FontSet* heading_fonts,
               const std::map<std::string, Destination>& toc_pages)
      : doc_(doc), style_(page_style(doc)), ts_(fonts, heading_fonts), toc_pages_(toc_pages) {}

  // The document's blocks as items, in order. After each block, `ready`
  // (when given) is called with the number of leading items that no later
  // block changes (those before the last block's); it may remove leading
  // items and returns how many it removed. So a long document's items need
  // not all be held at once.
  std::deque<Item> items;
  void build(const std::function<size_t(size_t stable)>& ready = {});

  // A footnote's text set at the foot of a page.
  std::vector<Line> footnote_lines(const ir::Footnote& f);
  Typesetter& typesetter() { return ts_; }
  // The document's page geometry and colours.
  const PageStyle& style() const { return style_; }

 private:
  // Lines of text as items; orphan and widow control through keep_with_next.
  // `sub`: the part of the text group the lines are (a list item's LBody).
  void text_lines(std::vector<Line> lines, double x, double size, double space_before, bool keep_all,
                  Color bar = {-1, 0, 0}, int sub = 0);
  void heading(const ir::Heading& h);
  // `lead_spans`: the first spans are a run-in heading (Typesetter::lines).
  void paragraph(const ir::Paragraph& p, int lead_spans = 0);
  void list(const ir::List& l);
  void table(const ir::Table& t);  // tables.cc
  void signatures(const ir::SignatureBlock& s);
  void contents(const ir::TableOfContents& toc);
  // Body text in the document's body size.
  TextStyle body_text() const {
    TextStyle style;
    style.size = style_.sizes.body;
    return style;
  }

  const ir::Document& doc_;
  PageStyle style_;
  Typesetter ts_;
  const std::map<std::string, Destination>& toc_pages_;
  size_t previous_block_start_ = 0;  // the first item of the last block built
};

}  // namespace kansli::pdf

#endif
