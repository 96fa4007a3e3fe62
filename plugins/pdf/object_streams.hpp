// Rewrites a finished PDF with PDF 1.5 object streams and a cross-reference
// stream. libharu writes every object (each structure element of the tagged
// PDF, each annotation) as an uncompressed indirect object with a 20-byte
// xref entry; packed into Flate-compressed object streams the structure tree
// costs a fraction of that. Stream objects are copied byte for byte, the
// trailer's entries (/Root, /Info, /ID) move into the xref stream, so the
// output is as deterministic as the input.
//
// Only for libharu's output: a file of another shape (another xref form,
// free entries, generations other than 0) is returned unchanged. Throws
// ExportError when zlib fails. Thread-safe (no shared state).
#ifndef KANSLI_PDF_OBJECT_STREAMS_HPP
#define KANSLI_PDF_OBJECT_STREAMS_HPP

#include <string>

namespace kansli::pdf {

std::string pack_object_streams(const std::string& pdf);

}  // namespace kansli::pdf

#endif
