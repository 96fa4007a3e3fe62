// Appending blocks to an IR document: the mechanics every composer shares.
// What the blocks say (the Swedish wording) stays with the composers.
#ifndef KANSLI_IR_BUILDER_HPP
#define KANSLI_IR_BUILDER_HPP

#include <kansli/ir.pb.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli {

class IrBuilder {
 public:
  explicit IrBuilder(ir::Document& document) : document_(document) {}

  // A heading; with an anchor it is listed in the table of contents. The
  // heading of level 0 is the document's title (kind TITLE).
  ir::Heading& heading(unsigned level, std::string_view text, std::string number = {},
                       std::string anchor = {}, ir::Heading::Kind kind = ir::Heading::GENERIC) {
    auto* heading = document_.add_blocks()->mutable_heading();
    heading->set_level(level);
    heading->set_kind(level == 0 ? ir::Heading::TITLE : kind);
    heading->set_number(std::move(number));
    heading->set_anchor(std::move(anchor));
    heading->set_in_toc(!heading->anchor().empty());
    if (!text.empty()) plain(text, *heading->mutable_spans());
    return *heading;
  }

  ir::Paragraph& paragraph(ir::Paragraph::Style style = ir::Paragraph::NORMAL) {
    auto* paragraph = document_.add_blocks()->mutable_paragraph();
    paragraph->set_style(style);
    return *paragraph;
  }

  ir::Table& table(ir::Table::Kind kind, const std::vector<std::pair<unsigned, ir::Column::Align>>& columns) {
    auto* table = document_.add_blocks()->mutable_table();
    table->set_kind(kind);
    for (const auto& [weight, align] : columns) {
      auto* column = table->add_columns();
      column->set_weight(weight);
      column->set_align(align);
    }
    return *table;
  }

  // A row of plain-text cells.
  template <class Cells = std::initializer_list<std::string_view>>
  static ir::Row& row(ir::Table& table, const Cells& cells, ir::Row::Kind kind = ir::Row::BODY) {
    auto* row = table.add_rows();
    row->set_kind(kind);
    for (const auto& text : cells) plain(text, *row->add_cells()->mutable_spans());
    return *row;
  }

  void page_break() { document_.add_blocks()->mutable_page_break(); }

  ir::SignatureBlock& signatures(std::string_view label) {
    auto* block = document_.add_blocks()->mutable_signatures();
    block->set_label(std::string(label));
    return *block;
  }

  ir::List& list(bool ordered) {
    auto* list = document_.add_blocks()->mutable_list();
    list->set_ordered(ordered);
    if (ordered) list->set_start(1);
    return *list;
  }

  static void plain(std::string_view text, google::protobuf::RepeatedPtrField<ir::Span>& spans) {
    spans.Add()->set_text(std::string(text));
  }

 protected:
  ir::Document& document_;
};

}  // namespace kansli

#endif
