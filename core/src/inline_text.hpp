// Inline text (CommonMark with GitHub extensions) to IR spans.
#ifndef KANSLI_INLINE_TEXT_HPP
#define KANSLI_INLINE_TEXT_HPP

#include <kansli/ir.pb.h>

#include <functional>
#include <string>
#include <string_view>

namespace kansli {

// Returns the number to show for footnote `id` (the caller numbers them).
using FootnoteNumberer = std::function<unsigned(const std::string& id)>;

// Appends the spans of `text` to `out`. Block syntax at the start of the
// text ("1. ", "# ", "- ") is kept as text: inline fields are never lists
// or headings.
void append_inline(std::string_view text, const FootnoteNumberer& footnotes,
                   google::protobuf::RepeatedPtrField<ir::Span>& out);

}  // namespace kansli

#endif
