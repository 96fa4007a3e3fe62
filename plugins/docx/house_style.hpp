// The house style in a DOCX (issue 15): the DocxStyle it makes (typefaces,
// accent colour, margins, sizes), the logo as an image part in the header (with its
// text alternative in wp:docPr descr), the letterhead lines in the header
// or footer. A document without a house style is written as before.
// Pure functions of the IR; safe on several threads.
#ifndef KANSLI_DOCX_HOUSE_STYLE_HPP
#define KANSLI_DOCX_HOUSE_STYLE_HPP

#include <kansli/ir.pb.h>

#include <string>

#include "docx_style.hpp"
#include "xml_writer.hpp"

namespace kansli::docx {

// The DOCX look in `house`: its typefaces (the heading family on the title
// and headings), its accent colour on them and on the decision bar, its
// margins, its type sizes (the PDF's, plugins/common/type_sizes.hpp);
// everything else as docx_style.hpp's defaults.
DocxStyle docx_style(const ir::HouseStyle& house);

// "png" or "jpeg": the logo part's extension; empty without a logo.
std::string logo_extension(const ir::HouseStyle& style);

// A paragraph holding the logo, inline, at the left or right margin; the
// image part is the header's relationship `relationship_id`.
void logo_paragraph(common::XmlWriter& x, const ir::Logo& logo, const std::string& relationship_id);

// One paragraph of paragraph style `style` per letterhead line, left-aligned.
void letterhead_paragraphs(common::XmlWriter& x, const ir::PageFurniture& furniture, std::string_view style);

// The namespaces a header with a drawing declares beside w and r.
inline constexpr const char* kDrawingNamespace =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

}  // namespace kansli::docx

#endif
