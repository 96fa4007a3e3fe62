// Correct ToUnicode CMaps for the embedded fonts, so that text copied or
// extracted from the PDF is the text that was drawn.
#ifndef KANSLI_PDF_TO_UNICODE_HPP
#define KANSLI_PDF_TO_UNICODE_HPP

#include <hpdf.h>

#include <map>
#include <set>

namespace kansli::pdf {

// Replaces libharu's placeholder ToUnicode CMap of each font with one that
// maps every code it uses. (libharu creates the font descriptor only while
// saving, so no CIDSet can be added: that is why the exporter declares
// PDF/A-2b, where CIDSet is optional, and not PDF/A-1b, where it is required.)
void fix_fonts(HPDF_Doc doc, const std::map<HPDF_Font, std::set<char32_t>>& fonts);

}  // namespace kansli::pdf

#endif
