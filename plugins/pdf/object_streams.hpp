// Rewrites a finished PDF with PDF 1.5 object streams and a cross-reference
// stream. libharu writes every object (each structure element of the tagged
// PDF, each annotation) as an uncompressed indirect object with a 20-byte
// xref entry; packed into Flate-compressed object streams the structure tree
// costs a fraction of that. libqpdf (Debian's libqpdf-dev) does the rewrite
// in memory; stream data is copied as it is, the XMP stream stays
// uncompressed, /ID[0] is kept and /ID[1] is derived from the content, so
// the output stays deterministic.
//
// Errors: a PDF qpdf cannot read or write throws ExportError. Thread-safe
// (no shared state).
#ifndef KANSLI_PDF_OBJECT_STREAMS_HPP
#define KANSLI_PDF_OBJECT_STREAMS_HPP

#include <string>

namespace kansli::pdf {

std::string pack_object_streams(const std::string& pdf);

}  // namespace kansli::pdf

#endif
