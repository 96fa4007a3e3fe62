// Composition: what the IR says for the examples, independent of any format.
#include <gtest/gtest.h>

#include <algorithm>
#include <kansli/compose.hpp>
#include <kansli/load.hpp>

#include "test_support.hpp"

namespace {

using namespace kansli::test;

kansli::model::Document load(const std::string& name) {
  auto loaded = kansli::load_document_file(examples_dir() / name);
  EXPECT_TRUE(loaded) << (loaded.problems.empty() ? "" : loaded.problems.front().to_string());
  return loaded ? loaded->document : kansli::model::Document{};
}

std::string text_of(const google::protobuf::RepeatedPtrField<kansli::ir::Span>& spans) {
  std::string out;
  for (const auto& span : spans) out += span.text();
  return out;
}

std::vector<const kansli::ir::Heading*> headings(const kansli::ir::Document& ir, unsigned level) {
  std::vector<const kansli::ir::Heading*> out;
  for (const auto& block : ir.blocks())
    if (block.has_heading() && block.heading().level() == level) out.push_back(&block.heading());
  return out;
}

TEST(Compose, ParagraphNumbersRunOnFromTheFirstItem) {
  const auto ir = kansli::compose(load("protokoll-au-2026-03-04.txtpb")).value;
  std::vector<std::string> numbers;
  for (const auto* heading : headings(ir, 1))
    if (!heading->number().empty()) numbers.push_back(heading->number());
  EXPECT_EQ(numbers, (std::vector<std::string>{"§\u00A018", "§\u00A019", "§\u00A020", "§\u00A021",
                                               "§\u00A022", "§\u00A023", "§\u00A024", "§\u00A025"}));
}

TEST(Compose, TitleBlockFurnitureAndMetadataAreSwedish) {
  const auto ir = kansli::compose(load("protokoll-au-2026-03-04.txtpb")).value;
  EXPECT_EQ(text_of(ir.blocks(0).heading().spans()), "Protokoll");
  EXPECT_EQ(text_of(ir.blocks(1).paragraph().spans()),
            "fört vid sammanträde med Arbetsutskottet, Samordningsförbundet RAR i Sörmland");
  EXPECT_EQ(ir.furniture().footer_page_label(), "Sida {page} av {pages}");
  EXPECT_EQ(ir.metadata().created(), "2026-03-04T08:00:00+01:00");
  EXPECT_EQ(ir.metadata().language(), "sv-SE");
  const auto& fields = ir.blocks(2).table();
  EXPECT_EQ(text_of(fields.rows(1).cells(1).spans()), "kl.\u00A08.00–10.00");
}

TEST(Compose, WrittenOutDateIsUsedWhenAsked) {
  const auto ir = kansli::compose(load("minnesanteckningar-medlemsmote-2025-06-02.txtpb")).value;
  EXPECT_EQ(text_of(ir.blocks(2).table().rows(0).cells(1).spans()), "måndagen den 2\u00A0juni\u00A02025");
  EXPECT_EQ(ir.metadata().created(), "2025-06-02T15:00:00+02:00");
}

TEST(Compose, GuestsGetTheirItemsAndSignersGetNamedFields) {
  const auto ir = kansli::compose(load("protokoll-au-2026-03-04.txtpb")).value;
  bool guests = false;
  std::vector<std::string> fields;
  for (const auto& block : ir.blocks()) {
    if (block.has_heading() && text_of(block.heading().spans()) == "Gäster §\u00A021") guests = true;
    if (block.has_signatures())
      for (const auto& s : block.signatures().signatories()) fields.push_back(s.field_name());
  }
  EXPECT_TRUE(guests);
  EXPECT_EQ(fields, (std::vector<std::string>{"sekreterare-nils-perers", "justering-1-helena-koch",
                                              "justering-2-owe-ek"}));
}

TEST(Compose, DecisionsStartWithBoldBeslut) {
  const auto ir = kansli::compose(load("protokoll-au-2026-03-04.txtpb")).value;
  int decisions = 0;
  for (const auto& block : ir.blocks())
    if (block.has_paragraph() && block.paragraph().style() == kansli::ir::Paragraph::DECISION) {
      ++decisions;
      EXPECT_EQ(block.paragraph().spans(0).text(), "Beslut: ");
      EXPECT_TRUE(block.paragraph().spans(0).bold());
    }
  EXPECT_EQ(decisions, 2);
}

TEST(Compose, PlainNumberedPointsAreRunInItemHeadings) {
  const auto ir = kansli::compose(load("minnesanteckningar-medlemsmote-2026-03-26.txtpb")).value;
  std::vector<std::string> numbers;
  for (int i = 0; i < ir.blocks_size(); ++i) {
    const auto& block = ir.blocks(i);
    if (!block.has_heading() || !block.heading().run_in()) continue;
    const auto& heading = block.heading();
    numbers.push_back(heading.number());
    EXPECT_EQ(heading.level(), 1u);
    EXPECT_EQ(heading.kind(), kansli::ir::Heading::ITEM);
    EXPECT_TRUE(heading.spans().empty());
    EXPECT_FALSE(heading.in_toc());
    EXPECT_EQ(heading.anchor(), "punkt-" + heading.number().substr(0, heading.number().size() - 1));
    // The point's text follows, without its number.
    ASSERT_LT(i + 1, ir.blocks_size());
    ASSERT_TRUE(ir.blocks(i + 1).has_paragraph());
    EXPECT_FALSE(ir.blocks(i + 1).paragraph().spans(0).text().starts_with(heading.number()));
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{"1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."}));
  for (const auto& block : ir.blocks())
    if (block.has_paragraph() && block.paragraph().spans_size() > 0) {
      EXPECT_NE(block.paragraph().spans(0).text(), "1. ");
    }
}

TEST(Compose, FootnotesAreNumberedInOrderWithTheirText) {
  const auto ir = kansli::compose(load("protokoll-styrelsen-planeringsdag-2026-04-16.txtpb")).value;
  ASSERT_EQ(ir.footnotes_size(), 2);
  EXPECT_EQ(text_of(ir.footnotes(0).spans()),
            "Se Arbetsförmedlingens regionala samverkansplan för Sörmland 2026.");
  EXPECT_TRUE(ir.footnotes(0).spans(1).italic());
  EXPECT_EQ(text_of(ir.footnotes(1).spans()), "Avgiften har varit oförändrad sedan 2016.");
}

TEST(Compose, LinksAndEmailAddressesBecomeLinks) {
  const auto ir = kansli::compose(load("protokoll-styrelsen-planeringsdag-2026-04-16.txtpb")).value;
  std::vector<std::string> links;
  for (const auto& block : ir.blocks())
    if (block.has_paragraph())
      for (const auto& span : block.paragraph().spans())
        if (!span.link().empty()) links.push_back(span.link());
  EXPECT_EQ(links, (std::vector<std::string>{"http://www.samordningsforbundet-sormland.se",
                                             "mailto:kansli@samordningsforbundet-sormland.se",
                                             "https://www.samordningsforbundet-sormland.se/kontakt"}));
}

TEST(Compose, PresenceForSomeItemsAndSubstitutesAreStated) {
  const auto ir = kansli::compose(load("protokoll-styrelsen-planeringsdag-2026-04-16.txtpb")).value;
  std::string attendance;
  for (const auto& block : ir.blocks())
    if (block.has_table() && block.table().kind() == kansli::ir::Table::ATTENDANCE)
      for (const auto& row : block.table().rows()) attendance += text_of(row.cells(1).spans()) + "\n";
  EXPECT_NE(attendance.find("Andra vice ordförande, Vingåkers kommun, närvarande §§\u00A01–4\n"),
            std::string::npos)
      << attendance;
  EXPECT_NE(attendance.find("Ersättare, Flens kommun, ersättare för KSO Linda Lundin\n"), std::string::npos);
}

TEST(Compose, ExtractHoldsOnlyTheChosenItemsAndACertification) {
  kansli::ComposeOptions options;
  options.extract_items = {21, 22};
  const auto ir = kansli::compose(load("protokoll-au-2026-03-04.txtpb"), options).value;
  std::vector<std::string> numbers;
  for (const auto* heading : headings(ir, 1))
    if (!heading->number().empty()) numbers.push_back(heading->number());
  EXPECT_EQ(numbers, (std::vector<std::string>{"§\u00A021", "§\u00A022"}));
  EXPECT_EQ(text_of(ir.blocks(0).heading().spans()), "Protokollsutdrag");
  EXPECT_EQ(ir.metadata().document_kind(), "protokollsutdrag");
  const auto& last = ir.blocks(ir.blocks_size() - 1);
  ASSERT_TRUE(last.has_signatures());
  EXPECT_EQ(last.signatures().label(), "Rätt utdraget intygar");
  EXPECT_EQ(last.signatures().signatories(0).field_name(), "utdrag-intygas-nils-perers");
}

// A record with one item whose paragraph is `text`.
kansli::model::Document with_paragraph(const std::string& text) {
  kansli::model::Document document;
  document.mutable_organisation()->set_name("Förbundet");
  auto* record = document.mutable_meeting_record();
  record->set_kind(kansli::model::MeetingRecord::MINNESANTECKNINGAR);
  record->set_date("2026-03-04");
  auto* item = record->add_items();
  item->set_title("Punkt");
  item->add_blocks()->set_paragraph(text);
  return document;
}

std::string paragraph_text(const kansli::ir::Document& ir) {
  for (const auto& block : ir.blocks())
    if (block.has_paragraph() && block.paragraph().style() == kansli::ir::Paragraph::NORMAL) {
      std::string out;
      for (const auto& span : block.paragraph().spans()) out += span.line_break() ? "\n" : span.text();
      return out;
    }
  return {};
}

TEST(Compose, BlockSyntaxInInlineTextStaysText) {
  const std::string text =
      "1. Första\n- andra\n# tredje\n> fjärde\n```\nkod\n```\n[Bilaga 1]: budget.pdf\n<div>sjätte</div>\n"
      "Rad\n===\n\n    indragen";
  const std::string shown = paragraph_text(kansli::compose(with_paragraph(text)).value);
  for (const char* part : {"1. Första", "- andra", "# tredje", "> fjärde", "```", "kod",
                           "[Bilaga 1]: budget.pdf", "<div>sjätte</div>", "Rad", "===", "indragen"})
    EXPECT_NE(shown.find(part), std::string::npos) << part << " missing from: " << shown;
}

TEST(Compose, DeeplyNestedMarkupDoesNotExhaustTheStack) {
  // A recursive walk over cmark's tree overflowed the stack on this.
  const std::string text = "x\n\n" + std::string(200000, '>') + " " + std::string(100000, '*') + "kärna" +
                           std::string(100000, '*') + " " + std::string(100000, '[') + "slut";
  const auto ir = kansli::compose(with_paragraph(text)).value;
  const std::string shown = paragraph_text(ir);
  EXPECT_NE(shown.find(">>>>"), std::string::npos);
  EXPECT_NE(shown.find("kärna"), std::string::npos);
  EXPECT_NE(shown.find("[[[[slut"), std::string::npos);
}

TEST(Compose, AFootnoteMarkInsideCodeIsNotAReference) {
  auto document = with_paragraph("Se `[^b]` och sedan[^a] samt[^b].");
  auto* item = document.mutable_meeting_record()->mutable_items(0);
  auto* a = item->add_footnotes();
  a->set_id("a");
  a->set_text("Fotnot A");
  auto* b = item->add_footnotes();
  b->set_id("b");
  b->set_text("Fotnot B");
  const auto ir = kansli::compose(document).value;
  ASSERT_EQ(ir.footnotes_size(), 2);
  EXPECT_EQ(text_of(ir.footnotes(0).spans()), "Fotnot A");  // sedan¹
  EXPECT_EQ(text_of(ir.footnotes(1).spans()), "Fotnot B");  // samt²
  EXPECT_EQ(paragraph_text(ir), "Se [^b] och sedan samt.");
}

TEST(Compose, ServiceNamesAreTextNotMarkup) {
  auto document = load("protokoll-au-2026-03-04.txtpb");
  document.mutable_meeting_record()->mutable_electronic_signatures()->set_validation_service(
      "Tjänst [v2] *ny*");
  kansli::ComposeOptions reproduction;  // the record of signatures names the service
  reproduction.reproduction = true;
  const auto ir = kansli::compose(document, reproduction).value;
  bool found = false;
  for (const auto& block : ir.blocks())
    if (block.has_paragraph())
      for (const auto& span : block.paragraph().spans())
        if (span.text() == "Tjänst [v2] *ny*") found = !span.italic() && !span.link().empty();
  EXPECT_TRUE(found);
}

TEST(Compose, ExtractOfAMissingItemIsAnError) {
  kansli::ComposeOptions options;
  options.extract_items = {99};
  const auto refused = kansli::compose(load("protokoll-au-2026-03-04.txtpb"), options);
  EXPECT_FALSE(refused.ok());
  ASSERT_EQ(refused.problems.size(), 1u);
  EXPECT_NE(refused.problems[0].message.find("has no item"), std::string::npos);
}

}  // namespace

namespace {

const std::vector<std::string> kExamples{
    "protokoll-au-2026-03-04.txtpb", "protokoll-styrelsen-planeringsdag-2026-04-16.txtpb",
    "minnesanteckningar-medlemsmote-2025-06-02.txtpb", "minnesanteckningar-medlemsmote-2026-03-26.txtpb",
    "arsredovisning-2025.txtpb"};

std::vector<std::pair<std::string, kansli::ir::Heading::Kind>> kinds_of(const kansli::ir::Document& ir) {
  std::vector<std::pair<std::string, kansli::ir::Heading::Kind>> out;
  for (const auto& block : ir.blocks())
    if (block.has_heading()) out.emplace_back(text_of(block.heading().spans()), block.heading().kind());
  return out;
}

kansli::ir::Heading::Kind kind_of(const kansli::ir::Document& ir, const std::string& text) {
  for (const auto& [heading, kind] : kinds_of(ir))
    if (heading == text) return kind;
  ADD_FAILURE() << "no heading " << text;
  return kansli::ir::Heading::GENERIC;
}

}  // namespace

TEST(ComposeStructure, EveryExampleHasLabelsATitleAndNoSkippedHeadingLevel) {
  for (const auto& name : kExamples) {
    SCOPED_TRACE(name);
    const auto ir = kansli::compose(load(name)).value;
    EXPECT_EQ(ir.labels().footnotes_title(), "Fotnoter");
    EXPECT_EQ(ir.labels().footnote_back_link(), "Tillbaka till texten");
    EXPECT_EQ(ir.labels().footnote_reference(), "Fotnot {number}");
    unsigned deepest = 0;
    int titles = 0;
    for (const auto& block : ir.blocks()) {
      if (!block.has_heading()) continue;
      const auto& heading = block.heading();
      if (heading.level() == 0) {
        ++titles;
        EXPECT_EQ(heading.kind(), kansli::ir::Heading::TITLE);
        continue;
      }
      EXPECT_LE(heading.level(), deepest + 1) << text_of(heading.spans());
      deepest = heading.level();
    }
    EXPECT_EQ(titles, 1);
    ASSERT_TRUE(ir.blocks(0).has_heading());
    EXPECT_EQ(ir.blocks(0).heading().level(), 0u);
  }
}

TEST(ComposeStructure, EveryAttendanceTableNamesItsColumnsInAHiddenHeaderRow) {
  for (const auto& name : kExamples) {
    SCOPED_TRACE(name);
    const auto ir = kansli::compose(load(name)).value;
    for (int i = 0; i < ir.blocks_size(); ++i) {
      const auto& block = ir.blocks(i);
      if (!block.has_table() || block.table().kind() != kansli::ir::Table::ATTENDANCE) continue;
      const auto& table = block.table();
      EXPECT_EQ(table.row_header_columns(), 1u);
      ASSERT_GE(table.rows_size(), 2);
      EXPECT_EQ(table.rows(0).kind(), kansli::ir::Row::HEADER);
      EXPECT_TRUE(table.rows(0).visually_hidden());
      EXPECT_EQ(text_of(table.rows(0).cells(0).spans()), "Namn");
      EXPECT_EQ(text_of(table.rows(0).cells(1).spans()), "Roll och organisation");
      for (int r = 1; r < table.rows_size(); ++r) EXPECT_FALSE(table.rows(r).visually_hidden());
      // The heading over it says it is an attendance list.
      ASSERT_TRUE(ir.blocks(i - 1).has_heading());
      EXPECT_EQ(ir.blocks(i - 1).heading().kind(), kansli::ir::Heading::ATTENDANCE);
      EXPECT_EQ(ir.blocks(i - 1).heading().level(), 1u);
    }
  }
}

TEST(ComposeStructure, MeetingRecordSectionsSayWhatTheyOpen) {
  kansli::ComposeOptions reproduction;
  reproduction.reproduction = true;
  const auto ir = kansli::compose(load("protokoll-au-2026-03-04.txtpb"), reproduction).value;
  EXPECT_EQ(kind_of(ir, "Protokoll"), kansli::ir::Heading::TITLE);
  EXPECT_EQ(kind_of(ir, "Närvarande"), kansli::ir::Heading::ATTENDANCE);
  EXPECT_EQ(kind_of(ir, "Gäster §\u00A021"), kansli::ir::Heading::ATTENDANCE);
  EXPECT_EQ(kind_of(ir, "Återgivning av ett elektroniskt undertecknat dokument"),
            kansli::ir::Heading::SIGNATURE_RECORD);
  EXPECT_EQ(kind_of(ir, "Underskrift 1"), kansli::ir::Heading::GENERIC);
  for (const auto* heading : headings(ir, 1))
    if (!heading->number().empty()) {
      EXPECT_EQ(heading->kind(), kansli::ir::Heading::ITEM);
    }
  // The signature record's data: tables of named fields, row headers first.
  bool in_record = false;
  int record_tables = 0;
  for (const auto& block : ir.blocks()) {
    if (block.has_heading() && block.heading().kind() == kansli::ir::Heading::SIGNATURE_RECORD)
      in_record = true;
    if (in_record && block.has_table()) {
      ++record_tables;
      EXPECT_EQ(block.table().kind(), kansli::ir::Table::FIELDS);
      EXPECT_EQ(text_of(block.table().rows(0).cells(0).spans()), "Namn");
    }
  }
  EXPECT_GT(record_tables, 0);
}

TEST(ComposeStructure, AttachmentsAreASectionOfTheDocumentNotOfTheLastItem) {
  bool seen = false;
  for (const auto& name : kExamples) {
    const auto ir = kansli::compose(load(name)).value;
    for (const auto& block : ir.blocks())
      if (block.has_heading() && text_of(block.heading().spans()) == "Bilagor") {
        seen = true;
        EXPECT_EQ(block.heading().level(), 1u) << name;
        EXPECT_EQ(block.heading().kind(), kansli::ir::Heading::ATTACHMENTS) << name;
      }
  }
  EXPECT_TRUE(seen);
}

TEST(ComposeStructure, AnnualReportMarksNotesAppendicesAndRowHeaders) {
  const auto ir = kansli::compose(load("arsredovisning-2025.txtpb")).value;
  EXPECT_EQ(kind_of(ir, "Årsredovisning 2025"), kansli::ir::Heading::TITLE);
  EXPECT_EQ(kind_of(ir, "Insatsredovisning"), kansli::ir::Heading::APPENDIX);
  int notes = 0;
  for (const auto& block : ir.blocks())
    if (block.has_heading() && block.heading().number().starts_with("Not")) {
      ++notes;
      EXPECT_EQ(block.heading().kind(), kansli::ir::Heading::NOTE);
    }
  EXPECT_GT(notes, 0);
  for (const auto& block : ir.blocks())
    if (block.has_table() && block.table().kind() == kansli::ir::Table::DATA) {
      EXPECT_EQ(block.table().row_header_columns(), 1u) << text_of(block.table().rows(0).cells(0).spans());
    }
}

namespace {

// "label:depth" for every row of the financial table whose header's first
// cell is followed by a heading `title`.
std::vector<std::string> depths_after(const kansli::ir::Document& ir, const std::string& title) {
  std::vector<std::string> out;
  bool after = false;
  for (const auto& block : ir.blocks()) {
    if (block.has_heading()) after = text_of(block.heading().spans()) == title;
    if (!after || !block.has_table()) continue;
    for (const auto& row : block.table().rows())
      if (row.kind() != kansli::ir::Row::HEADER)
        out.push_back(text_of(row.cells(0).spans()) + ":" + std::to_string(row.group_depth()));
    break;
  }
  return out;
}

}  // namespace

TEST(ComposeStructure, BalanceSheetGroupsSayHowTheyNest) {
  const auto ir = kansli::compose(load("arsredovisning-2025.txtpb")).value;
  const auto balance = depths_after(ir, "Balansräkning");
  ASSERT_FALSE(balance.empty());
  EXPECT_EQ(balance.front(), "Tillgångar:1");
  EXPECT_EQ(balance[1], "Omsättningstillgångar:2");
  auto has = [](const std::vector<std::string>& rows, const std::string& row) {
    return std::find(rows.begin(), rows.end(), row) != rows.end();
  };
  EXPECT_TRUE(has(balance, "Summa omsättningstillgångar:2"));
  EXPECT_TRUE(has(balance, "Summa tillgångar:1"));
  EXPECT_TRUE(has(balance, "Eget kapital och skulder:1"));
  EXPECT_TRUE(has(balance, "Eget kapital:2"));
  EXPECT_TRUE(has(balance, "Summa eget kapital:2"));
  EXPECT_TRUE(has(balance, "Summa kortfristiga skulder:2"));
  EXPECT_EQ(balance.back(), "Summa eget kapital och skulder:1");

  const auto income = depths_after(ir, "Resultaträkning");
  EXPECT_EQ(income.front(), "Verksamhetens intäkter:1");
  EXPECT_TRUE(has(income, "Summa verksamhetens kostnader:1"));
  EXPECT_TRUE(has(income, "Verksamhetens resultat:0"));
  EXPECT_TRUE(has(income, "Finansiella poster:1"));
  EXPECT_EQ(income.back(), "Årets resultat:0");

  const auto cash = depths_after(ir, "Kassaflödesanalys");
  EXPECT_EQ(cash.front(), "Den löpande verksamheten:1");
  EXPECT_TRUE(has(cash, "Kassaflöde från finansieringsverksamheten:1"));
  EXPECT_TRUE(has(cash, "Årets kassaflöde:0"));
  EXPECT_EQ(cash.back(), "Likvida medel vid årets slut:0");
}
