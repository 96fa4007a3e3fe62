// Swedish typography in composed IR (docs/typography.md): the rules one by
// one, then every example's composed text checked for breakable spaces
// where none may be and footnote marks before punctuation.
#include "compose_support/typography.hpp"

#include <gtest/gtest.h>

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <regex>

#include "test_support.hpp"

namespace {

using kansli::typography::apply;

const std::string nbsp = "\u00A0", nnbsp = "\u202F", ndash = "\u2013";

TEST(Typography, DigitGroupsTakeANarrowNoBreakSpace) {
  EXPECT_EQ(apply("2 136"), "2" + nnbsp + "136");
  EXPECT_EQ(apply("1 234 567 deltagare"), "1" + nnbsp + "234" + nnbsp + "567 deltagare");
  EXPECT_EQ(apply("\u221210 665"), "\u221210" + nnbsp + "665");
  EXPECT_EQ(apply("(2 000,5)"), "(2" + nnbsp + "000,5)");
}

TEST(Typography, NumbersThatAreNotGroupsStaySeparate) {
  EXPECT_EQ(apply("år 2025 200 deltagare"), "år 2025 200 deltagare");
  EXPECT_EQ(apply("kl. 9.00 100 personer"), "kl." + nbsp + "9.00 100 personer");
  EXPECT_EQ(apply("12 1234"), "12 1234");
}

TEST(Typography, ParagraphSignKeepsItsNumber) {
  EXPECT_EQ(apply("§ 21"), "§" + nbsp + "21");
  EXPECT_EQ(apply("enligt §§ 21-22, 24-25"), "enligt §§" + nbsp + "21" + ndash + "22, 24" + ndash + "25");
  EXPECT_EQ(apply("punkterna 1-4"), "punkterna 1" + ndash + "4");
}

TEST(Typography, PercentAndUnitsStayWithTheirNumber) {
  EXPECT_EQ(apply("23 %"), "23" + nbsp + "%");
  EXPECT_EQ(apply("(7,5 %)"), "(7,5" + nbsp + "%)");
  EXPECT_EQ(apply("16 mkr."), "16" + nbsp + "mkr.");
  EXPECT_EQ(apply("2 136 tkr"), "2" + nnbsp + "136" + nbsp + "tkr");
  EXPECT_EQ(apply("300 kr, 5 st."), "300" + nbsp + "kr, 5" + nbsp + "st.");
  EXPECT_EQ(apply("3 krukor"), "3 krukor");
}

TEST(Typography, WrittenDatesTimesAndNotesDoNotBreak) {
  EXPECT_EQ(apply("måndagen den 2 juni 2025"), "måndagen den 2" + nbsp + "juni" + nbsp + "2025");
  EXPECT_EQ(apply("den 1 september."), "den 1" + nbsp + "september.");
  EXPECT_EQ(apply("kl. 9.00"), "kl." + nbsp + "9.00");
  EXPECT_EQ(apply("se Not 4"), "se Not" + nbsp + "4");
  EXPECT_EQ(apply("32 juni"), "32 juni");
}

TEST(Typography, RangesTakeAnEnDashButDatesKeepTheirHyphens) {
  EXPECT_EQ(apply("8.00-10.00"), "8.00" + ndash + "10.00");
  EXPECT_EQ(apply("åren 2021-2025"), "åren 2021" + ndash + "2025");
  EXPECT_EQ(apply("2025-12-31"), "2025-12-31");
  EXPECT_EQ(apply("2024-01-01 \u2013 2026-12-31"), "2024-01-01 \u2013 2026-12-31");
  EXPECT_EQ(apply("0155-2456"), "0155-2456");
}

TEST(Typography, IsIdempotent) {
  for (std::string text : {"2 136 tkr", "§§ 21-22", "måndagen den 2 juni 2025", "kl. 8.00-10.00"})
    EXPECT_EQ(apply(apply(text)), apply(text)) << text;
}

kansli::ir::Span text_span(const std::string& text) {
  kansli::ir::Span span;
  span.set_text(text);
  return span;
}

kansli::ir::Span mark(unsigned number) {
  kansli::ir::Span span;
  span.set_footnote(number);
  return span;
}

TEST(Typography, FootnoteMarkMovesAfterPunctuation) {
  google::protobuf::RepeatedPtrField<kansli::ir::Span> spans;
  *spans.Add() = text_span("beslutet");
  *spans.Add() = mark(1);
  *spans.Add() = mark(2);
  *spans.Add() = text_span(". Nästa mening");
  kansli::typography::place_footnote_marks(spans);
  ASSERT_EQ(spans.size(), 4);
  EXPECT_EQ(spans[0].text(), "beslutet.");
  EXPECT_EQ(spans[1].footnote(), 1u);
  EXPECT_EQ(spans[2].footnote(), 2u);
  EXPECT_EQ(spans[3].text(), " Nästa mening");

  // Punctuation alone after the mark, after bold text: a span of its own.
  spans.Clear();
  auto bold = text_span("fet");
  bold.set_bold(true);
  *spans.Add() = bold;
  *spans.Add() = mark(3);
  *spans.Add() = text_span(".");
  kansli::typography::place_footnote_marks(spans);
  ASSERT_EQ(spans.size(), 3);
  EXPECT_EQ(spans[0].text(), "fet");
  EXPECT_EQ(spans[1].text(), ".");
  EXPECT_FALSE(spans[1].bold());
  EXPECT_EQ(spans[2].footnote(), 3u);
}

// ---- Every example --------------------------------------------------------

using Spans = google::protobuf::RepeatedPtrField<kansli::ir::Span>;

// Every span list of a composed document.
std::vector<const Spans*> span_lists(const kansli::ir::Document& ir) {
  std::vector<const Spans*> out;
  for (const auto& block : ir.blocks()) {
    if (block.has_heading()) out.push_back(&block.heading().spans());
    if (block.has_paragraph()) out.push_back(&block.paragraph().spans());
    for (const auto& item : block.list().items()) out.push_back(&item.spans());
    for (const auto& row : block.table().rows())
      for (const auto& cell : row.cells()) out.push_back(&cell.spans());
  }
  for (const auto& footnote : ir.footnotes()) out.push_back(&footnote.spans());
  return out;
}

// Every text a reader sees, code spans left out.
std::vector<std::string> texts(const kansli::ir::Document& ir) {
  std::vector<std::string> out;
  for (const auto* spans : span_lists(ir))
    for (const auto& span : *spans)
      if (!span.code()) out.push_back(span.text());
  for (const auto& block : ir.blocks()) {
    if (block.has_heading()) out.push_back(block.heading().number());
    for (const auto& signatory : block.signatures().signatories()) out.push_back(signatory.role());
  }
  return out;
}

kansli::ir::Document compose_example(const std::filesystem::path& path) {
  auto loaded = kansli::load_document_file(path);
  EXPECT_TRUE(loaded) << path;
  return loaded ? kansli::compose(loaded->document).value : kansli::ir::Document{};
}

TEST(TypographyInExamples, NoBreakableSpaceInNumbersParagraphSignsPercentUnitsDatesOrTimes) {
  const std::regex forbidden(
      "(^|[^0-9.,])[0-9]{1,3} [0-9]{3}([^0-9]|$)"  // "2 136"
      "|§ [0-9]"                                   // "§ 21"
      "|[0-9] (%|kr|tkr|mkr)([^a-zåäö]|$)"         // "23 %", "16 mkr"
      "|[Kk]l\\. [0-9]"                            // "kl. 9.00"
      "|[0-9] (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
      "|[0-9]{1,2}\\.[0-9]{2}-[0-9]");  // "8.00-10.00"
  for (const auto& example : kansli::test::example_files()) {
    const auto ir = compose_example(example);
    size_t checked = 0;
    for (const auto& text : texts(ir)) {
      EXPECT_FALSE(std::regex_search(text, forbidden)) << example.filename() << ": " << text;
      ++checked;
    }
    EXPECT_GT(checked, 20u) << example.filename();
  }
}

TEST(TypographyInExamples, FootnoteMarksStandAfterPunctuation) {
  for (const auto& example : kansli::test::example_files()) {
    const auto ir = compose_example(example);
    for (const auto* spans : span_lists(ir))
      for (int i = 0; i + 1 < spans->size(); ++i)
        if ((*spans)[i].footnote() != 0 && (*spans)[i + 1].footnote() == 0) {
          const std::string& next = (*spans)[i + 1].text();
          EXPECT_TRUE(next.empty() || std::string_view(".,;:!?").find(next[0]) == std::string_view::npos)
              << example.filename() << ": mark " << (*spans)[i].footnote() << " before \"" << next << "\"";
        }
  }
}

// What the rules must produce, where each bites in the examples.
TEST(TypographyInExamples, TheExpectedCharactersAreThere) {
  const auto joined = [](const kansli::ir::Document& ir) {
    std::string all;
    for (const auto& text : texts(ir)) all += text + "\n";
    return all;
  };
  const auto dir = kansli::test::examples_dir();
  const std::string au = joined(compose_example(dir / "protokoll-au-2026-03-04.txtpb"));
  EXPECT_NE(au.find("§" + nbsp + "21"), std::string::npos);
  EXPECT_NE(au.find("kl." + nbsp + "8.00" + ndash + "10.00"), std::string::npos);
  EXPECT_NE(au.find("2" + nnbsp + "136"), std::string::npos);
  const std::string report = joined(compose_example(dir / "arsredovisning-2025.txtpb"));
  EXPECT_NE(report.find("2" + nnbsp + "136" + nbsp + "tkr"), std::string::npos);
  EXPECT_NE(report.find("23" + nbsp + "%"), std::string::npos);
  EXPECT_NE(report.find("16,0" + nbsp + "mkr"), std::string::npos);
  EXPECT_NE(report.find("Not" + nbsp + "1"), std::string::npos);
  const std::string notes = joined(compose_example(dir / "minnesanteckningar-medlemsmote-2025-06-02.txtpb"));
  EXPECT_NE(notes.find("2" + nbsp + "juni" + nbsp + "2025"), std::string::npos);

  // "... i följd[^avgift]." becomes "... i följd.¹".
  const auto day = compose_example(dir / "protokoll-styrelsen-planeringsdag-2026-04-16.txtpb");
  bool found = false;
  for (const auto* spans : span_lists(day))
    for (int i = 1; i < spans->size(); ++i)
      if ((*spans)[i].footnote() != 0 && (*spans)[i - 1].text().size() >= 7 &&
          (*spans)[i - 1].text().substr((*spans)[i - 1].text().size() - 7) == "följd.")
        found = true;
  EXPECT_TRUE(found);
}

}  // namespace

namespace {

// ---- Tables: numbers aligned on the decimal comma, no empty column --------

bool is_figure(const std::string& text) {
  static const std::regex figure("(\u2212|\\()?[0-9]+(\u202F[0-9]{3})*(,[0-9]+)?(\u00A0(%|kr|tkr|mkr))?\\)?");
  return std::regex_match(text, figure);
}

std::string cell_text(const kansli::ir::Cell& cell) {
  std::string text;
  for (const auto& span : cell.spans()) text += span.text();
  return text;
}

TEST(TablesInExamples, EveryColumnOfFiguresIsDecimalAlignedAndNoColumnIsEmpty) {
  size_t decimal_columns = 0;
  for (const auto& example : kansli::test::example_files()) {
    const auto ir = compose_example(example);
    for (const auto& block : ir.blocks()) {
      if (!block.has_table()) continue;
      const auto& table = block.table();
      for (int c = 0; c < table.columns_size(); ++c) {
        std::string header;
        size_t figures = 0, words = 0;
        for (const auto& row : table.rows()) {
          if (c >= row.cells_size() || row.cells(c).column_span() > 1) continue;
          const std::string text = cell_text(row.cells(c));
          if (row.kind() == kansli::ir::Row::HEADER)
            header = text;
          else if (!text.empty())
            ++(is_figure(text) ? figures : words);
        }
        const std::string where = example.filename().string() + ", column '" + header + "'";
        EXPECT_GT(figures + words, 0u) << where << ": empty in every row";
        if (header == "Not") continue;  // note numbers, not amounts
        const bool decimal = table.columns(c).align() == kansli::ir::Column::DECIMAL;
        EXPECT_EQ(decimal, figures > 0 && words == 0)
            << where << " (" << figures << " figures, " << words << " words)";
        decimal_columns += decimal;
      }
    }
  }
  EXPECT_GT(decimal_columns, 30u);
}

}  // namespace
