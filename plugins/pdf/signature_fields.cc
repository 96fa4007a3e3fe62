#include "signature_fields.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "object_helpers.hpp"

namespace kansli::pdf {

std::vector<HPDF_Dict> add_signature_fields(HPDF_Doc doc, const std::vector<SignatureField>& fields) {
  std::vector<HPDF_Dict> widgets;
  if (fields.empty()) return widgets;
  HPDF_Array all = HPDF_Array_New(doc->mmgr);
  for (const auto& f : fields) {
    HPDF_Dict w = HPDF_Dict_New(doc->mmgr);
    HPDF_Xref_Add(doc->xref, w);
    HPDF_Dict_AddName(w, "Type", "Annot");
    HPDF_Dict_AddName(w, "Subtype", "Widget");
    HPDF_Dict_AddName(w, "FT", "Sig");
    HPDF_Dict_Add(w, "T", text_string(doc, f.name));
    if (!f.tooltip.empty()) HPDF_Dict_Add(w, "TU", text_string(doc, f.tooltip));
    HPDF_Dict_Add(w, "Rect", rect(doc, f.x, f.y, f.w, f.h));
    HPDF_Dict_AddNumber(w, "F", 4);
    HPDF_Dict_Add(w, "P", f.page);
    // An empty appearance: PDF/A-2 wants one on every widget; the signing
    // service draws its own when it signs.
    HPDF_Dict look = new_stream(doc, "");
    HPDF_Dict_AddName(look, "Type", "XObject");
    HPDF_Dict_AddName(look, "Subtype", "Form");
    HPDF_Dict_Add(look, "BBox", rect(doc, 0, 0, f.w, f.h));
    HPDF_Dict ap = HPDF_Dict_New(doc->mmgr);
    HPDF_Dict_Add(ap, "N", look);
    HPDF_Dict_Add(w, "AP", ap);
    auto annots = static_cast<HPDF_Array>(HPDF_Dict_GetItem(f.page, "Annots", HPDF_OCLASS_ARRAY));
    if (!annots) {
      annots = HPDF_Array_New(doc->mmgr);
      HPDF_Dict_Add(f.page, "Annots", annots);
    }
    HPDF_Array_Add(annots, w);
    HPDF_Array_Add(all, w);
    widgets.push_back(w);
  }
  HPDF_Dict form = HPDF_Dict_New(doc->mmgr);
  HPDF_Xref_Add(doc->xref, form);
  HPDF_Dict_Add(form, "Fields", all);
  HPDF_Dict_Add(doc->catalog, "AcroForm", form);
  return widgets;
}

}  // namespace kansli::pdf
