// What makes the file PDF/A-2a (2b untagged) besides embedded fonts: the Info dictionary
// and the matching XMP packet, a deterministic document ID, and the sRGB
// output intent.
#ifndef KANSLI_PDF_PDFA_METADATA_HPP
#define KANSLI_PDF_PDFA_METADATA_HPP

#include <hpdf.h>
#include <kansli/ir.pb.h>

#include <string>

namespace kansli::pdf {

// Info dictionary and the matching XMP packet declaring PDF/A-2, and a
// document ID derived from `content` (the same content gives the same ID).
// `tagged`: the file is tagged (tagging.hpp), so the XMP declares PDF/A-2a
// and PDF/UA-1 (else PDF/A-2b).
void add_metadata(HPDF_Doc doc, const ir::Metadata& metadata, const std::string& content, bool tagged);

// The PDF/A output intent with the ICC profile at `icc_path` (RGB). Throws
// ExportError when the file is missing or not an ICC profile.
void add_output_intent(HPDF_Doc doc, const std::string& icc_path);

}  // namespace kansli::pdf

#endif
