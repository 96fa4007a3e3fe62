// Figures of an annual report that the core computes (totals, the year's
// result, the Finsam split of contributions) and the rounding that makes
// printed columns add up. Shared by validation and composition so that both
// agree on what a report says.
#ifndef KANSLI_ANNUAL_REPORT_FIGURES_HPP
#define KANSLI_ANNUAL_REPORT_FIGURES_HPP

#include <kansli/model.pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kansli::annual_report {

using Lines = google::protobuf::RepeatedPtrField<model::StatementLine>;
using Groups = google::protobuf::RepeatedPtrField<model::BalanceGroup>;

// a + b; throws std::overflow_error instead of overflowing. The limits on
// amounts (kansli/limits.hpp) keep every sum of a loaded document far from
// overflow; this turns a mistake in that reasoning into an error, not
// undefined behaviour.
std::int64_t checked_add(std::int64_t a, std::int64_t b);

// The three amount columns of a statement line, in kronor.
struct Amounts {
  std::int64_t amount = 0;
  std::int64_t budget = 0;
  std::int64_t previous_year = 0;

  Amounts& operator+=(const Amounts& other);
  friend Amounts operator+(Amounts a, const Amounts& b) { return a += b; }
};

Amounts amounts(const model::StatementLine& line);
// Sum of lines, column by column.
Amounts sum(const Lines& lines);
Amounts sum(const Groups& groups);

struct IncomeFigures {
  Amounts income;            // Summa verksamhetens intäkter
  Amounts expenses;          // Summa verksamhetens kostnader (negative)
  Amounts operating_result;  // Verksamhetens resultat = income + expenses
  Amounts financial;         // Finansiella poster, net
  Amounts result;            // Årets resultat
  // This year's costs marked as overhead, as a positive amount.
  std::int64_t overhead = 0;
};
IncomeFigures income_figures(const model::IncomeStatement& statement);

struct CashFlowFigures {
  Amounts operating;  // Årets resultat plus adjustments
  Amounts investing;
  Amounts financing;
  Amounts flow;     // Årets kassaflöde
  Amounts closing;  // Likvida medel vid årets slut (budget unused)
};
CashFlowFigures cash_flow_figures(const model::CashFlowStatement& statement, const Amounts& result);

// One line of the members' contributions.
struct Share {
  // Printed: "Eskilstuna kommun", "Staten (Försäkringskassan och Arbetsförmedlingen)".
  std::string label;
  std::int64_t amount = 0;
  model::Member::Kind kind = model::Member::KIND_UNSPECIFIED;
};

// The Finsam split of `total`: half to the state (one line), a quarter to
// the region(s) and a quarter to the municipalities, each quarter split by
// population. Exact: the lines add up to `total` to the krona.
std::vector<Share> finsam_split(std::int64_t total, const model::Organisation& organisation);
// The shares the report prints: those given in `contributions`, or else the
// Finsam split. Unknown members keep their id as label.
std::vector<Share> contribution_shares(const model::Contributions& contributions,
                                       const model::Organisation& organisation);

// Splits `total` in proportion to `weights` (largest remainder): the parts
// add up to `total` exactly. All weights zero: everything to nothing (zeros).
std::vector<std::int64_t> split_by_weights(std::int64_t total, const std::vector<std::int64_t>& weights);

// `value / unit` rounded half away from zero.
std::int64_t round_units(std::int64_t value, std::int64_t unit);

// Rounds each of `parts` to whole `unit`s so that the rounded parts add up
// to `target` units: starts from plain rounding and moves the parts whose
// rounding error is largest, one unit each (a part moves again only when
// every part has moved). O(n log n) in the number of parts, whatever the
// distance to `target`. Used so that printed columns add up.
std::vector<std::int64_t> round_to_target(const std::vector<std::int64_t>& parts, std::int64_t unit,
                                          std::int64_t target);

}  // namespace kansli::annual_report

#endif
