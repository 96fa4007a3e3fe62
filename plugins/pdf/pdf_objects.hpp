// What libharu 2.3.0 does not write by itself, added through its object API
// (hpdf_objects.h) before the document is saved: signature fields, PDF/A
// metadata (XMP, output intent, document ID) and correct ToUnicode/CIDSet
// streams for the embedded fonts.
#ifndef KANSLI_PDF_OBJECTS_HPP
#define KANSLI_PDF_OBJECTS_HPP

#include <hpdf.h>
#include <kansli/ir.pb.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace kansli::pdf {

struct SignatureField {
  HPDF_Page page;
  double x, y, w, h;
  std::string name;
};

// An AcroForm with one empty /FT /Sig widget per field, each on its page.
void add_signature_fields(HPDF_Doc doc, const std::vector<SignatureField>& fields);

// Info dictionary and the matching XMP packet declaring PDF/A-2b, and a
// document ID derived from `content` (the same content gives the same ID).
void add_metadata(HPDF_Doc doc, const ir::Metadata& metadata, const std::string& content);

// The PDF/A output intent with the ICC profile at `icc_path` (RGB).
void add_output_intent(HPDF_Doc doc, const std::string& icc_path);

// Replaces libharu's placeholder ToUnicode CMap of each font with one that
// maps every code it uses. (libharu creates the font descriptor only while
// saving, so no CIDSet can be added: that is why the exporter declares
// PDF/A-2b, where CIDSet is optional, and not PDF/A-1b, where it is required.)
void fix_fonts(HPDF_Doc doc, const std::map<HPDF_Font, std::set<char32_t>>& fonts);

// Bookmarks for the headings listed in the table of contents (level 1 at
// the top, deeper levels under the previous shallower one). `anchors` maps a
// heading anchor to its page index and y.
void add_outline(HPDF_Doc doc, const ir::Document& document,
                 const std::map<std::string, std::pair<size_t, double>>& anchors, const std::vector<HPDF_Page>& pages);

// Makes an annotation printable (PDF/A requires the Print flag).
void set_print_flag(HPDF_Annotation annotation);

}  // namespace kansli::pdf

#endif
