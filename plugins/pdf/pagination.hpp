// Pagination: moves the items of the body onto A4 pages. Keeps each chain
// of items marked keep_with_next together (on a fresh page when it does not
// fit), repeats a table's header rows on each page the table continues on,
// and sets the footnotes referenced on a page at its foot.
#ifndef KANSLI_PDF_PAGINATION_HPP
#define KANSLI_PDF_PAGINATION_HPP

#include <kansli/ir.pb.h>

#include <vector>

#include "blocks.hpp"
#include "page.hpp"

namespace kansli::pdf {

// The pages of the items `builder` builds from `doc`, with their footnotes,
// placed as they are built (BlockBuilder::build).
// Throws ExportError when the text refers to a footnote the document lacks,
// or a footnote's text refers to a footnote (it would have no place to be
// printed: notes are collected from body text only).
LayoutResult paginate(BlockBuilder& builder, const ir::Document& doc);

}  // namespace kansli::pdf

#endif
