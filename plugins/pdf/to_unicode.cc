#include "to_unicode.hpp"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <string>
#include <vector>

#include "object_helpers.hpp"

namespace kansli::pdf {

void fix_fonts(HPDF_Doc doc, const std::map<HPDF_Font, std::set<char32_t>>& fonts) {
  for (const auto& [font, codes] : fonts) {
    // libharu's UTF-8 Type0 fonts use the Unicode value as the character
    // code and the CID; CIDToGIDMap maps it to the glyph. Its ToUnicode is a
    // placeholder ("begincidrange") that strict readers reject.
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<char32_t> bmp;
    for (char32_t c : codes)
      if (c < 0x10000) bmp.push_back(c);
    for (size_t i = 0; i < bmp.size(); i += 100) {
      const size_t n = std::min<size_t>(100, bmp.size() - i);
      cmap += fmt::format("{} beginbfchar\n", n);
      for (size_t k = i; k < i + n; ++k)
        cmap +=
            fmt::format("<{:04X}> <{:04X}>\n", static_cast<uint32_t>(bmp[k]), static_cast<uint32_t>(bmp[k]));
      cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    auto old = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
    if (old && old->stream) {
      // Rewrite libharu's stream in place (a replacement would leave the old
      // object in the file).
      HPDF_MemStream_FreeData(old->stream);
      HPDF_Stream_Write(old->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()), cmap.size());
      old->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
      for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"})
        HPDF_Dict_RemoveElement(old, key);
    } else {
      HPDF_Dict_Add(font, "ToUnicode", new_stream(doc, cmap, true));
    }
  }
}

}  // namespace kansli::pdf
