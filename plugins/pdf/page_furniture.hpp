// Page furniture: organisation and title in each page's header, the page
// label ("Sida 2 av 9") in its footer. Text too long for its place is set
// smaller (down to 5 pt) rather than cut.
#ifndef KANSLI_PDF_PAGE_FURNITURE_HPP
#define KANSLI_PDF_PAGE_FURNITURE_HPP

#include <kansli/ir.pb.h>

#include "page.hpp"
#include "typesetting.hpp"

namespace kansli::pdf {

// Draws `furniture` on every page of `result` (after pagination: the footer
// needs the page count).
void add_page_furniture(LayoutResult& result, const ir::PageFurniture& furniture, Typesetter& ts);

}  // namespace kansli::pdf

#endif
