// The house style's Word reference document in a DOCX (issue 15, as
// pandoc's --reference-doc): its styles win over kansli's of the same id and
// kansli's others are added, so every style id the body uses stays defined;
// its default header and footer come first in kansli's, followed by
// kansli's own paragraphs. The core has read and checked the parts
// (ir::ReferenceDocument); these functions only merge XML, with libxml2.
// Throw ExportError when a part does not parse. Reentrant.
#ifndef KANSLI_DOCX_REFERENCE_DOCUMENT_HPP
#define KANSLI_DOCX_REFERENCE_DOCUMENT_HPP

#include <string>

namespace kansli::docx {

// The reference's styles.xml with kansli's styles (`own`) it lacks appended
// (by w:styleId); an added default style (w:default) loses that mark when
// the reference has a default of its type. The reference's document
// defaults and latent styles win; kansli's stand in when it has none.
std::string merge_styles(const std::string& reference, const std::string& own);

// The reference part with the child elements of `own`'s root appended to
// its root: a header's paragraphs after the reference's, a .rels part's
// relationships after the reference's.
std::string append_children(const std::string& reference, const std::string& own);

}  // namespace kansli::docx

#endif
