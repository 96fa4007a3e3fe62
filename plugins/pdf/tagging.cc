#include "tagging.hpp"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <optional>

#include "object_helpers.hpp"

namespace kansli::pdf {
namespace {

void write(HPDF_Page page, const std::string& ops) {
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  HPDF_Stream_WriteStr(attr->stream, ops.c_str());
}

}  // namespace

void Tagger::begin_artifact(HPDF_Page page) {
  if (enabled_) write(page, "/Artifact BMC\n");
}

void Tagger::end(HPDF_Page page) {
  if (enabled_) write(page, "EMC\n");
}

int Tagger::new_child(int parent, const std::string& role) {
  const int id = static_cast<int>(elements_.size());
  Element& e = elements_.emplace_back();
  e.role = role;
  e.parent = parent;
  elements_[parent].kids.push_back({id, 0, -1, nullptr});
  return id;
}

int Tagger::child(std::map<std::pair<long, int>, int>& index, std::pair<long, int> key, int parent,
                  const std::string& role) {
  auto it = index.find(key);
  if (it != index.end()) return it->second;
  return index[key] = new_child(parent, role);
}

int Tagger::element_for(const GroupTag& tag, long group, int sub) {
  const bool new_block = !blocks_.count({tag.block, 0});
  int e = child(blocks_, {tag.block, 0}, 0, tag.block_role);
  elements_[e].id = tag.id;
  elements_[e].list_numbering = tag.list_numbering;
  if (new_block)
    for (const auto& row : tag.hidden_header) {
      const int tr = new_child(e, "TR");
      for (const auto& text : row) {
        const int th = new_child(tr, "TH");
        elements_[th].scope = "Column";
        elements_[th].actual_text = text;
      }
    }
  if (!tag.group_role.empty()) e = child(groups_, {group, 0}, e, tag.group_role);
  if (!tag.sub_role.empty()) {
    const bool row_header = sub < tag.row_headers;
    const std::string role = row_header                                ? std::string("TH")
                             : sub == 0 && !tag.first_sub_role.empty() ? tag.first_sub_role
                                                                       : tag.sub_role;
    e = child(subs_, {group, sub}, e, role);
    if (elements_[e].role == "TH") elements_[e].scope = row_header ? "Row" : "Column";
  }
  return e;
}

void Tagger::close(HPDF_Page page) {
  if (open_ != -2) end(page);
  open_ = -2;
}

void Tagger::mark(HPDF_Page page, size_t page_index, const GroupTag* tag, long group, int sub,
                  bool reference) {
  if (!enabled_) return;
  int e = tag ? element_for(*tag, group, sub) : -1;
  if (e >= 0 && reference) {
    e = new_child(new_child(e, "Reference"), "Link");
    references_[{page_index, group, sub}].first.push_back(e);
  }
  if (e == open_) return;
  close(page);
  open_ = e;
  if (e < 0) {
    begin_artifact(page);
    return;
  }
  auto& owners = mcid_owner_[page_index];
  const int mcid = static_cast<int>(owners.size());
  owners.push_back(e);
  elements_[e].kids.push_back({-1, page_index, mcid, nullptr});
  write(page, fmt::format("/{} <</MCID {}>> BDC\n", elements_[e].role, mcid));
}

void Tagger::begin_figure(HPDF_Page page, size_t page_index, const std::string& alt) {
  const int e = new_child(0, "Figure");
  elements_[e].alt = alt;
  auto& owners = mcid_owner_[page_index];
  const int mcid = static_cast<int>(owners.size());
  owners.push_back(e);
  elements_[e].kids.push_back({-1, page_index, mcid, nullptr});
  write(page, fmt::format("/Figure <</MCID {}>> BDC\n", mcid));
}

void Tagger::add_annotation(HPDF_Dict annotation, size_t page_index, const char* role, const GroupTag* near,
                            long group, int sub, bool reference) {
  if (!enabled_) return;
  int id = -1;
  if (reference) {
    auto& [links, used] = references_[{page_index, group, sub}];
    if (used < links.size()) id = links[used++];
  }
  if (id < 0) id = new_child(near ? element_for(*near, group, sub) : 0, role);
  elements_[id].kids.push_back({-1, page_index, -1, annotation});
  annotations_.emplace_back(annotation, id);
}

void Tagger::finish(const std::vector<HPDF_Page>& pages, const std::string& lang) {
  if (!enabled_) return;
  HPDF_Dict root = HPDF_Dict_New(doc_->mmgr);
  HPDF_Xref_Add(doc_->xref, root);
  HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
  for (auto& e : elements_) {
    e.dict = HPDF_Dict_New(doc_->mmgr);
    HPDF_Xref_Add(doc_->xref, e.dict);
  }
  for (auto& e : elements_) {
    HPDF_Dict_AddName(e.dict, "S", e.role.c_str());
    if (!e.id.empty()) HPDF_Dict_Add(e.dict, "ID", HPDF_String_New(doc_->mmgr, e.id.c_str(), nullptr));
    if (!e.actual_text.empty()) HPDF_Dict_Add(e.dict, "ActualText", text_string(doc_, e.actual_text));
    if (!e.list_numbering.empty()) {
      HPDF_Dict a = HPDF_Dict_New(doc_->mmgr);
      HPDF_Dict_AddName(a, "O", "List");
      HPDF_Dict_AddName(a, "ListNumbering", e.list_numbering.c_str());
      HPDF_Dict_Add(e.dict, "A", a);
    }
    if (!e.alt.empty()) HPDF_Dict_Add(e.dict, "Alt", text_string(doc_, e.alt));
    if (!e.scope.empty()) {
      HPDF_Dict a = HPDF_Dict_New(doc_->mmgr);
      HPDF_Dict_AddName(a, "O", "Table");
      HPDF_Dict_AddName(a, "Scope", e.scope.c_str());
      HPDF_Dict_Add(e.dict, "A", a);
    }
    HPDF_Dict_Add(e.dict, "P", e.parent < 0 ? root : elements_[e.parent].dict);
    HPDF_Array kids = HPDF_Array_New(doc_->mmgr);
    // /Pg: the page of the element's first marked content; MCIDs on it
    // are written as plain numbers.
    std::optional<size_t> pg;
    for (const auto& k : e.kids)
      if (k.element < 0 && !k.annotation) {
        pg = k.page;
        break;
      }
    if (pg) HPDF_Dict_Add(e.dict, "Pg", pages[*pg]);
    for (const auto& k : e.kids) {
      if (k.element >= 0) {
        HPDF_Array_Add(kids, elements_[k.element].dict);
      } else if (k.annotation) {
        HPDF_Dict objr = HPDF_Dict_New(doc_->mmgr);
        HPDF_Dict_AddName(objr, "Type", "OBJR");
        HPDF_Dict_Add(objr, "Pg", pages[k.page]);
        HPDF_Dict_Add(objr, "Obj", k.annotation);
        HPDF_Array_Add(kids, objr);
      } else if (pg == k.page) {
        HPDF_Array_AddNumber(kids, k.mcid);
      } else {
        HPDF_Dict mcr = HPDF_Dict_New(doc_->mmgr);
        HPDF_Dict_AddName(mcr, "Type", "MCR");
        HPDF_Dict_Add(mcr, "Pg", pages[k.page]);
        HPDF_Dict_AddNumber(mcr, "MCID", k.mcid);
        HPDF_Array_Add(kids, mcr);
      }
    }
    if (!e.kids.empty()) HPDF_Dict_Add(e.dict, "K", kids);
  }
  HPDF_Dict_Add(root, "K", elements_[0].dict);

  // /ParentTree: page i's marked content under key i, annotations after.
  HPDF_Dict parent_tree = HPDF_Dict_New(doc_->mmgr);
  HPDF_Xref_Add(doc_->xref, parent_tree);
  HPDF_Array nums = HPDF_Array_New(doc_->mmgr);
  for (size_t i = 0; i < pages.size(); ++i) {
    HPDF_Dict_AddNumber(pages[i], "StructParents", static_cast<HPDF_INT32>(i));
    HPDF_Array owners = HPDF_Array_New(doc_->mmgr);
    for (int e : mcid_owner_[i]) HPDF_Array_Add(owners, elements_[e].dict);
    HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(i));
    HPDF_Array_Add(nums, owners);
  }
  HPDF_INT32 key = static_cast<HPDF_INT32>(pages.size());
  for (const auto& [annotation, e] : annotations_) {
    HPDF_Dict_AddNumber(annotation, "StructParent", key);
    HPDF_Array_AddNumber(nums, key);
    HPDF_Array_Add(nums, elements_[e].dict);
    ++key;
  }
  for (size_t i = 0; i < pages.size(); ++i)
    if (HPDF_Dict_GetItem(pages[i], "Annots", HPDF_OCLASS_ARRAY)) HPDF_Dict_AddName(pages[i], "Tabs", "S");
  HPDF_Dict_Add(parent_tree, "Nums", nums);
  HPDF_Dict_Add(root, "ParentTree", parent_tree);
  HPDF_Dict_AddNumber(root, "ParentTreeNextKey", key);
  HPDF_Dict_Add(doc_->catalog, "StructTreeRoot", root);

  HPDF_Dict mark = HPDF_Dict_New(doc_->mmgr);
  HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
  HPDF_Dict_Add(doc_->catalog, "MarkInfo", mark);
  if (!lang.empty()) HPDF_Dict_Add(doc_->catalog, "Lang", text_string(doc_, lang));
  HPDF_Dict prefs = HPDF_Dict_New(doc_->mmgr);
  HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
  HPDF_Dict_Add(doc_->catalog, "ViewerPreferences", prefs);
  doc_->pdf_version = HPDF_VER_17;  // PDF/A-2 and PDF/UA-1 are based on PDF 1.7
}

}  // namespace kansli::pdf
