// Page furniture: organisation and title in each page's header, the page
// label ("Sida 2 av 9") in its footer, and the house style's logo and
// letterhead lines (all artifacts but the first page's logo, a Figure). Text too long for its place is set
// smaller (down to 5 pt) rather than cut.
#ifndef KANSLI_PDF_PAGE_FURNITURE_HPP
#define KANSLI_PDF_PAGE_FURNITURE_HPP

#include <kansli/ir.pb.h>

#include "page.hpp"
#include "typesetting.hpp"

namespace kansli::pdf {

// Draws the page furniture of `document` on every page of `result` (after
// pagination: the footer needs the page count), placed as `style` says.
void add_page_furniture(LayoutResult& result, const ir::Document& document, const PageStyle& style,
                        Typesetter& ts);

}  // namespace kansli::pdf

#endif
