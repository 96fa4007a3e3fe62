#include "utf8.hpp"

namespace kansli {

// Finds the first invalid UTF-8 sequence; returns its 1-based line and
// column (in bytes), or {0, 0}. Written by hand: Protobuf's validator is
// internal API, and this is a few lines of well-known rules (RFC 3629).
std::pair<int, int> find_invalid_utf8(std::string_view text) {
  int line = 1, column = 1;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    unsigned min = 0, code = 0;
    if (c < 0x80) length = 1;
    else if ((c & 0xE0) == 0xC0) length = 2, code = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) length = 3, code = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) length = 4, code = c & 0x07, min = 0x10000;
    else return {line, column};
    if (i + length > text.size()) return {line, column};
    for (size_t k = 1; k < length; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return {line, column};
      code = (code << 6) | (cc & 0x3F);
    }
    if (length > 1 && (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)))
      return {line, column};
    // Columns count bytes, as Protobuf's own parser does.
    if (c == '\n') ++line, column = 1;
    else column += static_cast<int>(length);
    i += length;
  }
  return {0, 0};
}

std::optional<char32_t> find_control_character(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return c;
    // C1 controls U+0080..U+009F are encoded C2 80..C2 9F.
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return next;
    }
  }
  return std::nullopt;
}

}  // namespace kansli
