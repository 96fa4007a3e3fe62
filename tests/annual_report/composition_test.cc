// Composition of the annual report: the core computes totals, rounds so
// that printed columns add up, and splits the contributions as Finsam says.
#include "report_test_support.hpp"

#include "annual_report/figures.hpp"

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/swedish.hpp>
#include <kansli/validate.hpp>

#include <gtest/gtest.h>

#include <numeric>
#include <random>

namespace kansli::test {
namespace {

using namespace annual_report;

LoadedDocument load_example() {
  auto loaded = load_document_file(report_example());
  EXPECT_TRUE(loaded) << (loaded.problems.empty() ? "" : loaded.problems.front().to_string());
  return std::move(loaded.value);
}

// The table that follows the heading `title`.
const ir::Table* table_after(const ir::Document& document, const std::string& title) {
  bool found = false;
  for (const auto& block : document.blocks()) {
    if (block.has_heading()) found = spans_text(block.heading().spans()) == title;
    else if (found && block.has_table()) return &block.table();
  }
  return nullptr;
}

// Checks that every printed sum equals the sum of its printed parts: a
// SUBTOTAL after BODY rows (or right after a GROUP) sums those rows; a
// SUBTOTAL right after another SUBTOTAL sums the subtotals before it
// ("Verksamhetens resultat", "Årets kassaflöde"); a TOTAL sums the open
// subtotals and the BODY rows since. Amount columns start at `first_amount`.
void expect_columns_add_up(const ir::Table& table, size_t first_amount, const std::string& what) {
  const auto rows = text_rows(table);
  const size_t columns = rows.front().cells.size();
  for (size_t c = first_amount; c < columns; ++c) {
    long long body = 0;
    std::vector<long long> subtotals;
    ir::Row::Kind previous = ir::Row::HEADER;
    for (const auto& row : rows) {
      if (row.kind == ir::Row::HEADER) continue;
      if (row.kind == ir::Row::GROUP) {
        previous = row.kind;
        continue;
      }
      const long long value = parse_swedish_integer(row.cells[c]);
      if (row.kind == ir::Row::BODY) body += value;
      if (row.kind == ir::Row::SUBTOTAL) {
        if (previous == ir::Row::SUBTOTAL) {
          long long parts = 0;
          for (auto subtotal : subtotals) parts += subtotal;
          EXPECT_EQ(value, parts) << what << ": sum of subtotals '" << row.cells[0] << "', column " << c;
          subtotals = {value};
        } else {
          EXPECT_EQ(value, body) << what << ": subtotal '" << row.cells[0] << "', column " << c;
          subtotals.push_back(value);
        }
        body = 0;
      }
      if (row.kind == ir::Row::TOTAL) {
        long long parts = body;
        for (auto subtotal : subtotals) parts += subtotal;
        EXPECT_EQ(value, parts) << what << ": total '" << row.cells[0] << "', column " << c;
        body = 0;
        subtotals.clear();
      }
      previous = row.kind;
    }
  }
}

TEST(ReportFigures, SplitByWeightsIsExactAndProportional) {
  const auto parts = split_by_weights(1000, {1, 1, 1});
  EXPECT_EQ(parts, (std::vector<std::int64_t>{334, 333, 333}));
  const auto halves = split_by_weights(16000003, {2, 1, 1});
  EXPECT_EQ(std::accumulate(halves.begin(), halves.end(), std::int64_t{0}), 16000003);
  EXPECT_EQ(halves[1], 4000001);
  EXPECT_EQ(split_by_weights(500, {0, 0}), (std::vector<std::int64_t>{0, 0}));
}

TEST(ReportFigures, FinsamSplitHalfStateQuarterRegionQuarterMunicipalitiesByPopulation) {
  const auto loaded = load_example();
  const std::int64_t total = 16000001;  // odd on purpose: the kronor must still add up
  const auto shares = finsam_split(total, loaded.document.organisation());
  std::int64_t sum = 0, state = 0, region = 0, municipalities = 0;
  std::int64_t population = 0;
  for (const auto& member : loaded.document.organisation().members())
    if (member.kind() == model::Member::MUNICIPALITY) population += member.population();
  for (const auto& share : shares) {
    sum += share.amount;
    if (share.kind == model::Member::FORSAKRINGSKASSAN) state += share.amount;
    if (share.kind == model::Member::REGION) region += share.amount;
    if (share.kind == model::Member::MUNICIPALITY) municipalities += share.amount;
  }
  EXPECT_EQ(sum, total);
  EXPECT_EQ(state, 8000001);  // half, the odd krona by largest remainder
  EXPECT_EQ(region, 4000000);
  EXPECT_EQ(municipalities, 4000000);
  ASSERT_EQ(shares.size(), 11u);  // the state, the region, nine municipalities
  // Eskilstuna: 108 000 of 303 900 inhabitants of the municipalities' quarter.
  EXPECT_EQ(shares[2].label, "Eskilstuna kommun");
  EXPECT_NEAR(static_cast<double>(shares[2].amount), 4000000.0 * 108000 / population, 1.0);
}

TEST(ReportFigures, RoundToTargetAddsUp) {
  // Plain rounding gives 333 + 333 + 333 = 999 tkr for 1 000 tkr.
  const auto rounded = round_to_target({333400, 333400, 333200}, 1000, 1000);
  EXPECT_EQ(rounded, (std::vector<std::int64_t>{334, 333, 333}));
  // Mixed signs: income and costs.
  const auto mixed = round_to_target({16048320, -13927500, 15380}, 1000, round_units(2136200, 1000));
  EXPECT_EQ(mixed[0] + mixed[1] + mixed[2], 2136);
  EXPECT_EQ(round_units(-221500, 1000), -222);
  EXPECT_EQ(round_units(221499, 1000), 221);
}

TEST(ReportFigures, RoundToTargetRandomisedPartsAlwaysAddUp) {
  std::mt19937_64 random(20250101);
  std::uniform_int_distribution<std::int64_t> amount(-5000000, 5000000);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<std::int64_t> parts(1 + trial % 9);
    for (auto& part : parts) part = amount(random);
    const std::int64_t exact = std::accumulate(parts.begin(), parts.end(), std::int64_t{0});
    const auto rounded = round_to_target(parts, 1000, round_units(exact, 1000));
    EXPECT_EQ(std::accumulate(rounded.begin(), rounded.end(), std::int64_t{0}), round_units(exact, 1000));
    for (size_t i = 0; i < parts.size(); ++i)  // never more than one unit from the truth
      EXPECT_LE(std::llabs(rounded[i] * 1000 - parts[i]), 1500) << "trial " << trial;
  }
}

TEST(ReportComposition, ComputedTotalsMatchTheReferenceFigures) {
  const auto loaded = load_example();
  ASSERT_TRUE(validate(loaded).empty());
  const auto ir = compose(loaded.document).value;
  const auto* income = table_after(ir, "Resultaträkning");
  ASSERT_TRUE(income);
  const auto rows = text_rows(*income);
  const auto& result = rows.back();
  EXPECT_EQ(result.kind, ir::Row::TOTAL);
  EXPECT_EQ(result.cells, (std::vector<std::string>{"Årets resultat", "", "2\u202F136", "221", "4\u202F266"}));

  const auto* balance = table_after(ir, "Balansräkning");
  ASSERT_TRUE(balance);
  std::vector<std::string> equity_total, assets_total, claims_total;
  for (const auto& row : text_rows(*balance)) {
    if (row.cells[0] == "Summa eget kapital") equity_total = row.cells;
    if (row.cells[0] == "Summa tillgångar") assets_total = row.cells;
    if (row.cells[0] == "Summa eget kapital och skulder") claims_total = row.cells;
  }
  ASSERT_FALSE(equity_total.empty());
  EXPECT_EQ(swedish::format_mkr(sum(loaded.document.annual_report().balance_sheet().equity()).amount), "11,7");
  EXPECT_EQ(std::vector<std::string>(assets_total.begin() + 1, assets_total.end()),
            std::vector<std::string>(claims_total.begin() + 1, claims_total.end()));

  // Overhead 23 % or 3,3 mkr, contributions 16 mkr: in the composed text.
  std::string text;
  for (const auto& block : ir.blocks())
    if (block.has_paragraph()) text += spans_text(block.paragraph().spans()) + "\n";
  EXPECT_NE(text.find("uppgår till 3,3\u00A0mkr, vilket motsvarar 23\u00A0% av verksamhetens kostnader"), std::string::npos) << text;
  EXPECT_NE(text.find("Årets resultat uppgår till 2\u202F136\u00A0tkr, vilket är 1\u202F915\u00A0tkr högre än det budgeterade resultatet på 221\u00A0tkr"),
            std::string::npos);
  EXPECT_NE(text.find("Medlemmarnas avgifter uppgår till 16,0\u00A0mkr"), std::string::npos);
}

TEST(ReportComposition, EveryPrintedColumnAddsUp) {
  const auto loaded = load_example();
  const auto ir = compose(loaded.document).value;
  for (const char* title : {"Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Balanskravsresultat"}) {
    const auto* table = table_after(ir, title);
    ASSERT_TRUE(table) << title;
    // The amounts start after the label and, where a line has a note, the
    // note column.
    int first_amount = 0;
    while (first_amount < table->columns_size() && table->columns(first_amount).align() != ir::Column::DECIMAL)
      ++first_amount;
    EXPECT_GE(first_amount, 1) << title;
    expect_columns_add_up(*table, static_cast<size_t>(first_amount), title);
  }
  const auto* contributions = table_after(ir, "Medlemsavgifter");
  ASSERT_TRUE(contributions);
  expect_columns_add_up(*contributions, 1, "Medlemsavgifter");  // percent and tkr
  const auto* interventions = table_after(ir, "Insatser");
  ASSERT_TRUE(interventions);
  expect_columns_add_up(*interventions, 1, "Insatser");
  for (const char* note : {"Medlemsavgifter", "Finansierade insatser", "Kortfristiga fordringar",
                           "Upplupna kostnader och förutbetalda intäkter"}) {
    bool seen = false;
    for (int i = 0; i + 1 < ir.blocks_size(); ++i)
      if (ir.blocks(i).has_heading() && ir.blocks(i).heading().number().rfind("Not\u00A0", 0) == 0 &&
          spans_text(ir.blocks(i).heading().spans()) == note) {
        ASSERT_TRUE(ir.blocks(i + 1).has_table() || ir.blocks(i + 2).has_table()) << note;
        expect_columns_add_up(ir.blocks(i + 1).has_table() ? ir.blocks(i + 1).table() : ir.blocks(i + 2).table(), 1, note);
        seen = true;
      }
    EXPECT_TRUE(seen) << note;
  }
}

TEST(ReportComposition, CashFlowEndsInTheBalanceSheetsCash) {
  const auto loaded = load_example();
  const auto ir = compose(loaded.document).value;
  const auto* cash = table_after(ir, "Kassaflödesanalys");
  ASSERT_TRUE(cash);
  const auto rows = text_rows(*cash);
  EXPECT_EQ(rows.back().cells[0], "Likvida medel vid årets slut");
  std::vector<std::string> bank;
  for (const auto& row : text_rows(*table_after(ir, "Balansräkning")))
    if (row.cells[0] == "Kassa och bank") bank = row.cells;
  ASSERT_EQ(bank.size(), 4u);
  // The cash flow statement has no notes, so no note column: its amounts
  // stand one column further left than the balance sheet's.
  ASSERT_EQ(rows.back().cells.size(), 3u);
  EXPECT_EQ(rows.back().cells[1], bank[2]);  // this year
  EXPECT_EQ(rows.back().cells[2], bank[3]);  // last year
}

TEST(ReportComposition, RandomisedStatementsStillAddUp) {
  // Amounts that make plain rounding disagree: the composer must move
  // lines so that every printed sum still holds, and say so in a note.
  auto loaded = load_example();
  auto& report = *loaded.document.mutable_annual_report();
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> amount(1, 999999);
  for (int trial = 0; trial < 50; ++trial) {
    for (auto& line : *report.mutable_income_statement()->mutable_operating_expenses()) {
      line.set_amount(-amount(random));
      line.set_budget(-amount(random));
      line.set_previous_year(-amount(random));
    }
    for (auto& line : *report.mutable_balance_sheet()->mutable_liabilities(0)->mutable_lines())
      line.set_amount(amount(random));
    const auto ir = compose(loaded.document).value;
    for (const char* title : {"Resultaträkning", "Balansräkning", "Kassaflödesanalys"})
      expect_columns_add_up(*table_after(ir, title), 2, title);
    if (HasFailure()) break;
  }
}

TEST(ReportComposition, RoundingNoteOnlyWhenAmountsWereMoved) {
  auto loaded = load_example();
  auto& note = *loaded.document.mutable_annual_report()->mutable_notes(0);
  auto count_notes = [](const ir::Document& ir) {
    int notes = 0;
    for (const auto& block : ir.blocks())
      notes += block.has_paragraph() && block.paragraph().style() == ir::Paragraph::NOTE;
    return notes;
  };
  const int before = count_notes(compose(loaded.document).value);
  // Three thirds of 1 000 tkr: plain rounding prints 333 three times.
  note.mutable_lines(0)->set_amount(3333340);
  note.mutable_lines(1)->set_amount(3333330);
  note.mutable_lines(2)->set_amount(3333330);
  const auto ir = compose(loaded.document).value;
  EXPECT_EQ(count_notes(ir), before + 1);
}

TEST(ReportComposition, SignatureFieldPerBoardMemberAndBilagaInContents) {
  const auto ir = compose(load_example().document).value;
  std::vector<std::string> fields;
  bool bilaga = false, contents = false;
  for (const auto& block : ir.blocks()) {
    if (block.has_signatures())
      for (const auto& signatory : block.signatures().signatories()) fields.push_back(signatory.field_name());
    if (block.has_table_of_contents()) contents = true;
    if (block.has_heading() && block.heading().number() == "Bilaga 1")
      bilaga = block.heading().in_toc() && spans_text(block.heading().spans()) == "Insatsredovisning";
  }
  EXPECT_TRUE(contents);
  EXPECT_TRUE(bilaga);
  EXPECT_EQ(fields, (std::vector<std::string>{"underskrift-1-helena-koch", "underskrift-2-owe-ek",
                                              "underskrift-3-anna-gripenberg", "underskrift-4-oleg-kosovic",
                                              "underskrift-5-sam-farsani"}));
  EXPECT_EQ(ir.metadata().document_kind(), "arsredovisning");
}

TEST(ReportComposition, AnExtractOfAReportIsRefused) {
  ComposeOptions options;
  options.extract_items = {1};
  const auto refused = compose(load_example().document, options);
  EXPECT_EQ(refused.failure, Failure::invalid_input);
  ASSERT_EQ(refused.problems.size(), 1u);
  EXPECT_NE(refused.problems[0].message.find("only be made from a protokoll"), std::string::npos);
  const auto result = run_kansli("render " + quote(report_example().string()) + " --extract 1 -f json -o -");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("annual report"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace kansli::test
