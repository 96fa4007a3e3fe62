#include "inline_text.hpp"

#include "record_rules.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace kansli {

namespace {

struct Style {
  bool bold = false, italic = false, code = false;
  std::string link;
};

// Escapes what CommonMark would read as block syntax at the start of the
// text, so that "1. Ordförande ..." stays a sentence.
std::string escape_block_start(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t");
  std::string out(text.substr(start == std::string_view::npos ? text.size() : start));
  if (out.empty()) return out;
  size_t i = 0;
  while (i < out.size() && out[i] >= '0' && out[i] <= '9') ++i;
  if (i > 0 && i < out.size() && (out[i] == '.' || out[i] == ')')) return out.insert(i, "\\");
  if (std::string_view("#>-+*=|~`").find(out[0]) != std::string_view::npos) return "\\" + out;
  return out;
}

class SpanWriter {
 public:
  SpanWriter(const FootnoteNumberer& footnotes, std::vector<std::string> footnote_ids,
             google::protobuf::RepeatedPtrField<ir::Span>& out)
      : footnotes_(footnotes), footnote_ids_(std::move(footnote_ids)), out_(out) {}

  void walk(cmark_node* node, Style style) {
    for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
      switch (cmark_node_get_type(child)) {
        case CMARK_NODE_TEXT: text(cmark_node_get_literal(child), style); break;
        case CMARK_NODE_SOFTBREAK: text(" ", style); break;
        case CMARK_NODE_LINEBREAK: out_.Add()->set_line_break(true); break;
        case CMARK_NODE_CODE: {
          Style code = style;
          code.code = true;
          text(cmark_node_get_literal(child), code);
          break;
        }
        case CMARK_NODE_HTML_INLINE: text(cmark_node_get_literal(child), style); break;
        case CMARK_NODE_EMPH: {
          Style inner = style;
          inner.italic = true;
          walk(child, inner);
          break;
        }
        case CMARK_NODE_STRONG: {
          Style inner = style;
          inner.bold = true;
          walk(child, inner);
          break;
        }
        case CMARK_NODE_LINK: {
          Style inner = style;
          inner.link = cmark_node_get_url(child);
          walk(child, inner);
          break;
        }
        case CMARK_NODE_FOOTNOTE_REFERENCE: {
          // cmark-gfm replaces the label with the footnote's index in this
          // text (1 = the first label referenced); map it back to the id.
          const unsigned index = static_cast<unsigned>(std::atoi(cmark_node_get_literal(child)));
          if (index >= 1 && index <= footnote_ids_.size())
            out_.Add()->set_footnote(footnotes_(footnote_ids_[index - 1]));
          break;
        }
        case CMARK_NODE_FOOTNOTE_DEFINITION: break;  // Definitions are ours, appended below.
        case CMARK_NODE_PARAGRAPH:
          if (cmark_node_previous(child) && cmark_node_get_type(cmark_node_previous(child)) == CMARK_NODE_PARAGRAPH)
            out_.Add()->set_line_break(true);
          walk(child, style);
          break;
        default: walk(child, style); break;
      }
    }
  }

 private:
  void text(const char* literal, const Style& style) {
    if (!literal || !*literal) return;
    // Merge with the previous span when it looks the same.
    if (!out_.empty()) {
      auto& last = out_[out_.size() - 1];
      if (!last.footnote() && !last.line_break() && last.bold() == style.bold &&
          last.italic() == style.italic && last.code() == style.code && last.link() == style.link) {
        last.mutable_text()->append(literal);
        return;
      }
    }
    auto* span = out_.Add();
    span->set_text(literal);
    span->set_bold(style.bold);
    span->set_italic(style.italic);
    span->set_code(style.code);
    span->set_link(style.link);
  }

  const FootnoteNumberer& footnotes_;
  std::vector<std::string> footnote_ids_;
  google::protobuf::RepeatedPtrField<ir::Span>& out_;
};

}  // namespace

void append_inline(std::string_view text, const FootnoteNumberer& footnotes,
                   google::protobuf::RepeatedPtrField<ir::Span>& out) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  std::string markdown = escape_block_start(text);
  // Footnote references only parse when their definitions exist; the texts
  // live in the model, so define each referenced id with a placeholder.
  std::vector<std::string> ids;  // distinct, in order of first reference
  for (auto& id : rules::footnote_references(text))
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
  if (!ids.empty()) {
    markdown += "\n";
    for (const auto& id : ids) markdown += "\n[^" + id + "]: .";
  }

  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(
      cmark_parser_new(CMARK_OPT_FOOTNOTES), &cmark_parser_free);
  if (auto* autolink = cmark_find_syntax_extension("autolink"))
    cmark_parser_attach_syntax_extension(parser.get(), autolink);
  if (auto* strikethrough = cmark_find_syntax_extension("strikethrough"))
    cmark_parser_attach_syntax_extension(parser.get(), strikethrough);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(cmark_parser_finish(parser.get()),
                                                               &cmark_node_free);
  SpanWriter(footnotes, std::move(ids), out).walk(root.get(), Style{});
}

}  // namespace kansli
