// Swedish presentation of dates, times and numbers, as a Swedish office
// writes them, with final typography (docs/typography.md): no-break spaces
// (U+00A0) inside written dates, after "kl." and before "%", narrow
// no-break spaces (U+202F) between digit groups, en dashes in ranges.
// Contract: pure functions of their arguments (reentrant, no locale, no
// clock); parse_* return nullopt for anything that is not a real date or
// time, and the date and time format_* functions expect values they accepted.
#ifndef KANSLI_SWEDISH_HPP
#define KANSLI_SWEDISH_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kansli::swedish {

struct Date {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
};

struct Time {
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
};

// Parses "2026-03-04"; nullopt unless it is a real calendar date.
std::optional<Date> parse_date(std::string_view text);
// Parses "08:00" or "8:00" (24-hour clock); nullopt when impossible.
std::optional<Time> parse_time(std::string_view text);

// "2026-03-04"
std::string format_date_numeric(const Date& date);
// "måndagen den 2 juni 2025"
std::string format_date_written_out(const Date& date);
// "2 juni 2025"
std::string format_date_written_out_without_weekday(const Date& date);
// "8.00"
std::string format_time(const Time& time);
// "kl. 8.00–10.00"; "kl. 8.00" when there is no end.
std::string format_time_span(const std::optional<Time>& start, const std::optional<Time>& end);
// UTC offset of Swedish local time on that date and time: "+01:00" or
// "+02:00" (EU summer time rules).
std::string stockholm_utc_offset(const Date& date, const Time& time);

// Integer with a narrow no-break space (U+202F) between digit groups and a
// true minus sign: 2136 -> "2 136", -221 -> "−221".
// `group_separator` replaces U+202F where the text is no typeset document
// (a diagnostic message).
std::string format_integer(std::int64_t value, std::string_view group_separator = "\u202F");
// Kronor (not thousands) in thousands, rounded half away from zero:
// 2135600 -> "2 136". An amount already rounded to thousands is printed
// with format_integer.
std::string format_tkr_from_kronor(std::int64_t kronor);
// Kronor in millions with one decimal and a decimal comma: 11 700 000 -> "11,7".
std::string format_mkr(std::int64_t kronor);
// A percentage with a decimal comma when needed and a no-break space before
// the sign: 23 -> "23 %", 7.5 -> "7,5 %".
std::string format_percent(double value, int decimals = 0);

// "Protokoll" from "protokoll": first letter upper case (UTF-8 aware for å ä ö).
std::string capitalize(std::string_view text);
// "omsättningstillgångar" from "Omsättningstillgångar": first letter lower case.
std::string lower_first(std::string_view text);
// A name for identifiers: "Helena Koch" -> "helena-koch", å ä -> a, ö -> o.
std::string slug(std::string_view text);

}  // namespace kansli::swedish

#endif
