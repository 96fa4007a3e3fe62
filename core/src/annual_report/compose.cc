#include "annual_report.hpp"
#include "figures.hpp"

#include "../compose_support/inline_text.hpp"
#include "../compose_support/ir_builder.hpp"

#include <kansli/swedish.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace kansli {

namespace {

using namespace annual_report;
using model::AnnualReport;
using Align = ir::Column::Align;
using Texts = google::protobuf::RepeatedPtrField<std::string>;

constexpr std::int64_t kTkr = 1000;

std::int64_t pick(const Amounts& a, int column) {
  return column == 0 ? a.amount : column == 1 ? a.budget : a.previous_year;
}

std::vector<std::int64_t> column_of(const Lines& lines, int column) {
  std::vector<std::int64_t> out;
  for (const auto& line : lines) out.push_back(pick(amounts(line), column));
  return out;
}

// Rounds the amounts of one table to tkr so that every printed sum equals
// the sum of its printed parts, and remembers whether that moved any amount
// away from its plain rounding (then the table carries a note).
class Rounder {
 public:
  std::int64_t total(std::int64_t exact) const { return round_units(exact, kTkr); }
  std::vector<std::int64_t> parts(const std::vector<std::int64_t>& exact, std::int64_t target) {
    auto rounded = round_to_target(exact, kTkr, target);
    for (size_t i = 0; i < exact.size(); ++i) adjusted_ = adjusted_ || rounded[i] != round_units(exact[i], kTkr);
    return rounded;
  }
  bool adjusted() const { return adjusted_; }

 private:
  bool adjusted_ = false;
};

// The printed rows of a table whose sums are computed: label, note, one
// value per amount column, in thousands (tkr) already rounded.
struct PrintedRow {
  ir::Row::Kind kind = ir::Row::BODY;
  std::string label;
  std::string note;
  std::vector<std::int64_t> values;
  // How many groups the row lies inside (ir::Row::group_depth).
  unsigned depth = 0;
};

// Rows from `first` on lie inside `depth` groups.
void nest(std::vector<PrintedRow>& rows, size_t first, unsigned depth) {
  for (size_t i = first; i < rows.size(); ++i) rows[i].depth = depth;
}

class ReportComposer : private IrBuilder {
 public:
  ReportComposer(const model::Document& source, ir::Document& out)
      : IrBuilder(out),
        source_(source), report_(source.annual_report()), out_(out), year_(report_.year()) {
    for (int i = 0; i < report_.notes_size(); ++i) note_numbers_[report_.notes(i).id()] = static_cast<unsigned>(i) + 1;
    income_ = income_figures(report_.income_statement());
    equity_ = sum(report_.balance_sheet().equity());
  }

  void compose() {
    title_page();
    management_report();
    income_statement();
    balance_sheet();
    cash_flow_statement();
    notes();
    signatures();
    attachments();
  }

 private:
  // ---- IR mechanics -------------------------------------------------------


  // A heading listed in the table of contents, anchored by its slug.
  ir::Heading& section(unsigned level, std::string_view text) {
    return heading(level, text, {}, swedish::slug(text));
  }

  ir::Paragraph& paragraph(std::string_view text = {}, ir::Paragraph::Style style = ir::Paragraph::NORMAL) {
    auto& paragraph = IrBuilder::paragraph(style);
    if (!text.empty()) plain(text, *paragraph.mutable_spans());
    return paragraph;
  }

  // "Label: text" with a bold label.
  ir::Paragraph& labelled(std::string_view label, std::string_view text) {
    auto& p = paragraph();
    auto* span = p.add_spans();
    span->set_text(fmt::format("{}: ", label));
    span->set_bold(true);
    p.add_spans()->set_text(std::string(text));
    return p;
  }

  // Inline paragraphs; footnotes were rejected by validation.
  void paragraphs(const Texts& texts) {
    for (const auto& text : texts) inline_paragraph(text);
  }
  void inline_paragraph(const std::string& text) {
    if (text.empty()) return;
    auto& p = paragraph();
    append_inline(text, [](const std::string&) { return 0u; }, *p.mutable_spans());
  }


  static void row(ir::Table& table, ir::Row::Kind kind, const std::vector<std::string>& cells) {
    IrBuilder::row(table, cells, kind);
  }

  // A group heading row spanning the whole table.
  static void group(ir::Table& table, std::string_view text, unsigned depth) {
    auto* row = table.add_rows();
    row->set_kind(ir::Row::GROUP);
    row->set_group_depth(depth);
    auto* cell = row->add_cells();
    cell->add_spans()->set_text(std::string(text));
    cell->set_column_span(static_cast<unsigned>(table.columns_size()));
  }

  // A financial table: label, note, then one tkr column per value.
  void financial_rows(ir::Table& table, const std::vector<PrintedRow>& rows) {
    for (const auto& printed : rows) {
      if (printed.kind == ir::Row::GROUP) {
        group(table, printed.label, printed.depth);
        continue;
      }
      std::vector<std::string> cells{printed.label, printed.note};
      for (auto value : printed.values) cells.push_back(swedish::format_integer(value));
      IrBuilder::row(table, cells, printed.kind).set_group_depth(printed.depth);
    }
  }

  void rounding_note(const Rounder& rounder) {
    if (rounder.adjusted())
      paragraph("Beloppen är avrundade till tkr så att summorna stämmer; ett enskilt belopp kan därför "
                "avvika med 1 tkr från samma belopp avrundat på annat ställe i rapporten.",
                ir::Paragraph::NOTE);
  }

  std::string note_of(const model::StatementLine& line) const {
    auto it = note_numbers_.find(line.note());
    return line.note().empty() || it == note_numbers_.end() ? std::string{} : std::to_string(it->second);
  }

  // Rows of `lines` with their values per column, each column rounded to
  // add up to `targets[column]`.
  void line_rows(const Lines& lines, const std::vector<int>& columns, const std::vector<std::int64_t>& targets,
                 Rounder& rounder, std::vector<PrintedRow>& out) {
    std::vector<std::vector<std::int64_t>> rounded;
    for (size_t c = 0; c < columns.size(); ++c) rounded.push_back(rounder.parts(column_of(lines, columns[c]), targets[c]));
    for (int i = 0; i < lines.size(); ++i) {
      PrintedRow printed{ir::Row::BODY, lines[i].label(), note_of(lines[i]), {}};
      for (size_t c = 0; c < columns.size(); ++c) printed.values.push_back(rounded[c][static_cast<size_t>(i)]);
      out.push_back(std::move(printed));
    }
  }

  // ---- Document parts -----------------------------------------------------

  std::string year_label() const { return fmt::format("Årsredovisning {}", year_); }

  void title_page() {
    const auto& organisation = source_.organisation();
    auto* metadata = out_.mutable_metadata();
    metadata->set_title(fmt::format("{}, {}", year_label(), organisation.name()));
    metadata->set_subject(fmt::format("Årsredovisning för räkenskapsåret {}", year_));
    metadata->set_author(organisation.name());
    metadata->set_language("sv-SE");
    metadata->set_document_kind("arsredovisning");
    metadata->add_keywords("årsredovisning");
    metadata->add_keywords(std::to_string(year_));
    if (const auto date = swedish::parse_date(report_.date()))
      metadata->set_created(fmt::format("{}T00:00:00{}", swedish::format_date_numeric(*date),
                                        swedish::stockholm_utc_offset(*date, {})));
    auto* furniture = out_.mutable_furniture();
    furniture->set_header_left(organisation.name());
    furniture->set_header_right(year_label());
    furniture->set_footer_page_label("Sida {page} av {pages}");

    heading(0, year_label());
    paragraph(organisation.name(), ir::Paragraph::SUBTITLE);
    auto& fields = table(ir::Table::FIELDS, {{2, ir::Column::LEFT}, {5, ir::Column::LEFT}});
    row(fields, ir::Row::BODY, {"Räkenskapsår", fmt::format("{}-01-01 \u2013 {}-12-31", year_, year_)});
    if (const auto date = swedish::parse_date(report_.date()))
      row(fields, ir::Row::BODY, {"Godkänd av styrelsen", swedish::format_date_numeric(*date)});
    out_.add_blocks()->mutable_table_of_contents()->set_title("Innehåll");
    page_break();
  }

  void management_report() {
    const auto& m = report_.management_report();
    section(1, "Förvaltningsberättelse");

    section(2, "Översikt över verksamheten");
    paragraphs(m.overview());
    five_year_overview();

    section(2, "Händelser av väsentlig betydelse");
    paragraphs(m.significant_events());

    section(2, "Mål och måluppfyllelse");
    for (const auto& goal : m.goals()) {
      heading(3, goal.title());
      auto& status = paragraph();
      auto* label = status.add_spans();
      label->set_text("Måluppfyllelse: ");
      label->set_bold(true);
      status.add_spans()->set_text(fulfilment(goal.fulfilment()));
      inline_paragraph(goal.assessment());
      if (goal.indicators_size() > 0) {
        auto& t = table(ir::Table::DATA, {{6, ir::Column::LEFT}, {1, ir::Column::DECIMAL}, {1, ir::Column::DECIMAL}});
        t.set_row_header_columns(1);
        row(t, ir::Row::HEADER, {"Indikator", "Mål", "Utfall"});
        for (const auto& indicator : goal.indicators())
          row(t, ir::Row::BODY, {indicator.description(), percent(indicator.target_percent()),
                                 percent(indicator.outcome_percent())});
      }
    }

    section(2, "Insatser");
    paragraphs(m.interventions_overview());
    interventions_summary();

    section(2, "Ekonomisk ställning");
    paragraphs(m.financial_position());
    financial_summary();
    contributions();

    section(2, "Balanskravsresultat");
    balance_requirement();

    section(2, "Personal");
    paragraphs(m.staff().paragraphs());
    auto& staff = table(ir::Table::FIELDS, {{3, ir::Column::LEFT}, {2, ir::Column::DECIMAL}});
    row(staff, ir::Row::BODY, {"Anställda vid årets slut", swedish::format_integer(m.staff().employees())});
    const auto fte = m.staff().full_time_equivalents_tenths();
    row(staff, ir::Row::BODY, {"Årsarbetare", fmt::format("{},{}", swedish::format_integer(fte / 10), fte % 10)});
    row(staff, ir::Row::BODY, {"Sjukfrånvaro", percent(m.staff().sick_leave_percent())});

    section(2, "Förväntad utveckling");
    paragraphs(m.outlook());
  }

  static std::string fulfilment(model::Goal::Fulfilment value) {
    switch (value) {
      case model::Goal::MET: return "Uppfyllt";
      case model::Goal::PARTLY_MET: return "Delvis uppfyllt";
      case model::Goal::NOT_MET: return "Ej uppfyllt";
      default: return "Ej bedömt";
    }
  }

  // "47 %", "7,5 %": one decimal only when the value has one.
  static std::string percent(double value) {
    const bool whole = std::isfinite(value) && std::floor(value) == value;
    return swedish::format_percent(value, whole ? 0 : 1);
  }

  std::int64_t enrolled_total() const {
    std::int64_t total = 0;
    for (const auto& intervention : report_.interventions()) total += intervention.enrolled();
    return total;
  }

  void five_year_overview() {
    const auto& years = report_.management_report().five_year_overview();
    heading(3, "Femårsöversikt");
    std::vector<std::pair<unsigned, Align>> columns{{5, ir::Column::LEFT}};
    for (int i = 0; i <= years.size(); ++i) columns.push_back({2, ir::Column::DECIMAL});
    auto& t = table(ir::Table::FINANCIAL, columns);
    std::vector<std::string> header{"Nyckeltal"};
    for (const auto& figures : years) header.push_back(std::to_string(figures.year()));
    header.push_back(std::to_string(year_));
    t.set_row_header_columns(1);
    row(t, ir::Row::HEADER, header);
    auto figure_row = [&](std::string label, auto earlier, std::int64_t current, bool in_tkr) {
      std::vector<std::string> cells{std::move(label)};
      for (const auto& figures : years)
        cells.push_back(in_tkr ? swedish::format_tkr_from_kronor(earlier(figures)) : swedish::format_integer(earlier(figures)));
      cells.push_back(in_tkr ? swedish::format_tkr_from_kronor(current) : swedish::format_integer(current));
      row(t, ir::Row::BODY, cells);
    };
    figure_row("Medlemsavgifter, tkr", [](const auto& f) { return f.contributions(); },
               report_.management_report().contributions().total(), true);
    figure_row("Årets resultat, tkr", [](const auto& f) { return f.result(); }, income_.result.amount, true);
    figure_row("Eget kapital, tkr", [](const auto& f) { return f.equity(); }, equity_.amount, true);
    figure_row("Antal insatser", [](const auto& f) { return static_cast<std::int64_t>(f.interventions()); },
               report_.interventions_size(), false);
    figure_row("Inskrivna deltagare", [](const auto& f) { return static_cast<std::int64_t>(f.participants_enrolled()); },
               enrolled_total(), false);
  }

  void interventions_summary() {
    if (report_.interventions_size() == 0) return;
    auto& t = table(ir::Table::DATA, {{5, ir::Column::LEFT}, {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL},
                                      {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL}});
    t.set_row_header_columns(1);
    row(t, ir::Row::HEADER,
        {"Insats", fmt::format("Budget {}, tkr", year_), fmt::format("Utfall {}, tkr", year_), "Inskrivna",
         "Avslutade", "Till arbete eller studier"});
    std::vector<std::int64_t> budgets, outcomes;
    std::int64_t budget = 0, outcome = 0, enrolled = 0, finished = 0, moved_on = 0;
    for (const auto& intervention : report_.interventions()) {
      budgets.push_back(intervention.budget());
      outcomes.push_back(intervention.outcome());
      budget += intervention.budget();
      outcome += intervention.outcome();
      enrolled += intervention.enrolled();
      finished += intervention.finished();
      moved_on += intervention.moved_on();
    }
    Rounder rounder;
    const auto budgets_tkr = rounder.parts(budgets, rounder.total(budget));
    const auto outcomes_tkr = rounder.parts(outcomes, rounder.total(outcome));
    for (int i = 0; i < report_.interventions_size(); ++i) {
      const auto& intervention = report_.interventions(i);
      const auto k = static_cast<size_t>(i);
      row(t, ir::Row::BODY,
          {intervention.name(), swedish::format_integer(budgets_tkr[k]), swedish::format_integer(outcomes_tkr[k]), swedish::format_integer(intervention.enrolled()),
           swedish::format_integer(intervention.finished()), swedish::format_integer(intervention.moved_on())});
    }
    row(t, ir::Row::TOTAL,
        {"Summa", swedish::format_integer(rounder.total(budget)), swedish::format_integer(rounder.total(outcome)), swedish::format_integer(enrolled),
         swedish::format_integer(finished), swedish::format_integer(moved_on)});
    rounding_note(rounder);
    paragraph("Varje insats redovisas i Bilaga 1 Insatsredovisning.");
  }

  void financial_summary() {
    const auto& result = income_.result;
    const std::int64_t difference = result.amount - result.budget;
    std::string text = fmt::format("Årets resultat uppgår till {} tkr, vilket är {} tkr {} än det budgeterade "
                                   "resultatet på {} tkr. Föregående års resultat var {} tkr.",
                                   swedish::format_tkr_from_kronor(result.amount), swedish::format_tkr_from_kronor(std::llabs(difference)),
                                   difference >= 0 ? "högre" : "lägre", swedish::format_tkr_from_kronor(result.budget),
                                   swedish::format_tkr_from_kronor(result.previous_year));
    text += fmt::format(" Det egna kapitalet uppgår vid årets slut till {} mkr.", swedish::format_mkr(equity_.amount));
    const std::int64_t costs = -income_.expenses.amount;
    if (income_.overhead > 0 && costs > 0)
      text += fmt::format(" De förbundsgemensamma kostnaderna (overhead) uppgår till {} mkr, vilket motsvarar {} av "
                          "verksamhetens kostnader.",
                          swedish::format_mkr(income_.overhead),
                          swedish::format_percent(100.0 * static_cast<double>(income_.overhead) / static_cast<double>(costs)));
    paragraph(text);
  }

  void contributions() {
    const auto& contributions = report_.management_report().contributions();
    const auto shares = contribution_shares(contributions, source_.organisation());
    heading(3, "Medlemsavgifter");
    paragraph(fmt::format(
        "Medlemmarnas avgifter uppgår till {} mkr. Enligt lagen (2003:1210) om finansiell samordning av "
        "rehabiliteringsinsatser betalar staten genom Försäkringskassan och Arbetsförmedlingen hälften, "
        "regionen en fjärdedel och kommunerna en fjärdedel, fördelad efter folkmängd.",
        swedish::format_mkr(contributions.total())));
    auto& t = table(ir::Table::FINANCIAL, {{6, ir::Column::LEFT}, {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL}});
    t.set_row_header_columns(1);
    row(t, ir::Row::HEADER, {"Medlem", "Andel", "Belopp, tkr"});
    std::vector<std::int64_t> amounts, per_mille;
    for (const auto& share : shares) {
      amounts.push_back(share.amount);
      // Tenths of a percent, scaled so that round_to_target can spread them.
      per_mille.push_back(share.amount * 1000);
    }
    Rounder rounder;
    const auto amounts_tkr = rounder.parts(amounts, rounder.total(contributions.total()));
    const auto tenths = round_to_target(per_mille, contributions.total(), 1000);
    for (size_t i = 0; i < shares.size(); ++i)
      row(t, ir::Row::BODY, {shares[i].label, swedish::format_percent(static_cast<double>(tenths[i]) / 10.0, 1),
                             swedish::format_integer(amounts_tkr[i])});
    row(t, ir::Row::TOTAL,
        {"Summa medlemsavgifter", swedish::format_percent(100.0, 1), swedish::format_integer(rounder.total(contributions.total()))});
    rounding_note(rounder);
  }

  void balance_requirement() {
    const auto& requirement = report_.management_report().balance_requirement();
    paragraphs(requirement.paragraphs());
    auto& t = table(ir::Table::FINANCIAL, {{6, ir::Column::LEFT}, {1, ir::Column::CENTER}, {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL}});
    row(t, ir::Row::HEADER, {"Belopp i tkr", "Not", std::to_string(year_), std::to_string(year_ - 1)});
    Rounder rounder;
    const std::vector<int> columns{0, 2};
    std::vector<PrintedRow> rows;
    std::vector<std::int64_t> targets;
    std::vector<std::vector<std::int64_t>> top;
    for (int c : columns) {
      const std::int64_t result = pick(income_.result, c);
      const std::int64_t adjustments = pick(sum(requirement.adjustments()), c);
      const std::int64_t total = rounder.total(result + adjustments);
      top.push_back(rounder.parts({result, adjustments}, total));
      targets.push_back(top.back()[1]);
    }
    rows.push_back({ir::Row::BODY, "Årets resultat enligt resultaträkningen", {}, {top[0][0], top[1][0]}});
    line_rows(requirement.adjustments(), columns, targets, rounder, rows);
    rows.push_back({ir::Row::TOTAL, "Årets balanskravsresultat", {}, {top[0][0] + top[0][1], top[1][0] + top[1][1]}});
    financial_rows(t, rows);
    rounding_note(rounder);
  }

  void income_statement() {
    const auto& s = report_.income_statement();
    page_break();
    section(1, "Resultaträkning");
    auto& t = table(ir::Table::FINANCIAL, {{6, ir::Column::LEFT}, {1, ir::Column::CENTER}, {2, ir::Column::DECIMAL},
                                           {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL}});
    row(t, ir::Row::HEADER, {"Belopp i tkr", "Not", fmt::format("Utfall {}", year_), fmt::format("Budget {}", year_),
                             fmt::format("Utfall {}", year_ - 1)});
    const std::vector<int> columns{0, 1, 2};
    Rounder rounder;
    // Per column: [income, expenses, financial lines...] rounded to the result.
    std::vector<std::int64_t> income, expenses, financial_targets, results;
    for (int c : columns) {
      const std::int64_t result = rounder.total(pick(income_.result, c));
      const auto top = rounder.parts({pick(income_.income, c), pick(income_.expenses, c), pick(income_.financial, c)}, result);
      income.push_back(top[0]);
      expenses.push_back(top[1]);
      financial_targets.push_back(top[2]);
      results.push_back(result);
    }
    std::vector<PrintedRow> rows;
    rows.push_back({ir::Row::GROUP, "Verksamhetens intäkter", {}, {}});
    line_rows(s.operating_income(), columns, income, rounder, rows);
    rows.push_back({ir::Row::SUBTOTAL, "Summa verksamhetens intäkter", {}, income});
    rows.push_back({ir::Row::GROUP, "Verksamhetens kostnader", {}, {}});
    line_rows(s.operating_expenses(), columns, expenses, rounder, rows);
    rows.push_back({ir::Row::SUBTOTAL, "Summa verksamhetens kostnader", {}, expenses});
    nest(rows, 0, 1);
    std::vector<std::int64_t> operating;
    for (size_t c = 0; c < columns.size(); ++c) operating.push_back(income[c] + expenses[c]);
    rows.push_back({ir::Row::SUBTOTAL, "Verksamhetens resultat", {}, operating});
    if (s.financial_items_size() > 0) {
      const size_t first = rows.size();
      rows.push_back({ir::Row::GROUP, "Finansiella poster", {}, {}});
      line_rows(s.financial_items(), columns, financial_targets, rounder, rows);
      nest(rows, first, 1);
    }
    rows.push_back({ir::Row::TOTAL, "Årets resultat", {}, results});
    financial_rows(t, rows);
    rounding_note(rounder);
  }

  // One side of the balance sheet: groups of lines (and the equity lines
  // first on the claims side), rounded to the side's total.
  void balance_side(const std::vector<std::pair<std::string, const Lines*>>& groups, const std::string& total_label,
                    Rounder& rounder, std::vector<PrintedRow>& rows) {
    const std::vector<int> columns{0, 2};
    std::vector<std::vector<std::int64_t>> group_totals(columns.size());
    std::vector<std::int64_t> totals;
    for (size_t c = 0; c < columns.size(); ++c) {
      std::vector<std::int64_t> exact;
      for (const auto& group : groups) exact.push_back(pick(sum(*group.second), columns[c]));
      std::int64_t all = 0;
      for (auto value : exact) all += value;
      totals.push_back(rounder.total(all));
      group_totals[c] = rounder.parts(exact, totals.back());
    }
    // The side is a group of depth 1 (its GROUP row is added by the caller),
    // each of its groups one of depth 2.
    const size_t first = rows.size();
    for (size_t g = 0; g < groups.size(); ++g) {
      rows.push_back({ir::Row::GROUP, groups[g].first, {}, {}});
      std::vector<std::int64_t> targets{group_totals[0][g], group_totals[1][g]};
      line_rows(*groups[g].second, columns, targets, rounder, rows);
      rows.push_back({ir::Row::SUBTOTAL, "Summa " + swedish::lower_first(groups[g].first), {}, targets});
    }
    nest(rows, first, 2);
    rows.push_back({ir::Row::TOTAL, total_label, {}, totals});
    rows.back().depth = 1;
  }

  void balance_sheet() {
    const auto& s = report_.balance_sheet();
    page_break();
    section(1, "Balansräkning");
    auto& t = table(ir::Table::FINANCIAL, {{6, ir::Column::LEFT}, {1, ir::Column::CENTER}, {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL}});
    row(t, ir::Row::HEADER, {"Belopp i tkr", "Not", fmt::format("{}-12-31", year_), fmt::format("{}-12-31", year_ - 1)});
    Rounder rounder;
    std::vector<PrintedRow> rows;
    std::vector<std::pair<std::string, const Lines*>> assets, claims;
    for (const auto& group : s.assets()) assets.emplace_back(group.title(), &group.lines());
    claims.emplace_back("Eget kapital", &s.equity());
    for (const auto& group : s.liabilities()) claims.emplace_back(group.title(), &group.lines());
    balance_side(assets, "Summa tillgångar", rounder, rows);
    balance_side(claims, "Summa eget kapital och skulder", rounder, rows);
    // Each side opens with its own heading row.
    rows.insert(rows.begin(), {ir::Row::GROUP, "Tillgångar", {}, {}});
    rows.front().depth = 1;
    const auto claims_start = std::find_if(rows.begin() + 1, rows.end(),
                                           [](const PrintedRow& r) { return r.kind == ir::Row::TOTAL; });
    rows.insert(claims_start + 1, {ir::Row::GROUP, "Eget kapital och skulder", {}, {}})->depth = 1;
    financial_rows(t, rows);
    rounding_note(rounder);
  }

  void cash_flow_statement() {
    const auto& s = report_.cash_flow_statement();
    const auto flows = cash_flow_figures(s, income_.result);
    page_break();
    section(1, "Kassaflödesanalys");
    auto& t = table(ir::Table::FINANCIAL, {{6, ir::Column::LEFT}, {1, ir::Column::CENTER}, {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL}});
    row(t, ir::Row::HEADER, {"Belopp i tkr", "Not", std::to_string(year_), std::to_string(year_ - 1)});
    const std::vector<int> columns{0, 2};
    Rounder rounder;
    // Per column: closing = opening + operating + investing + financing;
    // operating = result + adjustments.
    std::vector<std::vector<std::int64_t>> top, operating;
    std::vector<std::int64_t> closing;
    for (int c : columns) {
      const Amounts opening{s.opening_cash().amount(), 0, s.opening_cash().previous_year()};
      closing.push_back(rounder.total(pick(flows.closing, c)));
      top.push_back(rounder.parts({pick(opening, c), pick(flows.operating, c), pick(flows.investing, c),
                                   pick(flows.financing, c)}, closing.back()));
      operating.push_back(rounder.parts({pick(income_.result, c), pick(sum(s.operating()), c)}, top.back()[1]));
    }
    auto both = [&](auto get) { return std::vector<std::int64_t>{get(0), get(1)}; };
    std::vector<PrintedRow> rows;
    rows.push_back({ir::Row::GROUP, "Den löpande verksamheten", {}, {}});
    rows.push_back({ir::Row::BODY, "Årets resultat", {}, both([&](int c) { return operating[c][0]; })});
    line_rows(s.operating(), columns, both([&](int c) { return operating[c][1]; }), rounder, rows);
    rows.push_back({ir::Row::SUBTOTAL, "Kassaflöde från den löpande verksamheten", {}, both([&](int c) { return top[c][1]; })});
    rows.push_back({ir::Row::GROUP, "Investeringsverksamheten", {}, {}});
    line_rows(s.investing(), columns, both([&](int c) { return top[c][2]; }), rounder, rows);
    rows.push_back({ir::Row::SUBTOTAL, "Kassaflöde från investeringsverksamheten", {}, both([&](int c) { return top[c][2]; })});
    rows.push_back({ir::Row::GROUP, "Finansieringsverksamheten", {}, {}});
    line_rows(s.financing(), columns, both([&](int c) { return top[c][3]; }), rounder, rows);
    rows.push_back({ir::Row::SUBTOTAL, "Kassaflöde från finansieringsverksamheten", {}, both([&](int c) { return top[c][3]; })});
    nest(rows, 0, 1);
    rows.push_back({ir::Row::SUBTOTAL, "Årets kassaflöde", {},
                    both([&](int c) { return top[c][1] + top[c][2] + top[c][3]; })});
    rows.push_back({ir::Row::BODY, "Likvida medel vid årets början", {}, both([&](int c) { return top[c][0]; })});
    rows.push_back({ir::Row::TOTAL, "Likvida medel vid årets slut", {}, closing});
    financial_rows(t, rows);
    rounding_note(rounder);
  }

  void notes() {
    if (report_.notes_size() == 0) return;
    section(1, "Noter");
    for (int i = 0; i < report_.notes_size(); ++i) {
      const auto& note = report_.notes(i);
      heading(2, note.title(), fmt::format("Not {}", i + 1), fmt::format("not-{}", i + 1), ir::Heading::NOTE)
          .set_in_toc(false);
      paragraphs(note.paragraphs());
      if (note.lines_size() == 0) continue;
      auto& t = table(ir::Table::FINANCIAL, {{6, ir::Column::LEFT}, {2, ir::Column::DECIMAL}, {2, ir::Column::DECIMAL}});
      row(t, ir::Row::HEADER, {"Belopp i tkr", std::to_string(year_), std::to_string(year_ - 1)});
      Rounder rounder;
      const Amounts total = sum(note.lines());
      const std::vector<std::int64_t> totals{rounder.total(total.amount), rounder.total(total.previous_year)};
      std::vector<PrintedRow> rows;
      line_rows(note.lines(), {0, 2}, totals, rounder, rows);
      rows.push_back({ir::Row::TOTAL, "Summa", {}, totals});
      // Notes have no note column.
      for (const auto& printed : rows) {
        std::vector<std::string> cells{printed.label};
        for (auto value : printed.values) cells.push_back(swedish::format_integer(value));
        row(t, printed.kind, cells);
      }
      rounding_note(rounder);
    }
  }

  void signatures() {
    const auto& s = report_.signatures();
    section(1, "Underskrifter");
    std::string line = s.place();
    if (const auto date = swedish::parse_date(report_.date()))
      line += (line.empty() ? "" : " ") + swedish::format_date_numeric(*date);
    if (!line.empty()) paragraph(line);
    auto* block = out_.add_blocks()->mutable_signatures();
    block->set_label("Styrelsen");
    int n = 0;
    for (const auto& member : s.signatories()) {
      auto* signatory = block->add_signatories();
      signatory->set_name(member.name());
      std::string role = board_role(member.role());
      for (const auto& organisation : source_.organisation().members())
        if (organisation.id() == member.member()) role += (role.empty() ? "" : ", ") + organisation.name();
      signatory->set_role(role);
      signatory->set_field_name(fmt::format("underskrift-{}-{}", ++n, swedish::slug(member.name())));
    }
  }

  static std::string board_role(model::BoardMember::Role role) {
    switch (role) {
      case model::BoardMember::CHAIR: return "Ordförande";
      case model::BoardMember::FIRST_VICE_CHAIR: return "Första vice ordförande";
      case model::BoardMember::SECOND_VICE_CHAIR: return "Andra vice ordförande";
      case model::BoardMember::MEMBER: return "Ledamot";
      case model::BoardMember::SUBSTITUTE: return "Ersättare";
      default: return {};
    }
  }

  void attachments() {
    if (report_.interventions_size() == 0) return;
    page_break();
    heading(1, "Insatsredovisning", "Bilaga 1", "bilaga-1", ir::Heading::APPENDIX);
    paragraph(fmt::format("Redovisning av de insatser som förbundet finansierat under {}. Deltagarantalen avser "
                          "hela insatsperioden till och med {}-12-31.", year_, year_));
    for (const auto& intervention : report_.interventions()) {
      heading(2, intervention.name());
      auto& t = table(ir::Table::FIELDS, {{3, ir::Column::LEFT}, {4, ir::Column::LEFT}});
      if (!intervention.owner().empty()) row(t, ir::Row::BODY, {"Ägare", intervention.owner()});
      row(t, ir::Row::BODY, {"Period", fmt::format("{} \u2013 {}", intervention.period().first_day(),
                                                   intervention.period().last_day())});
      row(t, ir::Row::BODY, {fmt::format("Budget {}", year_), swedish::format_tkr_from_kronor(intervention.budget()) + " tkr"});
      row(t, ir::Row::BODY, {fmt::format("Utfall {}", year_), swedish::format_tkr_from_kronor(intervention.outcome()) + " tkr"});
      row(t, ir::Row::BODY, {"Avvikelse mot budget",
                             swedish::format_tkr_from_kronor(intervention.budget() - intervention.outcome()) + " tkr"});
      row(t, ir::Row::BODY, {"Inskrivna deltagare", swedish::format_integer(intervention.enrolled())});
      row(t, ir::Row::BODY, {"Avslutade deltagare", swedish::format_integer(intervention.finished())});
      row(t, ir::Row::BODY, {"Vidare till arbete eller studier", swedish::format_integer(intervention.moved_on())});
      if (intervention.finished() > 0)
        row(t, ir::Row::BODY,
            {"Andel av de avslutade som gått vidare",
             swedish::format_percent(100.0 * intervention.moved_on() / intervention.finished())});
      paragraphs(intervention.description());
    }
  }

  const model::Document& source_;
  const AnnualReport& report_;
  ir::Document& out_;
  const unsigned year_;
  std::map<std::string, unsigned> note_numbers_;
  IncomeFigures income_;
  Amounts equity_;
};

}  // namespace

Problems compose_annual_report(const model::Document& document, const ComposeOptions& options, ir::Document& out) {
  if (!options.extract_items.empty())
    return {{{}, 0, 0, {}, "an extract (protokollsutdrag) can only be made from a protokoll, not from an annual report"}};
  ReportComposer(document, out).compose();
  return {};
}

}  // namespace kansli
