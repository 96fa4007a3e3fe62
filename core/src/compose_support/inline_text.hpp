// Inline text (CommonMark with GitHub extensions, parsed by cmark-gfm) to IR
// spans. Validation and composition read inline text through this one
// parser, so they agree on what a text refers to.
#ifndef KANSLI_INLINE_TEXT_HPP
#define KANSLI_INLINE_TEXT_HPP

#include <kansli/ir.pb.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kansli {

// Returns the number to show for footnote `id` (the caller numbers them).
using FootnoteNumberer = std::function<unsigned(const std::string& id)>;

// Appends the spans of `text` to `out`. Inline fields never hold blocks:
// syntax that would start one at the start of a line ("1. ", "# ", "- ",
// "> ", a code fence) stays text, and lines and paragraphs become line breaks.
void append_inline(std::string_view text, const FootnoteNumberer& footnotes,
                   google::protobuf::RepeatedPtrField<ir::Span>& out);
// Whether `text` reads as itself, one span without markup, so that
// append_inline need not parse it.
bool is_plain_inline(std::string_view text);
// The same as append_inline, always through cmark-gfm (append_inline gives plain text its
// single span without parsing); for tests that compare the two.
void append_inline_parsed(std::string_view text, const FootnoteNumberer& footnotes,
                          google::protobuf::RepeatedPtrField<ir::Span>& out);

// What a piece of inline text refers to, as the composer will read it.
struct InlineReferences {
  // Footnote ids referenced ([^id]), in order, repeats included.
  std::vector<std::string> footnotes;
  // Link targets ("https://...", "mailto:...").
  std::vector<std::string> links;
};
InlineReferences inline_references(std::string_view text);

// Title text (a § title, a sub-heading): plain text whose only markup is a
// footnote reference [^id]. Appends its spans to `out`.
void append_title(std::string_view text, const FootnoteNumberer& footnotes,
                  google::protobuf::RepeatedPtrField<ir::Span>& out);
// The footnote ids a title text refers to, in order, repeats included.
std::vector<std::string> title_references(std::string_view text);

// Escapes Markdown syntax so that `text` reads literally.
std::string escape_markdown(std::string_view text);

}  // namespace kansli

#endif
