// Each validation rule of the annual report, proven with an edit of the
// example that breaks it: the CLI exits 1, names the place as
// FILE:LINE:COLUMN with the reason, and writes no output file.
#include "report_test_support.hpp"

#include <gtest/gtest.h>

namespace kansli::test {
namespace {

class ReportValidation : public ::testing::Test {
 protected:
  std::string example = read_file(report_example());
  ScratchDir dir{"annual-report-validation"};

  // Writes `text`, validates and renders it; expects exactly the failure
  // `message` at the place where `anchor` occurs in `text`.
  void expect_rejected(const std::string& text, const std::string& anchor, const std::string& message) {
    const auto input = dir / "report.txtpb";
    write_file(input, text);
    const std::string where = input.string() + ":" + position_of(text, anchor) + ": ";

    const auto validated = run_kansli("validate " + quote(input.string()));
    EXPECT_EQ(validated.exit_code, 1) << validated.err;
    EXPECT_NE(validated.err.find(where + message), std::string::npos)
        << "expected '" << where << message << "' in:\n" << validated.err;

    const auto output = dir / "report.json";
    const auto rendered = run_kansli("render " + quote(input.string()) + " -f json -o " + quote(output.string()));
    EXPECT_EQ(rendered.exit_code, 1) << rendered.err;
    EXPECT_NE(rendered.err.find(where), std::string::npos) << rendered.err;
    EXPECT_FALSE(std::filesystem::exists(output)) << "an invalid report must not produce a file";
  }
};

// Footnote references are read by the same cmark-gfm parse that composes
// the text: a reference is refused, "[^x]" in code or escaped is text.
TEST_F(ReportValidation, FootnoteReferencesAreReadAsCompositionReadsThem) {
  const std::string sentence = "Under året har förbundet finansierat fyra insatser,";
  expect_rejected(replace_once(example, sentence, "Under året[^a] har förbundet finansierat fyra insatser,"),
                  "overview: \"Förbundet finansierar",
                  "footnote reference in an annual report: refer to a note (StatementLine.note) instead");
  const auto input = dir / "code.txtpb";
  write_file(input, replace_once(example, sentence, "Under året (`[^a]`, \\\\[^b]) har förbundet finansierat fyra insatser,"));
  const auto validated = run_kansli("validate " + quote(input.string()));
  EXPECT_EQ(validated.exit_code, 0) << validated.err;
}

TEST_F(ReportValidation, ExampleIsValid) {
  const auto result = run_kansli("validate " + quote(report_example().string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_F(ReportValidation, BalanceSheetMustBalance) {
  // 1 000 kr more in the bank, nothing more in equity or liabilities.
  const auto text = replace_once(example, "amount: 13487950 previous_year: 11204660",
                                 "amount: 13488950 previous_year: 11204660");
  expect_rejected(text, "balance_sheet {",
                  "the balance sheet does not balance for 2025: assets 14 101 290 kr, equity and liabilities "
                  "14 100 290 kr (difference 1 000 kr)");
}

TEST_F(ReportValidation, BalanceSheetMustBalanceLastYearToo) {
  const auto text = replace_once(example, "amount: 1473680 previous_year: 1391560",
                                 "amount: 1473680 previous_year: 1391570");
  expect_rejected(text, "balance_sheet {", "the balance sheet does not balance for 2024");
}

TEST_F(ReportValidation, ResultMustEqualChangeInEquity) {
  // Equity 100 000 kr higher, balanced by the bank: the balance sheet still
  // balances, but equity grew more than the year's result.
  auto text = replace_once(example, "amount: 9576230 previous_year: 5310110", "amount: 9676230 previous_year: 5310110");
  text = replace_once(text, "amount: 13487950", "amount: 13587950");
  expect_rejected(text, "equity { label: \"Övrigt eget kapital\"",
                  "the year's result 2 136 200 kr does not equal the change in equity 2 236 200 kr");
}

TEST_F(ReportValidation, MemberSharesMustAddUpToTheTotal) {
  const auto text = replace_once(
      example, "contributions { total: 16000000 }",
      "contributions { total: 16000000 shares { member: \"forsakringskassan\" amount: 8000000 } "
      "shares { member: \"region-sormland\" amount: 4000000 } shares { member: \"eskilstuna-kommun\" amount: 3999000 } }");
  expect_rejected(text, "contributions {",
                  "the member shares add up to 15 999 000 kr, not to the total 16 000 000 kr (difference −1 000 kr)");
}

TEST_F(ReportValidation, MemberSharesMustNameMembers) {
  const auto text = replace_once(example, "contributions { total: 16000000 }",
                                 "contributions { total: 16000000 shares { member: \"uppsala-kommun\" amount: 16000000 } }");
  expect_rejected(text, "shares {", "unknown member 'uppsala-kommun': not among organisation.members");
}

TEST_F(ReportValidation, FinsamSplitNeedsPopulations) {
  const auto text = replace_once(example, "kind: MUNICIPALITY population: 16600", "kind: MUNICIPALITY");
  expect_rejected(text, "members { id: \"flens-kommun\"",
                  "municipality 'Flens kommun' has no population: the contributions are split by population");
}

TEST_F(ReportValidation, PercentagesLieBetweenZeroAndHundred) {
  const auto text = replace_once(example, "outcome_percent: 68", "outcome_percent: 108");
  expect_rejected(text, "outcome_percent: 108",
                  "the outcome of 'Andel deltagare som upplever förbättrad hälsa vid avslut' is 108 %, not between 0 and 100");
}

TEST_F(ReportValidation, PercentagesAreNotNegative) {
  const auto text = replace_once(example, "sick_leave_percent: 3.2", "sick_leave_percent: -3.2");
  expect_rejected(text, "sick_leave_percent", "sick leave is -3.2 %, not between 0 and 100");
}

TEST_F(ReportValidation, MovedOnNeverOutnumbersFinished) {
  const auto text = replace_once(example, "moved_on: 171", "moved_on: 400");
  expect_rejected(text, "moved_on: 400",
                  "intervention 'Sikta mot arbetslivet': 400 participants moved on to work or studies, but only 362 finished");
}

TEST_F(ReportValidation, FinishedNeverOutnumbersEnrolled) {
  const auto text = replace_once(example, "finished: 69", "finished: 75");
  expect_rejected(text, "finished: 75", "intervention 'Steget vidare': 75 participants finished, but only 74 were enrolled");
}

TEST_F(ReportValidation, ReferencedNoteMustExist) {
  const auto text = replace_once(example, "note: \"fordringar\"", "note: \"fordringar-2025\"");
  expect_rejected(text, "note: \"fordringar-2025\"",
                  "line 'Kortfristiga fordringar' refers to note 'fordringar-2025', which the report does not have");
}

TEST_F(ReportValidation, OpeningCashIsLastYearsClosingCash) {
  const auto text = replace_once(example, "opening_cash { amount: 11204660", "opening_cash { amount: 11204600");
  expect_rejected(text, "opening_cash {",
                  "opening cash 11 204 600 kr differs from last year's closing cash 11 204 660 kr");
}

TEST_F(ReportValidation, FiveYearOverviewMatchesLastYearsStatements) {
  const auto text = replace_once(example, "result: 4266120", "result: 4266000");
  expect_rejected(text, "result: 4266000",
                  "five-year overview: the result of 2024 is 4 266 000 kr, but the income statement's previous year "
                  "says 4 266 120 kr");
}

TEST_F(ReportValidation, InterventionPeriodIsRealDates) {
  const auto text = replace_once(example, "last_day: \"2026-02-28\"", "last_day: \"2026-02-30\"");
  expect_rejected(text, "last_day: \"2026-02-30\"", "impossible last day '2026-02-30' (expected YYYY-MM-DD)");
}

TEST_F(ReportValidation, GoalNeedsFulfilment) {
  const auto text = replace_once(example, "fulfilment: MET\n", "\n");
  expect_rejected(text, "goals {\n      title: \"Minska ohälsan",
                  "goal 'Minska ohälsan hos deltagarna' has no fulfilment (MET, PARTLY_MET or NOT_MET)");
}

TEST_F(ReportValidation, SignatoryRepresentsAMember) {
  const auto text = replace_once(example, "role: MEMBER member: \"arbetsformedlingen\"",
                                 "role: MEMBER member: \"arbetsformedlingen-sormland\"");
  expect_rejected(text, "member: \"arbetsformedlingen-sormland\"",
                  "unknown member 'arbetsformedlingen-sormland': not among organisation.members");
}

TEST_F(ReportValidation, ReportsEveryProblemAtOnce) {
  auto text = replace_once(example, "moved_on: 171", "moved_on: 400");
  text = replace_once(text, "outcome_percent: 68", "outcome_percent: 108");
  text = replace_once(text, "note: \"fordringar\"", "note: \"saknas\"");
  const auto input = dir / "many.txtpb";
  write_file(input, text);
  const auto result = run_kansli("validate " + quote(input.string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(words(result.err).size() > 0, true);
  size_t lines = 0;
  for (char c : result.err) lines += c == '\n';
  EXPECT_EQ(lines, 3u) << result.err;
}

}  // namespace
}  // namespace kansli::test
