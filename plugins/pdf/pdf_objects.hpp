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

// Info dictionary and the matching XMP packet declaring PDF/A-1b, and a
// document ID derived from `content` (the same content gives the same ID).
void add_metadata(HPDF_Doc doc, const ir::Metadata& metadata, const std::string& content);

// The PDF/A output intent with the ICC profile at `icc_path` (RGB).
void add_output_intent(HPDF_Doc doc, const std::string& icc_path);

// Replaces libharu's placeholder ToUnicode CMap of each font with one that
// maps every code it uses, and adds the CIDSet PDF/A-1 asks of subsets.
void fix_fonts(HPDF_Doc doc, const std::map<HPDF_Font, std::set<char32_t>>& fonts);

// Makes an annotation printable (PDF/A requires the Print flag).
void set_print_flag(HPDF_Annotation annotation);

}  // namespace kansli::pdf

#endif
