#include <fmt/core.h>

#include <cmath>
#include <kansli/swedish.hpp>
#include <map>
#include <set>

#include "../compose_support/inline_text.hpp"
#include "../validate_support/field_paths.hpp"
#include "annual_report.hpp"
#include "figures.hpp"

namespace kansli {

namespace {

using namespace annual_report;
using model::AnnualReport;

// Amounts in messages: plain spaces, for a terminal.
std::string kr(std::int64_t kronor) { return swedish::format_integer(kronor, " ") + " kr"; }

class ReportValidator {
 public:
  explicit ReportValidator(const LoadedDocument& loaded)
      : loaded_(loaded),
        report_(loaded.document.annual_report()),
        root_{step<model::Document>(model::Document::kAnnualReportFieldNumber)} {}

  Problems run() {
    for (const auto& note : report_.notes()) note_ids_.insert(note.id());
    for (const auto& member : loaded_.document.organisation().members()) member_ids_.insert(member.id());
    if (report_.year() < 1900 || report_.year() > 9999)
      add(at(AnnualReport::kYearFieldNumber),
          fmt::format("impossible financial year {} (expected e.g. 2025)", report_.year()));
    if (report_.date().empty())
      add(root_, "missing date (when the board approved the report)");
    else if (!swedish::parse_date(report_.date()))
      add(at(AnnualReport::kDateFieldNumber),
          fmt::format("impossible date '{}' (expected YYYY-MM-DD)", report_.date()));

    income_ = income_figures(report_.income_statement());
    management_report(at(AnnualReport::kManagementReportFieldNumber));
    income_statement(at(AnnualReport::kIncomeStatementFieldNumber));
    balance_sheet(at(AnnualReport::kBalanceSheetFieldNumber));
    cash_flow(at(AnnualReport::kCashFlowStatementFieldNumber));
    notes(at(AnnualReport::kNotesFieldNumber));
    signatures(at(AnnualReport::kSignaturesFieldNumber));
    interventions();
    return std::move(problems_);
  }

 private:
  FieldPath at(int number, int index = -1) const { return root_ / step<AnnualReport>(number, index); }

  void add(const FieldPath& path, std::string message) {
    problems_.push_back(loaded_.problem_at(path, std::move(message)));
  }

  // Inline paragraphs: footnotes belong in notes in a report.
  void paragraphs(const google::protobuf::RepeatedPtrField<std::string>& texts, const FieldPath& path,
                  const google::protobuf::FieldDescriptor* field) {
    for (int i = 0; i < texts.size(); ++i) inline_text(texts[i], path / PathStep{field, i});
  }
  void inline_text(const std::string& text, const FieldPath& path) {
    if (!inline_references(text).footnotes.empty())
      add(path, "footnote reference in an annual report: refer to a note (StatementLine.note) instead");
  }

  void percent(double value, const FieldPath& path, std::string_view what) {
    if (!std::isfinite(value) || value < 0 || value > 100)
      add(path, fmt::format("{} is {} %, not between 0 and 100", what, value));
  }

  void lines(const Lines& lines, const FieldPath& path, const google::protobuf::FieldDescriptor* field) {
    for (int i = 0; i < lines.size(); ++i) {
      const auto& line = lines[i];
      const FieldPath line_path = path / PathStep{field, i};
      if (blank(line.label())) add(line_path, "a statement line without a label");
      if (!line.note().empty() && !note_ids_.count(line.note()))
        add(line_path / step<model::StatementLine>(model::StatementLine::kNoteFieldNumber),
            fmt::format("line '{}' refers to note '{}', which the report does not have", line.label(),
                        line.note()));
    }
  }

  void management_report(const FieldPath& path) {
    using M = model::ManagementReport;
    const auto& m = report_.management_report();
    auto field = [](int number) { return M::descriptor()->FindFieldByNumber(number); };
    paragraphs(m.overview(), path, field(M::kOverviewFieldNumber));
    paragraphs(m.significant_events(), path, field(M::kSignificantEventsFieldNumber));
    paragraphs(m.interventions_overview(), path, field(M::kInterventionsOverviewFieldNumber));
    paragraphs(m.financial_position(), path, field(M::kFinancialPositionFieldNumber));
    paragraphs(m.outlook(), path, field(M::kOutlookFieldNumber));

    // Five-year overview: consecutive earlier years, matching last year's
    // statements.
    for (int i = 0; i < m.five_year_overview_size(); ++i) {
      const auto& figures = m.five_year_overview(i);
      const FieldPath year_path = path / step<M>(M::kFiveYearOverviewFieldNumber, i);
      const unsigned expected = report_.year() - static_cast<unsigned>(m.five_year_overview_size() - i);
      if (figures.year() != expected)
        add(year_path,
            fmt::format(
                "five-year overview: year {} where {} was expected (the years before {}, oldest first)",
                figures.year(), expected, report_.year()));
      else if (figures.year() + 1 == report_.year()) {
        if (figures.result() != income_.result.previous_year)
          add(year_path / step<model::YearFigures>(model::YearFigures::kResultFieldNumber),
              fmt::format("five-year overview: the result of {} is {}, but the income statement's previous "
                          "year says {}",
                          figures.year(), kr(figures.result()), kr(income_.result.previous_year)));
        const auto equity = sum(report_.balance_sheet().equity());
        if (figures.equity() != equity.previous_year)
          add(year_path / step<model::YearFigures>(model::YearFigures::kEquityFieldNumber),
              fmt::format(
                  "five-year overview: the equity of {} is {}, but the balance sheet's previous year says {}",
                  figures.year(), kr(figures.equity()), kr(equity.previous_year)));
      }
    }
    if (m.five_year_overview_size() > 4)
      add(path / step<M>(M::kFiveYearOverviewFieldNumber, 4),
          "five-year overview: at most the four years before the report's year");

    for (int i = 0; i < m.goals_size(); ++i) {
      const auto& goal = m.goals(i);
      const FieldPath goal_path = path / step<M>(M::kGoalsFieldNumber, i);
      if (blank(goal.title())) add(goal_path, "a goal without a title");
      if (goal.fulfilment() == model::Goal::FULFILMENT_UNSPECIFIED)
        add(goal_path, fmt::format("goal '{}' has no fulfilment (MET, PARTLY_MET or NOT_MET)", goal.title()));
      inline_text(goal.assessment(), goal_path / step<model::Goal>(model::Goal::kAssessmentFieldNumber));
      for (int k = 0; k < goal.indicators_size(); ++k) {
        const auto& indicator = goal.indicators(k);
        const FieldPath indicator_path =
            goal_path / step<model::Goal>(model::Goal::kIndicatorsFieldNumber, k);
        percent(indicator.target_percent(),
                indicator_path / step<model::Indicator>(model::Indicator::kTargetPercentFieldNumber),
                fmt::format("the target of '{}'", indicator.description()));
        percent(indicator.outcome_percent(),
                indicator_path / step<model::Indicator>(model::Indicator::kOutcomePercentFieldNumber),
                fmt::format("the outcome of '{}'", indicator.description()));
      }
    }

    contributions(path / step<M>(M::kContributionsFieldNumber));

    const auto& requirement = m.balance_requirement();
    const FieldPath requirement_path = path / step<M>(M::kBalanceRequirementFieldNumber);
    paragraphs(requirement.paragraphs(), requirement_path,
               model::BalanceRequirement::descriptor()->FindFieldByNumber(
                   model::BalanceRequirement::kParagraphsFieldNumber));
    lines(requirement.adjustments(), requirement_path,
          model::BalanceRequirement::descriptor()->FindFieldByNumber(
              model::BalanceRequirement::kAdjustmentsFieldNumber));

    const FieldPath staff_path = path / step<M>(M::kStaffFieldNumber);
    paragraphs(m.staff().paragraphs(), staff_path,
               model::Staff::descriptor()->FindFieldByNumber(model::Staff::kParagraphsFieldNumber));
    percent(m.staff().sick_leave_percent(),
            staff_path / step<model::Staff>(model::Staff::kSickLeavePercentFieldNumber), "sick leave");
  }

  void contributions(const FieldPath& path) {
    const auto& contributions = report_.management_report().contributions();
    const auto& organisation = loaded_.document.organisation();
    if (contributions.total() <= 0) {
      add(path, "missing contributions.total (the members' yearly contribution, kronor)");
      return;
    }
    if (contributions.shares_size() > 0) {
      std::set<std::string> seen;
      std::int64_t sum = 0;
      for (int i = 0; i < contributions.shares_size(); ++i) {
        const auto& share = contributions.shares(i);
        const FieldPath share_path =
            path / step<model::Contributions>(model::Contributions::kSharesFieldNumber, i);
        if (!member_exists(share.member()))
          add(share_path, fmt::format("unknown member '{}': not among organisation.members", share.member()));
        else if (!seen.insert(share.member()).second)
          add(share_path, fmt::format("member '{}' has two shares", share.member()));
        if (share.amount() < 0)
          add(share_path, fmt::format("member '{}' has a negative share", share.member()));
        sum += share.amount();
      }
      if (sum != contributions.total())
        add(path, fmt::format("the member shares add up to {}, not to the total {} (difference {})", kr(sum),
                              kr(contributions.total()), kr(sum - contributions.total())));
      return;
    }
    // The composer computes the Finsam split: it needs every party.
    int regions = 0, municipalities = 0, state = 0;
    for (int i = 0; i < organisation.members_size(); ++i) {
      const auto& member = organisation.members(i);
      switch (member.kind()) {
        case model::Member::REGION: ++regions; break;
        case model::Member::MUNICIPALITY:
          ++municipalities;
          if (member.population() <= 0)
            add(FieldPath{step<model::Document>(model::Document::kOrganisationFieldNumber),
                          step<model::Organisation>(model::Organisation::kMembersFieldNumber, i)},
                fmt::format("municipality '{}' has no population: the contributions are split by population",
                            member.name()));
          break;
        case model::Member::FORSAKRINGSKASSAN:
        case model::Member::ARBETSFORMEDLINGEN: ++state; break;
        default: break;
      }
    }
    if (regions == 0 || municipalities == 0 || state == 0)
      add(path,
          "the Finsam split of the contributions needs a region, at least one municipality and "
          "Försäkringskassan or Arbetsförmedlingen among organisation.members (or give shares)");
  }

  bool member_exists(const std::string& id) const { return member_ids_.contains(id); }

  void income_statement(const FieldPath& path) {
    using M = model::IncomeStatement;
    const auto& s = report_.income_statement();
    auto field = [](int number) { return M::descriptor()->FindFieldByNumber(number); };
    if (s.operating_income_size() == 0 && s.operating_expenses_size() == 0)
      add(path, "the income statement has no lines");
    lines(s.operating_income(), path, field(M::kOperatingIncomeFieldNumber));
    lines(s.operating_expenses(), path, field(M::kOperatingExpensesFieldNumber));
    lines(s.financial_items(), path, field(M::kFinancialItemsFieldNumber));
  }

  void balance_sheet(const FieldPath& path) {
    using M = model::BalanceSheet;
    const auto& s = report_.balance_sheet();
    auto groups = [&](const Groups& groups, int number) {
      for (int i = 0; i < groups.size(); ++i) {
        const FieldPath group_path = path / step<M>(number, i);
        if (blank(groups[i].title())) add(group_path, "a balance sheet group without a title");
        lines(groups[i].lines(), group_path,
              model::BalanceGroup::descriptor()->FindFieldByNumber(model::BalanceGroup::kLinesFieldNumber));
      }
    };
    groups(s.assets(), M::kAssetsFieldNumber);
    lines(s.equity(), path, M::descriptor()->FindFieldByNumber(M::kEquityFieldNumber));
    groups(s.liabilities(), M::kLiabilitiesFieldNumber);

    const Amounts assets = sum(s.assets());
    const Amounts equity = sum(s.equity());
    const Amounts claims = equity + sum(s.liabilities());
    if (s.assets_size() == 0) add(path, "the balance sheet has no assets");
    if (assets.amount != claims.amount)
      add(path, fmt::format("the balance sheet does not balance for {}: assets {}, equity and liabilities {} "
                            "(difference {})",
                            report_.year(), kr(assets.amount), kr(claims.amount),
                            kr(assets.amount - claims.amount)));
    if (assets.previous_year != claims.previous_year)
      add(path, fmt::format("the balance sheet does not balance for {}: assets {}, equity and liabilities {} "
                            "(difference {})",
                            report_.year() - 1, kr(assets.previous_year), kr(claims.previous_year),
                            kr(assets.previous_year - claims.previous_year)));
    const std::int64_t change = equity.amount - equity.previous_year;
    if (change != income_.result.amount)
      add(s.equity_size() ? path / step<M>(M::kEquityFieldNumber, 0) : path,
          fmt::format("the year's result {} does not equal the change in equity {} ({} to {})",
                      kr(income_.result.amount), kr(change), kr(equity.previous_year), kr(equity.amount)));
  }

  void cash_flow(const FieldPath& path) {
    using M = model::CashFlowStatement;
    const auto& s = report_.cash_flow_statement();
    auto field = [](int number) { return M::descriptor()->FindFieldByNumber(number); };
    lines(s.operating(), path, field(M::kOperatingFieldNumber));
    lines(s.investing(), path, field(M::kInvestingFieldNumber));
    lines(s.financing(), path, field(M::kFinancingFieldNumber));
    const auto flows = cash_flow_figures(s, income_.result);
    // Last year's closing cash is this year's opening cash.
    if (flows.closing.previous_year != s.opening_cash().amount())
      add(path / step<M>(M::kOpeningCashFieldNumber),
          fmt::format(
              "opening cash {} differs from last year's closing cash {} (last year's opening cash plus "
              "last year's cash flow)",
              kr(s.opening_cash().amount()), kr(flows.closing.previous_year)));
  }

  void notes(const FieldPath&) {
    std::set<std::string> seen;
    for (int i = 0; i < report_.notes_size(); ++i) {
      const auto& note = report_.notes(i);
      const FieldPath note_path = at(AnnualReport::kNotesFieldNumber, i);
      if (note.id().empty())
        add(note_path, "a note without an id");
      else if (!seen.insert(note.id()).second)
        add(note_path, fmt::format("note id '{}' is used twice", note.id()));
      if (blank(note.title())) add(note_path, "a note without a title");
      paragraphs(note.paragraphs(), note_path,
                 model::Note::descriptor()->FindFieldByNumber(model::Note::kParagraphsFieldNumber));
      lines(note.lines(), note_path,
            model::Note::descriptor()->FindFieldByNumber(model::Note::kLinesFieldNumber));
    }
  }

  void signatures(const FieldPath& path) {
    const auto& s = report_.signatures();
    if (s.signatories_size() == 0) add(path, "the report has no signatories (the board members sign it)");
    for (int i = 0; i < s.signatories_size(); ++i) {
      const auto& signatory = s.signatories(i);
      const FieldPath signatory_path =
          path / step<model::ReportSignatures>(model::ReportSignatures::kSignatoriesFieldNumber, i);
      if (blank(signatory.name())) add(signatory_path, "a signatory without a name");
      if (signatory.role() == model::BoardMember::ROLE_UNSPECIFIED)
        add(signatory_path,
            fmt::format("signatory '{}' has no role (CHAIR, FIRST_VICE_CHAIR, SECOND_VICE_CHAIR, "
                        "MEMBER or SUBSTITUTE)",
                        signatory.name()));
      if (!signatory.member().empty() && !member_exists(signatory.member()))
        add(signatory_path / step<model::BoardMember>(model::BoardMember::kMemberFieldNumber),
            fmt::format("unknown member '{}': not among organisation.members", signatory.member()));
    }
  }

  void interventions() {
    for (int i = 0; i < report_.interventions_size(); ++i) {
      const auto& intervention = report_.interventions(i);
      const FieldPath path = at(AnnualReport::kInterventionsFieldNumber, i);
      auto field_at = [&](int number) { return path / step<model::Intervention>(number); };
      if (blank(intervention.name())) add(path, "an intervention without a name");
      const auto first = swedish::parse_date(intervention.period().first_day());
      const auto last = swedish::parse_date(intervention.period().last_day());
      const FieldPath period_path = field_at(model::Intervention::kPeriodFieldNumber);
      if (!first)
        add(period_path / step<model::Period>(model::Period::kFirstDayFieldNumber),
            fmt::format("impossible first day '{}' (expected YYYY-MM-DD)",
                        intervention.period().first_day()));
      if (!last)
        add(period_path / step<model::Period>(model::Period::kLastDayFieldNumber),
            fmt::format("impossible last day '{}' (expected YYYY-MM-DD)", intervention.period().last_day()));
      if (first && last && intervention.period().last_day() < intervention.period().first_day())
        add(period_path, fmt::format("intervention '{}' ends before it starts", intervention.name()));
      if (intervention.budget() < 0 || intervention.outcome() < 0)
        add(path, fmt::format("intervention '{}': budget and outcome are costs, written as positive kronor",
                              intervention.name()));
      if (intervention.finished() > intervention.enrolled())
        add(field_at(model::Intervention::kFinishedFieldNumber),
            fmt::format("intervention '{}': {} participants finished, but only {} were enrolled",
                        intervention.name(), intervention.finished(), intervention.enrolled()));
      if (intervention.moved_on() > intervention.finished())
        add(field_at(model::Intervention::kMovedOnFieldNumber),
            fmt::format(
                "intervention '{}': {} participants moved on to work or studies, but only {} finished",
                intervention.name(), intervention.moved_on(), intervention.finished()));
      paragraphs(
          intervention.description(), path,
          model::Intervention::descriptor()->FindFieldByNumber(model::Intervention::kDescriptionFieldNumber));
    }
  }

  const LoadedDocument& loaded_;
  const AnnualReport& report_;
  const FieldPath root_;
  std::set<std::string> note_ids_;
  std::set<std::string> member_ids_;
  IncomeFigures income_;
  Problems problems_;
};

}  // namespace

Problems validate_annual_report(const LoadedDocument& document) { return ReportValidator(document).run(); }

}  // namespace kansli
