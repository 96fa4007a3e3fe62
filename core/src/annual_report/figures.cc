#include "figures.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace kansli::annual_report {

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw std::overflow_error("an annual report sum overflows 64 bits");
  return sum;
}

Amounts& Amounts::operator+=(const Amounts& other) {
  amount = checked_add(amount, other.amount);
  budget = checked_add(budget, other.budget);
  previous_year = checked_add(previous_year, other.previous_year);
  return *this;
}

Amounts amounts(const model::StatementLine& line) {
  return {line.amount(), line.budget(), line.previous_year()};
}

Amounts sum(const Lines& lines) {
  Amounts total;
  for (const auto& line : lines) total += amounts(line);
  return total;
}

Amounts sum(const Groups& groups) {
  Amounts total;
  for (const auto& group : groups) total += sum(group.lines());
  return total;
}

IncomeFigures income_figures(const model::IncomeStatement& statement) {
  IncomeFigures f;
  f.income = sum(statement.operating_income());
  f.expenses = sum(statement.operating_expenses());
  f.operating_result = f.income + f.expenses;
  f.financial = sum(statement.financial_items());
  f.result = f.operating_result + f.financial;
  for (const auto& line : statement.operating_expenses())
    if (line.overhead()) f.overhead = checked_add(f.overhead, -line.amount());
  return f;
}

CashFlowFigures cash_flow_figures(const model::CashFlowStatement& statement, const Amounts& result) {
  CashFlowFigures f;
  f.operating = Amounts{result.amount, 0, result.previous_year} + sum(statement.operating());
  f.investing = sum(statement.investing());
  f.financing = sum(statement.financing());
  f.flow = f.operating + f.investing + f.financing;
  f.flow.budget = 0;
  f.closing =
      f.flow + Amounts{statement.opening_cash().amount(), 0, statement.opening_cash().previous_year()};
  return f;
}

std::vector<std::int64_t> split_by_weights(std::int64_t total, const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> parts(weights.size(), 0);
  // 128-bit intermediate: total * weight can exceed 64 bits for large
  // populations and amounts.
  __int128 weight_sum = 0;
  for (auto w : weights) weight_sum += w;
  if (weight_sum <= 0) return parts;
  std::vector<std::pair<__int128, size_t>> remainders;
  std::int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const __int128 exact = static_cast<__int128>(total) * weights[i];
    parts[i] = static_cast<std::int64_t>(exact / weight_sum);
    remainders.push_back({exact % weight_sum, i});
    given = checked_add(given, parts[i]);
  }
  // Largest remainder first; ties go to the earlier part, so the result
  // never depends on sort stability.
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (size_t k = 0; given < total && k < remainders.size(); ++k, ++given) ++parts[remainders[k].second];
  return parts;
}

namespace {

const char* kStateLabel = "Staten (Försäkringskassan och Arbetsförmedlingen)";

}  // namespace

std::vector<Share> finsam_split(std::int64_t total, const model::Organisation& organisation) {
  const auto halves = split_by_weights(total, {2, 1, 1});
  std::vector<Share> out{{kStateLabel, halves[0], model::Member::FORSAKRINGSKASSAN}};
  for (auto kind : {model::Member::REGION, model::Member::MUNICIPALITY}) {
    std::vector<const model::Member*> members;
    std::vector<std::int64_t> populations;
    for (const auto& member : organisation.members())
      if (member.kind() == kind) {
        members.push_back(&member);
        populations.push_back(member.population());
      }
    // One region pays the whole quarter whatever its population says.
    if (members.size() == 1) populations[0] = 1;
    const auto parts = split_by_weights(kind == model::Member::REGION ? halves[1] : halves[2], populations);
    for (size_t i = 0; i < members.size(); ++i) out.push_back({members[i]->name(), parts[i], kind});
  }
  return out;
}

std::vector<Share> contribution_shares(const model::Contributions& contributions,
                                       const model::Organisation& organisation) {
  if (contributions.shares_size() == 0) return finsam_split(contributions.total(), organisation);
  // The last member with an id wins, as in a plain search from the end.
  std::unordered_map<std::string_view, const model::Member*> members;
  for (const auto& member : organisation.members()) members[member.id()] = &member;
  std::vector<Share> out;
  for (const auto& share : contributions.shares()) {
    Share line{share.member(), share.amount(), model::Member::KIND_UNSPECIFIED};
    if (const auto it = members.find(share.member()); it != members.end()) {
      line.label = it->second->name();
      line.kind = it->second->kind();
    }
    out.push_back(std::move(line));
  }
  return out;
}

std::int64_t round_units(std::int64_t value, std::int64_t unit) {
  const std::int64_t q = value / unit, r = value % unit;
  if (2 * (r < 0 ? -r : r) >= unit) return q + (value < 0 ? -1 : 1);
  return q;
}

std::vector<std::int64_t> round_to_target(const std::vector<std::int64_t>& parts, std::int64_t unit,
                                          std::int64_t target) {
  std::vector<std::int64_t> rounded;
  std::int64_t total = 0;
  for (auto part : parts) {
    rounded.push_back(round_units(part, unit));
    total = checked_add(total, rounded.back());
  }
  if (parts.empty()) return rounded;
  // Moving one unit at a time, always the part whose rounding error points
  // most the other way, takes time proportional to the distance; this does
  // the same in O(n log n): every part moves by the whole rounds, and the
  // rest go to the parts first in that order (error, then position).
  const std::int64_t n = static_cast<std::int64_t>(parts.size());
  const std::int64_t distance = checked_add(target, -total);
  const bool up = distance > 0;
  const std::int64_t rounds = distance / n, rest = up ? distance % n : -(distance % n);
  // Rounding error of each part, in kronor: positive when rounded up.
  std::vector<std::pair<__int128, size_t>> order;
  for (size_t i = 0; i < parts.size(); ++i) {
    rounded[i] = checked_add(rounded[i], rounds);
    const __int128 error = static_cast<__int128>(rounded[i]) * unit - parts[i];
    order.push_back({up ? error : -error, i});
  }
  // Up: the parts rounded down the most first; down: those rounded up the
  // most. Ties: the earlier part.
  std::sort(order.begin(), order.end());
  for (std::int64_t k = 0; k < rest; ++k) rounded[order[static_cast<size_t>(k)].second] += up ? 1 : -1;
  return rounded;
}

}  // namespace kansli::annual_report
