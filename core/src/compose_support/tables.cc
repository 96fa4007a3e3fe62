#include "tables.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kansli {

namespace {

std::string plain_text(const ir::Cell& cell) {
  std::string text;
  for (const auto& span : cell.spans()) text += span.text();
  return text;
}

bool is_empty(const ir::Cell& cell) {
  for (const auto& span : cell.spans())
    if (!span.text().empty() || span.footnote() != 0) return false;
  return true;
}

unsigned width(const ir::Cell& cell) { return cell.column_span() > 1 ? cell.column_span() : 1; }

// A number, possibly signed, grouped, with decimals and a unit: "−1 234,5",
// "(12)", "23 %", "12,4 mkr".
bool is_number(std::string_view text) {
  for (std::string_view sign : {"\u2212", "-", "+", "("})
    if (text.substr(0, sign.size()) == sign) {
      text.remove_prefix(sign.size());
      break;
    }
  if (text.empty() || text[0] < '0' || text[0] > '9') return false;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == ',' || c == '.') continue;
    const std::string_view rest = text.substr(i);
    // A digit group separator between digits.
    size_t gap = 0;
    for (std::string_view space : {" ", "\u00A0", "\u202F"})
      if (rest.substr(0, space.size()) == space) gap = space.size();
    if (gap && i + gap < text.size() && text[i + gap] >= '0' && text[i + gap] <= '9') {
      i += gap - 1;
      continue;
    }
    break;
  }
  std::string_view rest = text.substr(i);
  for (std::string_view space : {" ", "\u00A0"})
    if (rest.substr(0, space.size()) == space) rest.remove_prefix(space.size());
  if (!rest.empty() && rest.back() == ')') rest.remove_suffix(1);
  for (std::string_view unit : {"", "%", "kr", "tkr", "mkr", "st."})
    if (rest == unit) return true;
  return false;
}

// The index of the cell of `row` that covers column `column`, or -1.
int cell_at(const ir::Row& row, int column) {
  int first = 0;
  for (int i = 0; i < row.cells_size(); ++i) {
    first += static_cast<int>(width(row.cells(i)));
    if (column < first) return i;
  }
  return -1;
}

// The cell of `row` in column `column` when it covers that column alone.
const ir::Cell* single_cell_at(const ir::Row& row, int column) {
  const int i = cell_at(row, column);
  return i < 0 || width(row.cells(i)) > 1 ? nullptr : &row.cells(i);
}

void drop_empty_columns(ir::Table& table) {
  std::vector<bool> used(static_cast<size_t>(table.columns_size()), false);
  bool has_body = false;
  for (const auto& row : table.rows()) {
    if (row.kind() == ir::Row::HEADER) continue;
    has_body = true;
    for (int c = 0; c < table.columns_size(); ++c)
      if (const ir::Cell* cell = single_cell_at(row, c); cell && !is_empty(*cell))
        used[static_cast<size_t>(c)] = true;
  }
  if (!has_body) return;
  for (int c = table.columns_size() - 1; c >= 0; --c) {
    if (used[static_cast<size_t>(c)]) continue;
    for (auto& row : *table.mutable_rows()) {
      const int i = cell_at(row, c);
      if (i < 0) continue;
      if (width(row.cells(i)) > 1)
        row.mutable_cells(i)->set_column_span(row.cells(i).column_span() - 1);
      else
        row.mutable_cells()->DeleteSubrange(i, 1);
    }
    table.mutable_columns()->DeleteSubrange(c, 1);
  }
}

}  // namespace

void align_numeric_columns(ir::Table& table) {
  for (int c = 0; c < table.columns_size(); ++c) {
    bool numeric = false, other = false;
    for (const auto& row : table.rows()) {
      if (row.kind() == ir::Row::HEADER) continue;
      const ir::Cell* cell = single_cell_at(row, c);
      if (!cell || is_empty(*cell)) continue;
      (is_number(plain_text(*cell)) ? numeric : other) = true;
    }
    if (numeric && !other) table.mutable_columns(c)->set_align(ir::Column::DECIMAL);
  }
}

void drop_empty_columns(ir::Document& document) {
  for (auto& block : *document.mutable_blocks())
    if (block.has_table()) drop_empty_columns(*block.mutable_table());
}

}  // namespace kansli
