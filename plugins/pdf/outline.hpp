// Bookmarks (the PDF outline) for the headings of the table of contents.
#ifndef KANSLI_PDF_OUTLINE_HPP
#define KANSLI_PDF_OUTLINE_HPP

#include <hpdf.h>
#include <kansli/ir.pb.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kansli::pdf {

// Bookmarks for the headings listed in the table of contents (level 1 at
// the top, deeper levels under the previous shallower one). `anchors` maps a
// heading anchor to its page index and y.
void add_outline(HPDF_Doc doc, const ir::Document& document,
                 const std::map<std::string, std::pair<size_t, double>>& anchors,
                 const std::vector<HPDF_Page>& pages);

}  // namespace kansli::pdf

#endif
