// Page layout of the document IR, in three steps a newcomer finds by file:
// blocks.cc/tables.cc turn each IR block into unbreakable items (lines of
// text set by typesetting.cc), pagination.cc moves the items onto A4 pages
// with their footnotes, page_furniture.cc adds header and footer. The
// result (page.hpp) says what to draw; the exporter paints it with libharu.
#ifndef KANSLI_PDF_LAYOUT_HPP
#define KANSLI_PDF_LAYOUT_HPP

#include <kansli/ir.pb.h>

#include <map>
#include <string>

#include "fonts.hpp"
#include "page.hpp"

namespace kansli::pdf {

// Lays out the body, footnotes and page furniture of `document`.
// `toc_pages` gives the page number (1-based) of each anchor for the table of
// contents; call twice, the second time with the first result's anchors.
// Throws ExportError when the text refers to a footnote the document lacks,
// or a footnote's text refers to a footnote (it would never be printed).
// `heading_fonts`: the house style's heading typeface, or null (headings in
// `fonts`).
LayoutResult lay_out(const ir::Document& document, FontSet& fonts, FontSet* heading_fonts,
                     const std::map<std::string, Destination>& toc_pages);

}  // namespace kansli::pdf

#endif
