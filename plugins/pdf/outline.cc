#include "outline.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "object_helpers.hpp"

namespace kansli::pdf {

void add_outline(HPDF_Doc doc, const ir::Document& document,
                 const std::map<std::string, std::pair<size_t, double>>& anchors,
                 const std::vector<HPDF_Page>& pages) {
  std::vector<std::pair<uint32_t, HPDF_Outline>> parents;  // level, outline
  for (const auto& block : document.blocks()) {
    if (!block.has_heading() || !block.heading().in_toc()) continue;
    const auto& h = block.heading();
    auto at = anchors.find(h.anchor());
    if (at == anchors.end() || at->second.first >= pages.size()) continue;
    std::string title = h.number().empty() ? "" : h.number() + " ";
    for (const auto& span : h.spans()) title += span.text();
    while (!parents.empty() && parents.back().first >= h.level()) parents.pop_back();
    // libharu writes the title bytes as given; replace it with a proper
    // UTF-16 text string.
    HPDF_Outline outline =
        HPDF_CreateOutline(doc, parents.empty() ? nullptr : parents.back().second, "", nullptr);
    if (!outline) return;
    HPDF_Dict_Add(outline, "Title", text_string(doc, title));
    HPDF_Destination dest = HPDF_Page_CreateDestination(pages[at->second.first]);
    HPDF_Destination_SetFitH(dest, at->second.second);
    HPDF_Outline_SetDestination(outline, dest);
    HPDF_Outline_SetOpened(outline, HPDF_TRUE);
    parents.emplace_back(h.level(), outline);
  }
}

}  // namespace kansli::pdf
