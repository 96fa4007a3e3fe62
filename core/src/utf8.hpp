// UTF-8 in the core: the one place that decodes it, through utfcpp
// (Debian libutfcpp-dev). Loading, validation and composition use these.
#ifndef KANSLI_UTF8_HPP
#define KANSLI_UTF8_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kansli {

// The 1-based line and column (in bytes) of the first invalid UTF-8
// sequence in `text`, or {0, 0} when it is all valid.
std::pair<int, int> find_invalid_utf8(std::string_view text);

// The first control character (C0 other than tab, line feed and carriage
// return; DEL; C1) in valid UTF-8 `text`, if any.
std::optional<char32_t> find_control_character(std::string_view text);

// `text` as code points; an invalid sequence becomes U+FFFD.
std::u32string decode_utf8(std::string_view text);
// Code points as UTF-8.
std::string encode_utf8(std::u32string_view code_points);

}  // namespace kansli

#endif
