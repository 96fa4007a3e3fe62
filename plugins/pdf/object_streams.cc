#include "object_streams.hpp"

// qpdf 11: use std::shared_ptr throughout, no PointerHolder (and no warning).
#define POINTERHOLDER_TRANSITION 4

#include <exception>
#include <kansli/exporter_support.hpp>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

namespace kansli::pdf {

std::string pack_object_streams(const std::string& pdf) {
  try {
    QPDF in;
    in.setSuppressWarnings(true);
    in.processMemoryFile("kansli.pdf", pdf.data(), pdf.size());
    QPDFWriter out(in);
    out.setOutputMemory();
    out.setObjectStreamMode(qpdf_o_generate);
    // Streams pass through as libharu wrote them: no decoding, and no
    // "compression" either, which would inflate and deflate every stream
    // again (libharu's /Filter is an array, which qpdf does not take for
    // already compressed); the XMP stays uncompressed as PDF/A wants.
    out.setDecodeLevel(qpdf_dl_none);
    out.setCompressStreams(false);
    out.setDeterministicID(true);
    out.setNewlineBeforeEndstream(true);  // PDF/A: an EOL before endstream
    out.write();
    auto buffer = out.getBufferSharedPointer();
    return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
  } catch (const std::exception& e) {
    throw ExportError(std::string("writing object streams (qpdf) failed: ") + e.what());
  }
}

}  // namespace kansli::pdf
