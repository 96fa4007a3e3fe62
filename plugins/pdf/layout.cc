#include "layout.hpp"

#include "blocks.hpp"
#include "page_furniture.hpp"
#include "pagination.hpp"

namespace kansli::pdf {

LayoutResult lay_out(const ir::Document& document, FontSet& fonts, FontSet* heading_fonts,
                     const std::map<std::string, Destination>& toc_pages) {
  BlockBuilder builder(document, fonts, heading_fonts, toc_pages);
  LayoutResult result = paginate(builder, document);
  add_page_furniture(result, document, builder.style(), builder.typesetter());
  return result;
}

}  // namespace kansli::pdf
