// A house style's Word reference document (style.proto
// HouseStyle.reference_document): the core reads the .docx once, checks it
// and hands its styles, theme, font table, default header and footer and
// the images they use to the exporters in the IR, so no exporter reads a
// file. Reentrant; errors are returned as one message naming the file.
#ifndef KANSLI_REFERENCE_DOCUMENT_HPP
#define KANSLI_REFERENCE_DOCUMENT_HPP

#include <kansli/ir.pb.h>

#include <cstddef>
#include <string>

namespace kansli {

// The largest reference document kansli reads (10 MiB), and the most its
// parts may unpack to together: a template, not an archive.
inline constexpr std::size_t kMaxReferenceDocumentBytes = 10 * 1024 * 1024;

// Reads the .docx at `path` (absolute) into `out`. Checks that it is a
// regular file of at most kMaxReferenceDocumentBytes, a ZIP archive with
// word/styles.xml, that every XML part taken is well-formed and every
// part they relate to is in the archive. Returns an empty string, or what
// is wrong (naming `path`); `out` is then unspecified.
std::string read_reference_document(const std::string& path, ir::ReferenceDocument& out);

// The same checks on a .docx already in memory (`path` names it in
// messages); the fuzz harness tests/fuzz/fuzz_reference_document.cc
// feeds it.
std::string parse_reference_document(const std::string& path, std::string bytes, ir::ReferenceDocument& out);

}  // namespace kansli

#endif
