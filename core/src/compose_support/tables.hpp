// Rules every composed table follows, whichever composer built it.
#ifndef KANSLI_COMPOSE_SUPPORT_TABLES_HPP
#define KANSLI_COMPOSE_SUPPORT_TABLES_HPP

#include <kansli/ir.pb.h>

namespace kansli {

// Sets Column.Align DECIMAL on every column whose non-empty body cells
// all hold a number ("12,4 mkr", "−221", "23 %"), for tables whose content
// compose does not know in advance (an author's table in a record).
void align_numeric_columns(ir::Table& table);

// Removes from every table of `document` each column that is empty in every
// row but the header rows (an all-empty "Not" column); a cell spanning it
// spans one column less. A table without such rows keeps its columns.
void drop_empty_columns(ir::Document& document);

}  // namespace kansli

#endif
