// Small helpers for building PDF objects through libharu's object API
// (hpdf_objects.h): text strings, rectangles, streams. Used by the parts of
// the file libharu 2.3.0 does not write by itself (signature fields, PDF/A
// metadata, bookmarks, ToUnicode maps).
#ifndef KANSLI_PDF_OBJECT_HELPERS_HPP
#define KANSLI_PDF_OBJECT_HELPERS_HPP

#include <hpdf.h>

#include <string>
#include <string_view>

#include "deflate.hpp"

namespace kansli::pdf {

// A PDF text string: PDFDocEncoding when every character has the same code
// there as in Latin-1 (shorter), else UTF-16BE with a byte order mark.
void* text_string(HPDF_Doc doc, const std::string& utf8);
// [x y x+w y+h]
HPDF_Array rect(HPDF_Doc doc, double x, double y, double w, double h);
// A new indirect stream object holding `content` uncompressed (compressed
// data goes through new_compressed_stream). Throws ExportError when out of
// memory.
HPDF_Dict new_stream(HPDF_Doc doc, const std::string& content);
// `data` Flate-compressed (zlib format, by libdeflate: common/deflate.hpp);
// safe from any thread. Level 6 is zlib's default; 1 is for large, simple
// data (images).
inline std::string deflate(std::string_view data, int level = 6) {
  return common::deflate(data, level, common::FlateFormat::zlib);
}
// Replaces the data of a stream object with `flate`, data already
// Flate-compressed: libharu copies it as it is when it saves, and then it
// is freed (a document is saved once).
void set_compressed_data(HPDF_Dict stream, const std::string& flate);
// A new indirect stream object holding `flate`, as above.
HPDF_Dict new_compressed_stream(HPDF_Doc doc, const std::string& flate);
// For a placeholder dictionary's write_fn (libharu calls it between the
// placeholder's "<<" and ">>"): writes `dict`'s entries as HPDF_Dict_Write
// writes a dictionary's entries, then frees `dict`. Returns libharu's status.
HPDF_STATUS write_entries_and_free(HPDF_Dict dict, HPDF_Stream stream);
// Appends `name` (without its slash) as a PDF name's characters, escaped
// as libharu's HPDF_Stream_WriteEscapeName escapes them (#XX).
void append_name(std::string& out, std::string_view name);
// Makes an annotation printable (PDF/A requires the Print flag).
void set_print_flag(HPDF_Annotation annotation);

}  // namespace kansli::pdf

#endif
