#include "outline.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <kansli/exporter_support.hpp>

#include "object_helpers.hpp"

namespace kansli::pdf {

namespace {

HPDF_UINT32 object_number(const void* object) {
  return static_cast<const HPDF_Obj_Header*>(object)->obj_id & 0x00FFFFFF;
}

// An empty dictionary, an indirect object of the document, written by `write`.
HPDF_Dict placeholder(HPDF_Doc doc, void* owner, HPDF_Dict_OnWriteFunc write) {
  HPDF_Dict dict = HPDF_Dict_New(doc->mmgr);
  if (!dict || HPDF_Xref_Add(doc->xref, dict) != HPDF_OK) return nullptr;
  dict->attr = owner;
  dict->write_fn = write;
  return dict;
}

}  // namespace

// The objects, their numbers and their entries (in order) are those
// HPDF_CreateOutline, HPDF_Page_CreateDestination, HPDF_Destination_SetFitH
// and HPDF_Outline_SetOpened would make: the root when the first bookmark
// is added, then each bookmark's dictionary followed by its destination.
Outline::Outline(HPDF_Doc doc, const ir::Document& document,
                 const std::map<std::string, std::pair<size_t, double>>& anchors,
                 const std::vector<HPDF_Page>& pages)
    : doc_(doc), pages_(pages) {
  std::vector<std::pair<uint32_t, int32_t>> parents;  // level, item
  for (const auto& block : document.blocks()) {
    if (!block.has_heading() || !block.heading().in_toc()) continue;
    const auto& h = block.heading();
    auto at = anchors.find(h.anchor());
    if (at == anchors.end() || at->second.first >= pages.size()) continue;
    while (!parents.empty() && parents.back().first >= h.level()) parents.pop_back();
    if (!root_) {
      root_ = placeholder(doc, this, &Outline::write_root);
      if (!root_ || HPDF_Dict_Add(doc->catalog, "Outlines", root_) != HPDF_OK) return;
    }
    Item item;
    item.title = h.number().empty() ? "" : h.number() + " ";
    for (const auto& span : h.spans()) item.title += span.text();
    item.page = static_cast<uint32_t>(at->second.first);
    item.top = static_cast<HPDF_REAL>(at->second.second);
    item.dict = placeholder(doc, this, &Outline::write_item);
    if (!item.dict) return;
    item.dest = HPDF_Array_New(doc->mmgr);
    if (!item.dest || HPDF_Xref_Add(doc->xref, item.dest) != HPDF_OK) return;
    item.dest->header.obj_class |= HPDF_OSUBCLASS_DESTINATION;
    if (items_.empty()) first_id_ = object_number(item.dict);
    const auto i = static_cast<int32_t>(items_.size());
    if (object_number(item.dict) != first_id_ + 2 * items_.size() ||
        object_number(item.dest) != object_number(item.dict) + 1)
      throw ExportError("bookmarks: libharu numbered the objects out of order");
    item.parent = parents.empty() ? -1 : parents.back().second;
    int32_t& first = item.parent < 0 ? first_ : items_[item.parent].first;
    int32_t& last = item.parent < 0 ? last_ : items_[item.parent].last;
    if (first < 0) first = i;
    if (last >= 0) {
      items_[last].next = i;
      item.prev = last;
    }
    last = i;
    items_.push_back(std::move(item));
    parents.emplace_back(h.level(), i);
  }
  // All open: a bookmark counts all its descendants (a parent comes first).
  for (size_t i = items_.size(); i-- > 0;)
    if (items_[i].parent >= 0) items_[items_[i].parent].count += 1 + items_[i].count;
}

HPDF_STATUS Outline::write_root(HPDF_Dict placeholder, HPDF_Stream stream) {
  const Outline& o = *static_cast<const Outline*>(placeholder->attr);
  HPDF_Dict dict = HPDF_Dict_New(o.doc_->mmgr);
  if (!dict) return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_Dict_AddName(dict, "Type", "Outlines");
  HPDF_Dict_Add(dict, "First", o.items_[o.first_].dict);
  HPDF_Dict_Add(dict, "Last", o.items_[o.last_].dict);
  HPDF_Dict_AddNumber(dict, "Count", static_cast<HPDF_INT32>(o.items_.size()));
  return write_entries_and_free(dict, stream);
}

HPDF_STATUS Outline::write_item(HPDF_Dict placeholder, HPDF_Stream stream) {
  const Outline& o = *static_cast<const Outline*>(placeholder->attr);
  const size_t i = (object_number(placeholder) - o.first_id_) / 2;
  const Item& item = o.items_[i];
  // The previous bookmark's destination has been written (it comes before
  // this dictionary); this one's is written next.
  if (i > 0) HPDF_Array_Clear(o.items_[i - 1].dest);
  HPDF_Array_Add(item.dest, o.pages_[item.page]);
  HPDF_Array_AddName(item.dest, "FitH");
  HPDF_Array_AddReal(item.dest, item.top);

  HPDF_Dict dict = HPDF_Dict_New(o.doc_->mmgr);
  if (!dict) return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_Dict_Add(dict, "Title", text_string(o.doc_, item.title));
  HPDF_Dict_AddName(dict, "Type", "Outlines");
  if (item.prev >= 0) HPDF_Dict_Add(dict, "Prev", o.items_[item.prev].dict);
  HPDF_Dict_Add(dict, "Parent", item.parent < 0 ? o.root_ : o.items_[item.parent].dict);
  HPDF_Dict_Add(dict, "Dest", item.dest);
  if (item.first >= 0) {
    HPDF_Dict_Add(dict, "First", o.items_[item.first].dict);
    HPDF_Dict_Add(dict, "Last", o.items_[item.last].dict);
  }
  if (item.next >= 0) HPDF_Dict_Add(dict, "Next", o.items_[item.next].dict);
  if (item.count > 0) HPDF_Dict_AddNumber(dict, "Count", static_cast<HPDF_INT32>(item.count));
  return write_entries_and_free(dict, stream);
}

}  // namespace kansli::pdf
