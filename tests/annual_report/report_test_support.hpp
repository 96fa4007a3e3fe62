// Helpers for the annual report tests: the example, edits of its text, and
// the composed IR as rows of plain text.
#ifndef KANSLI_ANNUAL_REPORT_TEST_SUPPORT_HPP
#define KANSLI_ANNUAL_REPORT_TEST_SUPPORT_HPP

#include <test_support.hpp>

#include <kansli/ir.pb.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kansli::test {

inline std::filesystem::path report_example() { return examples_dir() / "arsredovisning-2025.txtpb"; }

// `text` with the one occurrence of `from` replaced by `to`; fails the test
// when `from` does not occur exactly once.
inline std::string replace_once(const std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "not in the example: " << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "more than once in the example: " << from;
  std::string out = text;
  out.replace(at, from.size(), to);
  return out;
}

// "LINE:COLUMN" (1-based, column in bytes) of the first occurrence of `what`.
inline std::string position_of(const std::string& text, const std::string& what) {
  const size_t at = text.find(what);
  if (at == std::string::npos) return "(absent)";
  const size_t line_start = text.rfind('\n', at);
  const size_t line = static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
  const size_t column = at - (line_start == std::string::npos ? 0 : line_start + 1) + 1;
  return std::to_string(line) + ":" + std::to_string(column);
}

inline std::string spans_text(const google::protobuf::RepeatedPtrField<ir::Span>& spans) {
  std::string out;
  for (const auto& span : spans) out += span.text();
  return out;
}

// A table's rows as text cells.
struct TextRow {
  ir::Row::Kind kind;
  std::vector<std::string> cells;
};
inline std::vector<TextRow> text_rows(const ir::Table& table) {
  std::vector<TextRow> rows;
  for (const auto& row : table.rows()) {
    TextRow text{row.kind(), {}};
    for (const auto& cell : row.cells()) text.cells.push_back(spans_text(cell.spans()));
    rows.push_back(std::move(text));
  }
  return rows;
}

// "−2 136" -> -2136; "2 136 tkr" -> 2136.
inline long long parse_swedish_integer(const std::string& text) {
  long long value = 0;
  bool negative = false, digits = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\u2212") == 0) negative = true;
    if (text[i] >= '0' && text[i] <= '9') {
      value = value * 10 + (text[i] - '0');
      digits = true;
    }
  }
  EXPECT_TRUE(digits) << "not a number: '" << text << "'";
  return negative ? -value : value;
}

}  // namespace kansli::test

#endif
