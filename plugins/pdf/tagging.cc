#include "tagging.hpp"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <algorithm>
#include <kansli/exporter_support.hpp>
#include <optional>
#include <unordered_map>

#include "object_helpers.hpp"

namespace kansli::pdf {
namespace {

// libharu refuses an array of more than HPDF_LIMIT_MAX_ARRAY (32 767)
// entries. A structure element's /K holds at most kMaxKids entries, a
// /ParentTree node at most kMaxNumbers keys (/Nums: twice as many
// entries) or /Kids. Small enough for viewers' linear scans, large enough
// that ordinary documents never reach them (and keep their bytes).
constexpr size_t kMaxKids = 1024;
constexpr size_t kMaxNumbers = 1024;
static_assert(kMaxKids <= HPDF_LIMIT_MAX_ARRAY && 2 * kMaxNumbers <= HPDF_LIMIT_MAX_ARRAY);

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
  if (elements_[e].texts || !tag.id.empty() || !tag.list_numbering.empty()) {
    Texts& texts = elements_[e].edit_texts();
    texts.id = tag.id;
    texts.list_numbering = tag.list_numbering;
  }
  if (new_block)
    for (const auto& row : tag.hidden_header) {
      const int tr = new_child(e, "TR");
      for (const auto& text : row) {
        const int th = new_child(tr, "TH");
        elements_[th].scope = "Column";
        elements_[th].edit_texts().actual_text = text;
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
  if (!alt.empty()) elements_[e].edit_texts().alt = alt;
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

int Tagger::heading_level(int e) const {
  const std::string& role = elements_[e].role;
  if (role.size() == 2 && role[0] == 'H' && role[1] >= '1' && role[1] <= '6') return role[1] - '0';
  if (role == "Sect" && !elements_[e].kids.empty() && elements_[e].kids.front().element >= 0)
    return heading_level(elements_[e].kids.front().element);
  return 0;
}

size_t Tagger::section_break(const std::vector<Kid>& kids, size_t from, size_t to) const {
  size_t best = to;
  int best_level = 7;
  for (size_t k = to; k > from + (to - from) / 2; --k) {
    const int level = heading_level(kids[k].element);
    if (level > 0 && level < best_level) {
      best = k;
      best_level = level;
    }
  }
  return best;
}

void Tagger::group_kids(int e, const char* role) {
  std::vector<Kid> old = std::move(elements_[e].kids), kids;
  for (size_t k = 0; k < old.size();) {
    if (old[k].element < 0) {
      kids.push_back(old[k++]);
      continue;
    }
    size_t end = k;
    while (end < old.size() && old[end].element >= 0) ++end;
    while (k < end) {
      const size_t stop = end - k <= kMaxKids ? end
                          : e == 0            ? section_break(old, k, k + kMaxKids)
                                              : k + kMaxKids;
      const int w = static_cast<int>(elements_.size());
      elements_.emplace_back().role = role;
      elements_[w].parent = e;
      for (; k < stop; ++k) {
        elements_[old[k].element].parent = w;
        elements_[w].kids.push_back(old[k]);
      }
      kids.push_back({w, 0, -1, nullptr});
    }
  }
  elements_[e].kids = std::move(kids);
}

void Tagger::split(int e) {
  const int parent = elements_[e].parent;
  std::vector<Kid> rest(elements_[e].kids.begin() + kMaxKids, elements_[e].kids.end());
  elements_[e].kids.resize(kMaxKids);
  std::vector<Kid> pieces;
  for (size_t k = 0; k < rest.size(); k += kMaxKids) {
    const int s = static_cast<int>(elements_.size());
    Element piece;
    piece.role = elements_[e].role;
    piece.scope = elements_[e].scope;
    if (elements_[e].texts && !elements_[e].texts->list_numbering.empty())
      piece.edit_texts().list_numbering = elements_[e].texts->list_numbering;
    piece.parent = parent;
    piece.kids.assign(rest.begin() + k, rest.begin() + std::min(k + kMaxKids, rest.size()));
    for (const Kid& kid : piece.kids)
      if (kid.element >= 0) elements_[kid.element].parent = s;
    elements_.push_back(std::move(piece));
    pieces.push_back({s, 0, -1, nullptr});
  }
  auto& siblings = elements_[parent].kids;
  const auto at =
      std::find_if(siblings.begin(), siblings.end(), [e](const Kid& k) { return k.element == e; });
  siblings.insert(at + 1, pieces.begin(), pieces.end());
}

void Tagger::limit_kids() {
  bool moved = false;
  // Children come after their parents, so a parent is bounded after the
  // siblings its children were split into have been added to it.
  for (size_t i = elements_.size(); i-- > 0;) {
    const int e = static_cast<int>(i);
    while (elements_[e].kids.size() > kMaxKids) {
      moved = true;
      const size_t before = elements_[e].kids.size();
      if (e == 0 || elements_[e].role == "Table") group_kids(e, e == 0 ? "Part" : "TBody");
      if (elements_[e].kids.size() >= before) {
        if (e == 0) throw ExportError("the structure tree's Document element has too many children");
        split(e);
      }
    }
  }
  if (!moved) return;
  std::unordered_map<HPDF_Dict, int> annotation_owner;
  for (size_t i = 0; i < elements_.size(); ++i)
    for (const Kid& k : elements_[i].kids)
      if (k.annotation)
        annotation_owner[k.annotation] = static_cast<int>(i);
      else if (k.element < 0)
        mcid_owner_[k.page][k.mcid] = static_cast<int>(i);
  for (auto& [annotation, e] : annotations_) e = annotation_owner.at(annotation);
}

HPDF_Dict Tagger::parent_tree(const std::vector<void*>& values) {
  HPDF_Dict root = HPDF_Dict_New(doc_->mmgr);
  HPDF_Xref_Add(doc_->xref, root);
  auto nums = [&](HPDF_Dict node, size_t from, size_t to) {
    HPDF_Array a = HPDF_Array_New(doc_->mmgr);
    for (size_t k = from; k < to; ++k) {
      HPDF_Array_AddNumber(a, static_cast<HPDF_INT32>(k));
      HPDF_Array_Add(a, values[k]);
    }
    HPDF_Dict_Add(node, "Nums", a);
  };
  if (values.size() <= kMaxNumbers) {
    nums(root, 0, values.size());
    return root;
  }
  // A number tree: leaves of kMaxNumbers keys, intermediate nodes of
  // kMaxNumbers kids, each with /Limits [first last]; the root only /Kids.
  struct Node {
    HPDF_Dict dict;
    size_t first, last;
  };
  auto node = [&](size_t first, size_t last) {
    Node n{HPDF_Dict_New(doc_->mmgr), first, last};
    HPDF_Xref_Add(doc_->xref, n.dict);
    HPDF_Array limits = HPDF_Array_New(doc_->mmgr);
    HPDF_Array_AddNumber(limits, static_cast<HPDF_INT32>(first));
    HPDF_Array_AddNumber(limits, static_cast<HPDF_INT32>(last));
    HPDF_Dict_Add(n.dict, "Limits", limits);
    return n;
  };
  auto add_kids = [&](HPDF_Dict parent, const std::vector<Node>& level, size_t from, size_t to) {
    HPDF_Array kids = HPDF_Array_New(doc_->mmgr);
    for (size_t k = from; k < to; ++k) HPDF_Array_Add(kids, level[k].dict);
    HPDF_Dict_Add(parent, "Kids", kids);
  };
  std::vector<Node> level;
  for (size_t from = 0; from < values.size(); from += kMaxNumbers) {
    const size_t to = std::min(from + kMaxNumbers, values.size());
    level.push_back(node(from, to - 1));
    nums(level.back().dict, from, to);
  }
  while (level.size() > kMaxNumbers) {
    std::vector<Node> up;
    for (size_t from = 0; from < level.size(); from += kMaxNumbers) {
      const size_t to = std::min(from + kMaxNumbers, level.size());
      up.push_back(node(level[from].first, level[to - 1].last));
      add_kids(up.back().dict, level, from, to);
    }
    level = std::move(up);
  }
  add_kids(root, level, 0, level.size());
  return root;
}

HPDF_STATUS Tagger::write_element(HPDF_Dict placeholder, HPDF_Stream stream) {
  // Written as text, as libharu would write the same dictionary (its
  // generic writer took about 7 % of a protokoll's PDF instructions here); only
  // the rare strings (ID, ActualText, Alt) go through libharu's objects.
  const Tagger& t = *static_cast<const Tagger*>(placeholder->attr);
  const Element& e = t.elements_[(placeholder->header.obj_id & 0x00FFFFFF) - t.first_id_];
  std::string out;
  out.reserve(64 + 10 * e.kids.size());
  auto ref = [&out](const void* object) {
    const auto& header = *static_cast<const HPDF_Obj_Header*>(object);
    fmt::format_to(std::back_inserter(out), "{} {} R", header.obj_id & 0x00FFFFFF, header.gen_no);
  };
  auto name = [&out](std::string_view key, std::string_view value) {
    out += '/';
    out += key;
    out += " /";
    append_name(out, value);
    out += '\n';
  };
  HPDF_STATUS status = HPDF_OK;
  auto object = [&](const char* key, void* value) {
    if (status == HPDF_OK)
      status = HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(out.data()),
                                 static_cast<HPDF_UINT>(out.size()));
    out.clear();
    if (status == HPDF_OK) status = HPDF_Stream_WriteEscapeName(stream, key);
    if (status == HPDF_OK) status = HPDF_Stream_WriteChar(stream, ' ');
    if (status == HPDF_OK) status = HPDF_Obj_Write(value, stream, nullptr);
    if (status == HPDF_OK) status = HPDF_Stream_WriteStr(stream, "\n");
    HPDF_Obj_Free(t.doc_->mmgr, value);
  };
  name("S", e.role);
  static const Texts kNoTexts;
  const Texts& texts = e.texts ? *e.texts : kNoTexts;
  if (!texts.id.empty()) object("ID", HPDF_String_New(t.doc_->mmgr, texts.id.c_str(), nullptr));
  if (!texts.actual_text.empty()) object("ActualText", text_string(t.doc_, texts.actual_text));
  if (!texts.list_numbering.empty()) {
    out += "/A <<\n";
    name("O", "List");
    name("ListNumbering", texts.list_numbering);
    out += ">>\n";
  }
  if (!texts.alt.empty()) object("Alt", text_string(t.doc_, texts.alt));
  if (*e.scope) {
    out += "/A <<\n";
    name("O", "Table");
    name("Scope", e.scope);
    out += ">>\n";
  }
  out += "/P ";
  ref(e.parent < 0 ? t.root_ : t.elements_[e.parent].dict);
  out += '\n';
  // /Pg: the page of the element's first marked content; MCIDs on it
  // are written as plain numbers.
  std::optional<size_t> pg;
  for (const auto& k : e.kids)
    if (k.element < 0 && !k.annotation) {
      pg = k.page;
      break;
    }
  if (pg) {
    out += "/Pg ";
    ref(t.pages_[*pg]);
    out += '\n';
  }
  if (!e.kids.empty()) {
    out += "/K [ ";
    for (const auto& k : e.kids) {
      if (k.element >= 0) {
        ref(t.elements_[k.element].dict);
      } else if (k.annotation) {
        out += "<<\n/Type /OBJR\n/Pg ";
        ref(t.pages_[k.page]);
        out += "\n/Obj ";
        ref(k.annotation);
        out += "\n>>";
      } else if (pg == k.page) {
        fmt::format_to(std::back_inserter(out), "{}", k.mcid);
      } else {
        out += "<<\n/Type /MCR\n/Pg ";
        ref(t.pages_[k.page]);
        fmt::format_to(std::back_inserter(out), "\n/MCID {}\n>>", k.mcid);
      }
      out += ' ';
    }
    out += "]\n";
  }
  if (status == HPDF_OK)
    status = HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(out.data()),
                               static_cast<HPDF_UINT>(out.size()));
  return status;
}

void Tagger::finish(const std::vector<HPDF_Page>& pages, const std::string& lang) {
  if (!enabled_) return;
  limit_kids();
  HPDF_Dict root = HPDF_Dict_New(doc_->mmgr);
  HPDF_Xref_Add(doc_->xref, root);
  HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
  // The elements' dictionaries are empty until libharu writes them: then
  // write_element builds each one's entries, writes them and frees them
  // (a structure element in libharu's objects takes about 1 KB; the tree of
  // a 2 000-page document would otherwise hold some 40 MB until saved).
  pages_ = pages;
  root_ = root;
  for (auto& e : elements_) {
    e.dict = HPDF_Dict_New(doc_->mmgr);
    HPDF_Xref_Add(doc_->xref, e.dict);
    e.dict->attr = this;
    e.dict->write_fn = &Tagger::write_element;
  }
  first_id_ = elements_.front().dict->header.obj_id & 0x00FFFFFF;
  HPDF_Dict_Add(root, "K", elements_[0].dict);

  // /ParentTree: page i's marked content under key i, annotations after.
  std::vector<void*> values;
  for (size_t i = 0; i < pages.size(); ++i) {
    HPDF_Dict_AddNumber(pages[i], "StructParents", static_cast<HPDF_INT32>(i));
    const auto& owners = mcid_owner_[i];
    if (owners.size() > HPDF_LIMIT_MAX_ARRAY)
      throw ExportError(fmt::format("page {} holds {} tagged sequences, more than a PDF array takes ({})",
                                    i + 1, owners.size(), HPDF_LIMIT_MAX_ARRAY));
    HPDF_Array array = HPDF_Array_New(doc_->mmgr);
    for (int e : owners) HPDF_Array_Add(array, elements_[e].dict);
    values.push_back(array);
  }
  for (const auto& [annotation, e] : annotations_) {
    HPDF_Dict_AddNumber(annotation, "StructParent", static_cast<HPDF_INT32>(values.size()));
    values.push_back(elements_[e].dict);
  }
  const HPDF_INT32 key = static_cast<HPDF_INT32>(values.size());
  for (size_t i = 0; i < pages.size(); ++i)
    if (HPDF_Dict_GetItem(pages[i], "Annots", HPDF_OCLASS_ARRAY)) HPDF_Dict_AddName(pages[i], "Tabs", "S");
  HPDF_Dict_Add(root, "ParentTree", parent_tree(values));
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
  // Only the elements are read from here on (write_element).
  references_ = {};
  blocks_ = {};
  groups_ = {};
  subs_ = {};
  mcid_owner_ = {};
  annotations_ = {};
}

}  // namespace kansli::pdf
