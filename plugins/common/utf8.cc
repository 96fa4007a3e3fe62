#include "utf8.hpp"

#include <iterator>

namespace kansli::common {

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](char32_t cp) { out.push_back(cp); });
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  utf8::append(static_cast<uint32_t>(cp), std::back_inserter(out));
}

}  // namespace kansli::common
