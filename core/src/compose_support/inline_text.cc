#include "inline_text.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace kansli {

namespace {

using NodePtr = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;

struct Style {
  bool bold = false, italic = false, code = false;
  std::string link;
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Escapes what CommonMark would read as the start of a block on one line,
// so that "1. Ordförande ..." or "- ett" stays a sentence. Emphasis and
// links at the start of a line are left alone.
std::string escape_line_start(std::string_view line) {
  size_t start = 0;
  while (start < line.size() && is_space(line[start])) ++start;
  std::string out(line.substr(start));  // leading blanks would make a code block
  if (out.empty()) return out;
  const char c = out[0];
  const bool space_after = out.size() == 1 || is_space(out[1]);
  size_t digits = 0;
  while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9') ++digits;
  size_t hashes = 0;
  while (hashes < out.size() && out[hashes] == '#') ++hashes;
  const bool one_char_line = std::string_view("-=*_").find(c) != std::string_view::npos &&
                             out.find_first_not_of(std::string(1, c) + " \t") == std::string::npos &&
                             out.size() >= 2;
  size_t at = std::string::npos;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')'))
    at = digits;
  else if (c == '>')
    at = 0;
  else if ((c == '-' || c == '+' || c == '*') && space_after)
    at = 0;
  else if (hashes > 0 && hashes <= 6 && (hashes == out.size() || is_space(out[hashes])))
    at = 0;
  else if (one_char_line)
    at = 0;
  else if (out.rfind("```", 0) == 0 || out.rfind("~~~", 0) == 0)
    at = 0;
  else if (c == '[') {
    // A link reference definition: "[label]: destination".
    const size_t close = out.find(']');
    if (close != std::string::npos && close + 1 < out.size() && out[close + 1] == ':') at = 0;
  } else if (c == '<' && out.size() > 1 &&
             (std::isalpha(static_cast<unsigned char>(out[1])) || out[1] == '/' || out[1] == '!' ||
              out[1] == '?')) {
    // An HTML block, unless it is an autolink "<https://...>" or "<a@b.se>".
    const std::string_view tag = std::string_view(out).substr(0, out.find('>'));
    if (tag.find(':') == std::string_view::npos && tag.find('@') == std::string_view::npos) at = 0;
  }
  // (Built, not insert()ed: g++ 12 warns falsely about insert here.)
  if (at != std::string::npos) out = out.substr(0, at) + "\\" + out.substr(at);
  return out;
}

std::string escape_blocks(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t end = text.find('\n', pos);
    out += escape_line_start(
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) break;
    out += '\n';
    pos = end + 1;
  }
  return out;
}

// Footnote references are not left to cmark-gfm's footnote extension,
// which renumbers them and keeps no public way back to the label. Each
// "[^id]" is replaced before parsing by a marker cmark passes through as
// text: U+E000, the id's index, U+E001 (private-use characters).
constexpr std::string_view kMarkOpen = "\xEE\x80\x80", kMarkClose = "\xEE\x80\x81";

struct Parsed {
  NodePtr root{nullptr, &cmark_node_free};
  // The ids behind the markers, by index.
  std::vector<std::string> footnote_ids;
};

// Calls text(piece) for the text around footnote references and mark(id)
// for each "[^id]" (an id without spaces or '[', not after a backslash).
template <class Text, class Mark>
void scan_footnote_references(std::string_view text, Text&& on_text, Mark&& on_mark) {
  size_t pos = 0;
  while (true) {
    const size_t at = text.find("[^", pos);
    const size_t end = at == std::string_view::npos ? at : text.find(']', at + 2);
    if (end == std::string_view::npos) break;
    const std::string_view id = text.substr(at + 2, end - at - 2);
    if (id.empty() || id.find_first_of(" \t\n[") != std::string_view::npos ||
        (at > 0 && text[at - 1] == '\\')) {
      on_text(text.substr(pos, at + 2 - pos));
      pos = at + 2;
      continue;
    }
    on_text(text.substr(pos, at - pos));
    on_mark(std::string(id));
    pos = end + 1;
  }
  on_text(text.substr(pos));
}

Parsed parse(std::string_view text) {
  Parsed parsed;
  std::string marked;
  scan_footnote_references(
      text, [&](std::string_view piece) { marked.append(piece); },
      [&](std::string id) {
        marked.append(kMarkOpen).append(std::to_string(parsed.footnote_ids.size())).append(kMarkClose);
        parsed.footnote_ids.push_back(std::move(id));
      });
  const std::string markdown = escape_blocks(marked);
  {
    // cmark-gfm changes global tables while a parser with extensions runs
    // (github/cmark-gfm#221): parse one text at a time in the process.
    static std::mutex cmark_mutex;
    std::lock_guard lock(cmark_mutex);
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_DEFAULT),
                                                                       &cmark_parser_free);
    for (const char* name : {"autolink", "strikethrough"})
      if (auto* extension = cmark_find_syntax_extension(name))
        cmark_parser_attach_syntax_extension(parser.get(), extension);
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    parsed.root.reset(cmark_parser_finish(parser.get()));
  }
  return parsed;
}

// Calls text(part) for the text between markers and footnote(index) for
// each marker in a literal.
template <class Text, class Footnote>
void split_markers(std::string_view literal, Text&& text, Footnote&& footnote) {
  size_t pos = 0;
  while (pos < literal.size()) {
    const size_t open = literal.find(kMarkOpen, pos);
    const size_t close = open == std::string_view::npos ? open : literal.find(kMarkClose, open);
    if (close == std::string_view::npos) break;
    if (open > pos) text(literal.substr(pos, open - pos));
    footnote(static_cast<size_t>(std::atol(std::string(literal.substr(open + 3, close - open - 3)).c_str())));
    pos = close + kMarkClose.size();
  }
  if (pos < literal.size()) text(literal.substr(pos));
}

// The literal with markers turned back into "[^id]" (inside code, URLs).
std::string restore_markers(std::string_view literal, const std::vector<std::string>& ids) {
  std::string out;
  split_markers(
      literal, [&](std::string_view part) { out.append(part); },
      [&](size_t index) { out += "[^" + (index < ids.size() ? ids[index] : std::string()) + "]"; });
  return out;
}

// Walks the tree without recursion (texts may nest deeply), calling
// `visit(node, entering)` for every node; leaves are only entered.
template <class Visit>
void walk(cmark_node* root, Visit&& visit) {
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root), &cmark_iter_free);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE)
    visit(cmark_iter_get_node(iter.get()), event == CMARK_EVENT_ENTER);
}

class SpanWriter {
 public:
  SpanWriter(const FootnoteNumberer& footnotes, const std::vector<std::string>& footnote_ids,
             google::protobuf::RepeatedPtrField<ir::Span>& out)
      : footnotes_(footnotes), footnote_ids_(footnote_ids), out_(out), first_(out.size()) {
    styles_.emplace_back();
  }

  void operator()(cmark_node* node, bool entering) {
    const auto type = cmark_node_get_type(node);
    const bool styling = type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK ||
                         type == CMARK_NODE_IMAGE;
    if (!entering && !styling) return;  // Everything else acts once, on entry.
    const Style& style = styles_.back();
    switch (type) {
      case CMARK_NODE_TEXT:
        split_markers(
            cmark_node_get_literal(node),
            [&](std::string_view part) { text(std::string(part).c_str(), style); },
            [&](size_t index) {
              if (index < footnote_ids_.size()) out_.Add()->set_footnote(footnotes_(footnote_ids_[index]));
            });
        break;
      case CMARK_NODE_HTML_INLINE: text(restore(cmark_node_get_literal(node)).c_str(), style); break;
      case CMARK_NODE_SOFTBREAK: text(" ", style); break;
      case CMARK_NODE_LINEBREAK: line_break(); break;
      case CMARK_NODE_CODE: {
        Style code = style;
        code.code = true;
        text(restore(cmark_node_get_literal(node)).c_str(), code);
        break;
      }
      case CMARK_NODE_EMPH:
      case CMARK_NODE_STRONG:
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        if (entering) {
          Style inner = style;
          if (type == CMARK_NODE_EMPH) inner.italic = true;
          if (type == CMARK_NODE_STRONG) inner.bold = true;
          if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
            inner.link = restore(cmark_node_get_url(node));
          styles_.push_back(inner);
        } else {
          styles_.pop_back();
        }
        break;
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_ITEM:
        // Blocks cannot form after escaping, but a second paragraph can:
        // keep it as a line break, never glue words together.
        if (out_.size() > first_) line_break();
        break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        if (out_.size() > first_) line_break();
        text(restore(cmark_node_get_literal(node)).c_str(), style);
        break;
      default: break;
    }
  }

 private:
  void line_break() { out_.Add()->set_line_break(true); }
  std::string restore(const char* literal) const {
    return restore_markers(literal ? literal : "", footnote_ids_);
  }

  void text(const char* literal, const Style& style) {
    if (!literal || !*literal) return;
    // Merge with the previous span when it looks the same.
    if (out_.size() > first_) {
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
  const std::vector<std::string>& footnote_ids_;
  google::protobuf::RepeatedPtrField<ir::Span>& out_;
  const int first_;
  std::vector<Style> styles_;
};

}  // namespace

// Text that CommonMark with the autolink and strikethrough extensions reads
// as itself, one text node: one line without blanks at either end and
// without any character that can start markup, an entity, an escape or an
// autolink. Most fields are such text; they need no parser (which cost
// about a twentieth of a protokoll's render). Block syntax at the start
// ("1. ", "# ", "- ") is escaped before parsing anyway, so it reads as text.
bool is_plain_inline(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  if (text.find_first_of(std::string_view("\\`*_[]!<>&~@\t\n\r\0|", 17)) != std::string_view::npos)
    return false;
  if (text.find("://") != std::string_view::npos) return false;
  // www. (any case), mailto: and xmpp: start autolinks.
  auto ends_with = [&](size_t at, std::string_view word) {
    if (at < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(text[at - word.size() + i])) != word[i]) return false;
    return true;
  };
  for (size_t at = text.find_first_of(".:"); at != std::string_view::npos;
       at = text.find_first_of(".:", at + 1))
    if (text[at] == '.' ? ends_with(at, "www") : ends_with(at, "mailto") || ends_with(at, "xmpp"))
      return false;
  return true;
}

void append_inline_parsed(std::string_view text, const FootnoteNumberer& footnotes,
                          google::protobuf::RepeatedPtrField<ir::Span>& out) {
  const Parsed parsed = parse(text);
  SpanWriter writer(footnotes, parsed.footnote_ids, out);
  walk(parsed.root.get(), writer);
}

void append_inline(std::string_view text, const FootnoteNumberer& footnotes,
                   google::protobuf::RepeatedPtrField<ir::Span>& out) {
  if (!is_plain_inline(text)) return append_inline_parsed(text, footnotes, out);
  auto* span = out.Add();
  span->set_text(std::string(text));
  span->set_bold(false);
  span->set_italic(false);
  span->set_code(false);
  span->set_link(std::string());
}

InlineReferences inline_references(std::string_view text) {
  if (is_plain_inline(text)) return {};
  const Parsed parsed = parse(text);
  InlineReferences references;
  walk(parsed.root.get(), [&](cmark_node* node, bool entering) {
    const auto type = cmark_node_get_type(node);
    if (type == CMARK_NODE_TEXT)
      split_markers(
          cmark_node_get_literal(node), [](std::string_view) {},
          [&](size_t index) {
            if (index < parsed.footnote_ids.size())
              references.footnotes.push_back(parsed.footnote_ids[index]);
          });
    else if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) && entering)
      references.links.push_back(restore_markers(cmark_node_get_url(node), parsed.footnote_ids));
  });
  return references;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_{}[]()<>#+-.!|~^").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

void append_title(std::string_view text, const FootnoteNumberer& footnotes,
                  google::protobuf::RepeatedPtrField<ir::Span>& out) {
  std::string pending;
  const auto flush = [&] {
    if (!pending.empty()) out.Add()->set_text(std::move(pending));
    pending.clear();
  };
  scan_footnote_references(
      text, [&](std::string_view piece) { pending.append(piece); },
      [&](const std::string& id) {
        flush();
        out.Add()->set_footnote(footnotes(id));
      });
  flush();
}

std::vector<std::string> title_references(std::string_view text) {
  std::vector<std::string> ids;
  scan_footnote_references(
      text, [](std::string_view) {}, [&](std::string id) { ids.push_back(std::move(id)); });
  return ids;
}

}  // namespace kansli
