#include "to_unicode.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace kansli::pdf {

std::string to_unicode_cmap(const std::vector<std::pair<uint16_t, char32_t>>& codes) {
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  auto utf16 = [](char32_t c) {
    if (c < 0x10000) return fmt::format("{:04X}", static_cast<uint32_t>(c));
    return fmt::format("{:04X}{:04X}", 0xD800 + ((c - 0x10000) >> 10), 0xDC00 + ((c - 0x10000) & 0x3FF));
  };
  for (size_t i = 0; i < codes.size(); i += 100) {
    const size_t n = std::min<size_t>(100, codes.size() - i);
    cmap += fmt::format("{} beginbfchar\n", n);
    for (size_t k = i; k < i + n; ++k)
      cmap += fmt::format("<{:04X}> <{}>\n", codes[k].first, utf16(codes[k].second));
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

}  // namespace kansli::pdf
