#include "timestamp.hpp"

namespace kansli::common {

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  auto digits = [&](size_t at, size_t count, int& value) {
    if (at + count > text.size()) return false;
    value = 0;
    for (size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      value = value * 10 + (text[i] - '0');
    }
    return true;
  };
  Timestamp t;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') ||
      text[13] != ':' || text[16] != ':' || !digits(0, 4, t.year) || !digits(5, 2, t.month) ||
      !digits(8, 2, t.day) || !digits(11, 2, t.hour) || !digits(14, 2, t.minute) || !digits(17, 2, t.second))
    return std::nullopt;
  const std::string_view zone = text.substr(19);
  if (zone == "Z" || zone == "z") {
    t.zone = 'Z';
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             digits(20, 2, t.offset_hours) && digits(23, 2, t.offset_minutes)) {
    t.zone = zone[0];
  } else {
    return std::nullopt;
  }
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59 || t.second > 60)
    return std::nullopt;
  return t;
}

}  // namespace kansli::common
