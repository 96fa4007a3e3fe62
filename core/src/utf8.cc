#include "utf8.hpp"

#include <utf8.h>

#include <algorithm>

namespace kansli {

std::pair<int, int> find_invalid_utf8(std::string_view text) {
  const auto invalid = utf8::find_invalid(text.begin(), text.end());
  if (invalid == text.end()) return {0, 0};
  // Columns count bytes, as Protobuf's own parser does.
  const auto line_start = std::find(std::make_reverse_iterator(invalid), text.rend(), '\n').base();
  return {static_cast<int>(std::count(text.begin(), invalid, '\n')) + 1,
          static_cast<int>(invalid - line_start) + 1};
}

std::optional<char32_t> find_control_character(std::string_view text) {
  for (auto it = text.begin(); it != text.end();) {
    const char32_t c = utf8::unchecked::next(it);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) return c;
  }
  return std::nullopt;
}

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  if (utf8::is_valid(text.begin(), text.end())) {
    utf8::unchecked::utf8to32(text.begin(), text.end(), std::back_inserter(out));
  } else {
    std::string repaired;
    utf8::replace_invalid(text.begin(), text.end(), std::back_inserter(repaired));
    utf8::unchecked::utf8to32(repaired.begin(), repaired.end(), std::back_inserter(out));
  }
  return out;
}

std::string encode_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  utf8::unchecked::utf32to8(code_points.begin(), code_points.end(), std::back_inserter(out));
  return out;
}

}  // namespace kansli
