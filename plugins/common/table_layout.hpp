// Table layout decisions both paged exporters share (docs/layout-rules.md):
// where a DECIMAL cell's text is aligned, and how columns are widened so
// that no header word breaks. Private to plugins/; pure functions.
#ifndef KANSLI_PLUGINS_COMMON_TABLE_LAYOUT_HPP
#define KANSLI_PLUGINS_COMMON_TABLE_LAYOUT_HPP

#include <cstddef>
#include <string_view>
#include <vector>

namespace kansli::common {

// Where the aligned part of a number ends in `text` (a byte offset): at its
// decimal comma (a ',' followed by a digit), else just after its last digit,
// else at the end. What follows ("," and decimals, " %", " tkr") stands to
// the right of the alignment point.
size_t decimal_point(std::string_view text);

// Widens each column whose width is below `need` to `need`, taking the
// difference from the other columns in proportion to what they have beyond
// their own need. Leaves `widths` as they are when the needs cannot all be
// met (the columns are too many for the page).
void widen_to_needs(std::vector<double>& widths, const std::vector<double>& need);

}  // namespace kansli::common

#endif
