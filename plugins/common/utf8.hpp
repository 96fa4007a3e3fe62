// UTF-8 for the built-in exporters, through utfcpp (Debian libutfcpp-dev).
// Private to plugins/: not part of the SDK (kansli/exporter_support.hpp).
//
// Contract: any bytes may be given. An invalid sequence (a stray byte, a
// sequence cut short, an overlong form, a surrogate, a code point past
// U+10FFFF) decodes to one U+FFFD. No allocation beyond the result; no
// shared state, so every function is safe from any thread.
#ifndef KANSLI_PLUGINS_COMMON_UTF8_HPP
#define KANSLI_PLUGINS_COMMON_UTF8_HPP

#include <string>
#include <string_view>

namespace kansli::common {

// Calls `visit(char32_t)` for each code point of `text`, in order.
template <typename Visit>
void for_each_code_point(std::string_view text, Visit visit);

// All of `text` decoded.
std::u32string decode_utf8(std::string_view text);

// Appends `cp` (a Unicode scalar value, as decode_utf8 gives) to `out` as
// UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace kansli::common

#include <utf8.h>

namespace kansli::common {

template <typename Visit>
void for_each_code_point(std::string_view text, Visit visit) {
  // One pass, checking as it decodes; an invalid sequence is skipped as
  // utf8::replace_invalid skips it.
  const char* it = text.data();
  const char* const end = it + text.size();
  while (it != end) {
    // ASCII, most of any text, needs no decoding.
    if (static_cast<unsigned char>(*it) < 0x80) {
      visit(static_cast<char32_t>(static_cast<unsigned char>(*it++)));
      continue;
    }
    uint32_t cp = 0;
    switch (utf8::internal::validate_next(it, end, cp)) {
      case utf8::internal::UTF8_OK: visit(static_cast<char32_t>(cp)); break;
      case utf8::internal::NOT_ENOUGH_ROOM:  // cut short at the end
        visit(U'\uFFFD');
        it = end;
        break;
      case utf8::internal::INVALID_LEAD:
        visit(U'\uFFFD');
        ++it;
        break;
      default:  // one U+FFFD for the lead byte and its trail bytes
        visit(U'\uFFFD');
        ++it;
        while (it != end && utf8::internal::is_trail(*it)) ++it;
    }
  }
}

}  // namespace kansli::common

#endif
