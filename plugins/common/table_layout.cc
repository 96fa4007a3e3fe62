#include "table_layout.hpp"

#include <algorithm>

namespace kansli::common {

size_t decimal_point(std::string_view text) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t last_digit = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i)
    if (digit(text[i])) last_digit = i;
  if (last_digit == std::string_view::npos) return text.size();
  for (size_t i = last_digit; i-- > 0;)
    if (text[i] == ',' && digit(text[i + 1])) return i;
  return last_digit + 1;
}

void widen_to_needs(std::vector<double>& widths, const std::vector<double>& need) {
  double deficit = 0, slack = 0;
  for (size_t c = 0; c < widths.size() && c < need.size(); ++c) {
    if (widths[c] < need[c])
      deficit += need[c] - widths[c];
    else
      slack += widths[c] - need[c];
  }
  if (deficit <= 0 || slack < deficit) return;
  for (size_t c = 0; c < widths.size() && c < need.size(); ++c) {
    if (widths[c] < need[c])
      widths[c] = need[c];
    else
      widths[c] -= deficit * (widths[c] - need[c]) / slack;
  }
}

}  // namespace kansli::common
