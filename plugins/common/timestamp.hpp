// The IR's timestamps (Metadata.created, RFC 3339), parsed for the built-in
// exporters' document properties. Private to plugins/; pure functions.
#ifndef KANSLI_PLUGINS_COMMON_TIMESTAMP_HPP
#define KANSLI_PLUGINS_COMMON_TIMESTAMP_HPP

#include <optional>
#include <string_view>

namespace kansli::common {

// An RFC 3339 date-time as the IR carries it (Metadata.created):
// "2026-03-04T08:00:00+01:00" or "...Z".
struct Timestamp {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  // '+', '-' or 'Z', and the offset from UTC.
  char zone = 'Z';
  int offset_hours = 0, offset_minutes = 0;
};

// Parses Metadata.created; nullopt when it is empty or not RFC 3339.
std::optional<Timestamp> parse_timestamp(std::string_view text);

}  // namespace kansli::common

#endif
