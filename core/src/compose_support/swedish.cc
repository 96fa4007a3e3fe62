#include <fmt/core.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <kansli/swedish.hpp>

#include "../utf8.hpp"
#include "typography.hpp"

namespace kansli::swedish {

namespace {

bool parse_unsigned(std::string_view text, unsigned& value) {
  if (text.empty() || text.size() > 4) return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return true;
}

// std::chrono::weekday: 0 = Sunday. The definite form used in dates.
constexpr std::array<const char*, 7> kWeekdaysDefinite = {"söndagen",  "måndagen", "tisdagen", "onsdagen",
                                                          "torsdagen", "fredagen", "lördagen"};

std::chrono::year_month_day to_ymd(const Date& date) {
  return std::chrono::year_month_day{std::chrono::year{date.year}, std::chrono::month{date.month},
                                     std::chrono::day{date.day}};
}

// Day of month of the last Sunday of `month` in `year`.
unsigned last_sunday(int year, unsigned month) {
  using namespace std::chrono;
  const year_month_day_last last{
      year_month_day_last{std::chrono::year{year}, month_day_last{std::chrono::month{month}}}};
  const weekday wd{sys_days{last}};
  return static_cast<unsigned>(last.day()) - wd.c_encoding();
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  unsigned y = 0, m = 0, d = 0;
  if (!parse_unsigned(text.substr(0, 4), y) || !parse_unsigned(text.substr(5, 2), m) ||
      !parse_unsigned(text.substr(8, 2), d))
    return std::nullopt;
  Date date{static_cast<int>(y), m, d};
  if (!to_ymd(date).ok()) return std::nullopt;
  return date;
}

std::optional<Time> parse_time(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  unsigned h = 0, m = 0;
  if (!parse_unsigned(text.substr(0, colon), h) || text.size() - colon - 1 != 2 ||
      !parse_unsigned(text.substr(colon + 1), m))
    return std::nullopt;
  if (h > 23 || m > 59) return std::nullopt;
  return Time{h, m, 0};
}

std::string format_date_numeric(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string format_date_written_out_without_weekday(const Date& date) {
  return fmt::format("{}{}{}{}{}", date.day, typography::kNoBreakSpace, typography::kMonths[date.month - 1],
                     typography::kNoBreakSpace, date.year);
}

std::string format_date_written_out(const Date& date) {
  const std::chrono::weekday wd{std::chrono::sys_days{to_ymd(date)}};
  return fmt::format("{} den {}", kWeekdaysDefinite[wd.c_encoding()],
                     format_date_written_out_without_weekday(date));
}

std::string format_time(const Time& time) { return fmt::format("{}.{:02}", time.hour, time.minute); }

std::string format_time_span(const std::optional<Time>& start, const std::optional<Time>& end) {
  if (!start) return {};
  if (!end) return fmt::format("kl.{}{}", typography::kNoBreakSpace, format_time(*start));
  return fmt::format("kl.{}{}{}{}", typography::kNoBreakSpace, format_time(*start), typography::kEnDash,
                     format_time(*end));
}

std::string stockholm_utc_offset(const Date& date, const Time& time) {
  // Summer time from 01:00 UTC (03:00 local) on the last Sunday of March to
  // 01:00 UTC on the last Sunday of October.
  const unsigned march = last_sunday(date.year, 3), october = last_sunday(date.year, 10);
  bool summer = false;
  if (date.month > 3 && date.month < 10)
    summer = true;
  else if (date.month == 3)
    summer = date.day > march || (date.day == march && time.hour >= 2);
  else if (date.month == 10)
    summer = date.day < october || (date.day == october && time.hour < 3);
  return summer ? "+02:00" : "+01:00";
}

std::string format_integer(std::int64_t value, std::string_view group_separator) {
  const bool negative = value < 0;
  // Avoid overflow on INT64_MIN by working with the unsigned magnitude.
  std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group_separator;
    out += digits[i];
  }
  return negative ? "\u2212" + out : out;
}

namespace {
std::int64_t round_div(std::int64_t value, std::int64_t divisor) {
  const std::int64_t q = value / divisor, r = value % divisor;
  if (2 * std::llabs(r) >= divisor) return q + (value < 0 ? -1 : 1);
  return q;
}
}  // namespace

std::string format_tkr_from_kronor(std::int64_t kronor) { return format_integer(round_div(kronor, 1000)); }

std::string format_mkr(std::int64_t kronor) {
  const std::int64_t tenths = round_div(kronor, 100000);
  const std::string whole = format_integer(tenths / 10);
  const auto decimal = std::llabs(tenths % 10);
  if (tenths < 0 && tenths / 10 == 0) return fmt::format("\u22120,{}", decimal);
  return fmt::format("{},{}", whole, decimal);
}

std::string format_percent(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  for (char& c : text)
    if (c == '.') c = ',';
  if (!text.empty() && text[0] == '-') text = "\u2212" + text.substr(1);
  return text + std::string(typography::kNoBreakSpace) + "%";
}

namespace {

// The Latin-1 letters: a-z and à-þ (not ÷) have upper-case forms 32 below.
bool is_lower(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7); }
bool is_upper(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7); }

}  // namespace

std::string capitalize(std::string_view text) {
  std::u32string letters = decode_utf8(text);
  if (!letters.empty() && is_lower(letters[0])) letters[0] -= 0x20;
  return encode_utf8(letters);
}

std::string lower_first(std::string_view text) {
  std::u32string letters = decode_utf8(text);
  if (!letters.empty() && is_upper(letters[0])) letters[0] += 0x20;
  return encode_utf8(letters);
}

std::string slug(std::string_view text) {
  std::string out;
  bool dash = false;
  for (const char32_t c : decode_utf8(text)) {
    char mapped = 0;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      mapped = static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z')
      mapped = static_cast<char>(c + 32);
    else if (c >= 0xC0 && c <= 0xFF) {
      const char32_t folded = c | 0x20;  // à-þ and À-Þ alike
      if (folded >= 0xE0 && folded <= 0xE6)
        mapped = 'a';
      else if (folded >= 0xE8 && folded <= 0xEB)
        mapped = 'e';
      else if (folded >= 0xF2 && folded <= 0xF8)
        mapped = 'o';
      else if (folded >= 0xF9 && folded <= 0xFC)
        mapped = 'u';
    }
    if (mapped) {
      if (dash && !out.empty()) out += '-';
      out += mapped;
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

}  // namespace kansli::swedish
