// ToUnicode CMaps for the embedded fonts, so that text copied or extracted
// from the PDF is the text that was drawn.
#ifndef KANSLI_PDF_TO_UNICODE_HPP
#define KANSLI_PDF_TO_UNICODE_HPP

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kansli::pdf {

// The CMap of a font whose two-byte character codes draw the given
// characters: (code, character) pairs in ascending order of code
// (characters beyond the BMP become UTF-16 surrogate pairs).
std::string to_unicode_cmap(const std::vector<std::pair<uint16_t, char32_t>>& codes);

}  // namespace kansli::pdf

#endif
