// The house style's logo (IR HouseStyle.logo) as a PDF image XObject.
// A JPEG is embedded as it is (DCTDecode). A PNG is decoded with libpng
// once per process: its colour and its alpha channel (a soft mask) are
// compressed once and shared by every later document and thread that uses
// the same logo bytes; each document then only copies the compressed data.
// Errors: ExportError naming what is wrong with the image. Threads: safe to
// call from several threads at once (the cache has a mutex).
#ifndef KANSLI_PDF_LOGO_HPP
#define KANSLI_PDF_LOGO_HPP

#include <hpdf.h>
#include <kansli/ir.pb.h>

namespace kansli::pdf {

// The logo as an image of `doc`; null when `style` has no logo.
HPDF_Image logo_image(HPDF_Doc doc, const ir::HouseStyle& style);

}  // namespace kansli::pdf

#endif
