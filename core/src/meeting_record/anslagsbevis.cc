// The anslagsbevis: the notice on the anslagstavla that the protokoll has
// been adjusted, with the appeal period it opens (docs/meeting-life.md
// gives the rule and how the dates are counted).
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <kansli/swedish.hpp>

#include "life_support.hpp"
#include "meeting_life.hpp"

namespace kansli {

namespace {

namespace chr = std::chrono;

chr::sys_days to_days(const swedish::Date& date) {
  return chr::year_month_day{chr::year{date.year}, chr::month{date.month}, chr::day{date.day}};
}

swedish::Date from_days(chr::sys_days days) {
  const chr::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

// Easter Sunday of the Gregorian calendar (the anonymous algorithm,
// Meeus/Jones/Butcher); std::chrono has no ecclesiastical calendar.
chr::sys_days easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25,
            g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4,
            l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451,
            month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return chr::year_month_day{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                             chr::day{static_cast<unsigned>(day)}};
}

// The first `weekday` on or after month/day of `year`.
chr::sys_days weekday_from(int year, unsigned month, unsigned day, chr::weekday weekday) {
  chr::sys_days from = chr::year_month_day{chr::year{year}, chr::month{month}, chr::day{day}};
  return from + (weekday - chr::weekday{from});
}

}  // namespace

// Saturdays, Sundays, the public holidays of lagen (1989:253) om allmänna
// helgdagar, and the eves lagen (1930:173) 2 § names.
bool is_swedish_holiday_or_weekend(const swedish::Date& date) {
  const chr::sys_days day = to_days(date);
  const chr::weekday weekday{day};
  if (weekday == chr::Saturday || weekday == chr::Sunday) return true;
  const unsigned m = date.month, d = date.day;
  // Nyårsdagen, trettondedag jul, första maj, nationaldagen, julafton,
  // juldagen, annandag jul, nyårsafton.
  if ((m == 1 && (d == 1 || d == 6)) || (m == 5 && d == 1) || (m == 6 && d == 6) ||
      (m == 12 && (d == 24 || d == 25 || d == 26 || d == 31)))
    return true;
  const chr::sys_days easter = easter_sunday(date.year);
  // Långfredagen, annandag påsk, Kristi himmelsfärdsdag (påskdagen and
  // pingstdagen are Sundays).
  if (day == easter - chr::days{2} || day == easter + chr::days{1} || day == easter + chr::days{39})
    return true;
  // Midsommarafton: the Friday between 19 and 25 June (midsommardagen and
  // alla helgons dag are Saturdays).
  return day == weekday_from(date.year, 6, 19, chr::Friday);
}

swedish::Date last_day_of_appeal(const swedish::Date& announced) {
  // "inom tre veckor från den dag": the same weekday three weeks later.
  swedish::Date last = from_days(to_days(announced) + chr::weeks{3});
  while (is_swedish_holiday_or_weekend(last)) last = from_days(to_days(last) + chr::days{1});
  return last;
}

void compose_anslagsbevis(const model::Document& document, ir::Document& out) {
  const auto& record = document.meeting_record();
  const auto& anslag = record.anslagsbevis();
  const auto facts = life::meeting_facts(document);
  IrBuilder build(out);
  life::open_document(
      build, out, facts, "anslagsbevis",
      fmt::format("protokoll från {} med {}, {}", facts.meeting_type, facts.body, facts.organisation));
  build.paragraph().add_spans()->set_text(
      "Protokollet är justerat. Justeringen har tillkännagetts genom anslag på anslagstavlan.");

  auto& fields = build.table(ir::Table::FIELDS, {{2, ir::Column::LEFT}, {3, ir::Column::LEFT}});
  IrBuilder::row(fields, {"Organ", facts.body});
  IrBuilder::row(fields, {"Sammanträdesdatum", facts.date});
  std::string adjusted;
  for (const auto& signature : record.electronic_signatures().signatures())
    adjusted = std::max(adjusted, signature.signed_at().substr(0, 10));
  if (!adjusted.empty()) IrBuilder::row(fields, {"Protokollet justerat", adjusted});
  // Validation requires the date; without it (compose of an unvalidated
  // record) the computed rows are left out.
  if (const auto announced = swedish::parse_date(anslag.justering_announced())) {
    const swedish::Date last = last_day_of_appeal(*announced);
    IrBuilder::row(fields, {"Datum då anslaget sätts upp", swedish::format_date_numeric(*announced)});
    IrBuilder::row(fields, {"Sista dag för överklagande", swedish::format_date_numeric(last)});
    IrBuilder::row(fields, {"Datum då anslaget tas ned",
                            swedish::format_date_numeric(from_days(to_days(last) + chr::days{1}))});
  }
  IrBuilder::row(fields, {"Förvaringsplats för protokollet", anslag.kept_at()});

  build.paragraph().add_spans()->set_text(
      "Den som vill överklaga ett beslut i protokollet genom laglighetsprövning enligt 13 kap. "
      "kommunallagen (2017:725) ska ge in överklagandet till förvaltningsrätten inom tre veckor från den "
      "dag då justeringen tillkännagavs på anslagstavlan (13 kap. 5 §). Infaller den sista dagen på en "
      "lördag, söndag eller annan allmän helgdag, midsommarafton, julafton eller nyårsafton, räcker det att "
      "överklagandet kommer in nästa vardag.");

  auto& block = build.signatures("Intygas");
  auto* signatory = block.add_signatories();
  signatory->set_name(anslag.certified_by().name());
  signatory->set_role(life::role_and_organisation(anslag.certified_by()));
  signatory->set_field_name("anslagsbevis-" + swedish::slug(anslag.certified_by().name()));
}

}  // namespace kansli
