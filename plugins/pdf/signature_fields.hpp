// Empty signature fields: an AcroForm with one /FT /Sig widget per
// signatory, on the signature line, so that a signing service can sign the
// file as it is.
#ifndef KANSLI_PDF_SIGNATURE_FIELDS_HPP
#define KANSLI_PDF_SIGNATURE_FIELDS_HPP

#include <hpdf.h>

#include <string>
#include <vector>

namespace kansli::pdf {

struct SignatureField {
  HPDF_Page page;
  double x, y, w, h;
  std::string name;
  std::string tooltip;  // /TU: who signs there, in what role
};

// An AcroForm with one empty /FT /Sig widget per field, each on its page;
// returns the widgets in the order of `fields`.
std::vector<HPDF_Dict> add_signature_fields(HPDF_Doc doc, const std::vector<SignatureField>& fields);

}  // namespace kansli::pdf

#endif
