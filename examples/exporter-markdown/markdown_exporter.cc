// Markdown exporter: the document IR as GitHub Flavored Markdown (headings,
// paragraphs, lists, pipe tables, footnotes). A complete third-party
// exporter: it needs nothing but the installed kansli SDK.
//
// Every word comes from the IR; this file only decides how blocks look in
// Markdown. Page furniture (headers, footers, page breaks) has no place in
// a Markdown file: page breaks become thematic breaks, the rest is left out.
#include <kansli/exporter_support.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace {

using kansli::ir::Block;
using kansli::ir::Span;
using Spans = google::protobuf::RepeatedPtrField<Span>;

// Backslash-escapes the characters that mean something inside a line of
// Markdown (emphasis, code, links, HTML, tables, entities), so text stays
// text.
std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_[]<>#|~&").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Escapes what would make a paragraph's first line a list item, a setext
// underline or an ordered list ("- ", "+ ", "= ", "2026. ").
std::string guard_line_start(std::string text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')'))
    text.insert(digits, "\\");
  else if (!text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == '='))
    text.insert(0, "\\");
  return text;
}

// A code span whose fence is longer than any backtick run inside.
std::string code_span(const std::string& text) {
  size_t longest = 0, run = 0;
  for (char c : text) longest = std::max(longest, run = (c == '`' ? run + 1 : 0));
  const std::string fence(longest + 1, '`');
  return fence + " " + text + " " + fence;
}

struct InlineStyle {
  // Inside a table cell a line break cannot be a newline.
  bool in_table = false;
};

// One span; emphasis markers hug the text, surrounding spaces stay outside
// (CommonMark does not take "** text **" as emphasis).
std::string span_markdown(const Span& span, const InlineStyle& style) {
  if (span.line_break()) return style.in_table ? "<br>" : "\\\n";
  if (span.footnote() != 0) return "[^" + std::to_string(span.footnote()) + "]";
  const std::string& text = span.text();
  const size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return text;
  const size_t last = text.find_last_not_of(' ');
  const std::string lead = text.substr(0, first), trail = text.substr(last + 1);
  std::string core = span.code() ? code_span(text.substr(first, last - first + 1))
                                 : escape(text.substr(first, last - first + 1));
  if (!span.link().empty()) core = "[" + core + "](<" + span.link() + ">)";
  if (span.italic()) core = "*" + core + "*";
  if (span.bold()) core = "**" + core + "**";
  return lead + core + trail;
}

std::string spans_markdown(const Spans& spans, const InlineStyle& style = {}) {
  std::string out;
  for (const auto& span : spans) out += span_markdown(span, style);
  return out;
}

std::string heading_text(const kansli::ir::Heading& heading) {
  std::string text = spans_markdown(heading.spans());
  return heading.number().empty() ? text : escape(heading.number()) + " " + text;
}

std::string table_markdown(const kansli::ir::Table& table) {
  using kansli::ir::Row;
  std::string out;
  if (!table.caption().empty()) out += "**" + escape(table.caption()) + "**\n\n";
  size_t width = static_cast<size_t>(table.columns_size());
  for (const auto& row : table.rows()) {
    size_t cells = 0;
    for (const auto& cell : row.cells()) cells += std::max<uint32_t>(cell.column_span(), 1);
    width = std::max(width, cells);
  }
  if (width == 0) return out;
  auto row_markdown = [&](const Row& row) {
    const bool strong = row.kind() == Row::SUBTOTAL || row.kind() == Row::TOTAL || row.kind() == Row::GROUP;
    std::string line = "|";
    size_t used = 0;
    for (const auto& cell : row.cells()) {
      std::string text = spans_markdown(cell.spans(), {.in_table = true});
      if (strong && !text.empty()) text = "**" + text + "**";
      line += " " + text + " |";
      // Pipe tables have no column spans: the spanned columns stay empty.
      for (uint32_t i = 1; i < cell.column_span(); ++i) line += " |";
      used += std::max<uint32_t>(cell.column_span(), 1);
    }
    for (; used < width; ++used) line += " |";
    return line + "\n";
  };
  // A pipe table needs a header row; tables without one get an empty one.
  int first_body = 0;
  if (table.rows_size() > 0 && table.rows(0).kind() == Row::HEADER) {
    out += row_markdown(table.rows(0));
    first_body = 1;
  } else {
    out += row_markdown(Row());
  }
  out += "|";
  for (size_t i = 0; i < width; ++i) {
    const auto align = i < static_cast<size_t>(table.columns_size()) ? table.columns(static_cast<int>(i)).align()
                                                                      : kansli::ir::Column::LEFT;
    out += align == kansli::ir::Column::RIGHT ? " ---: |" : align == kansli::ir::Column::CENTER ? " :---: |" : " --- |";
  }
  out += "\n";
  for (int i = first_body; i < table.rows_size(); ++i) out += row_markdown(table.rows(i));
  return out;
}

std::string block_markdown(const Block& block, const kansli::ir::Document& document) {
  switch (block.content_case()) {
    case Block::kHeading: {
      const auto& heading = block.heading();
      std::string out;
      if (!heading.anchor().empty()) out += "<a id=\"" + heading.anchor() + "\"></a>\n\n";
      return out + std::string(std::min<uint32_t>(heading.level(), 5) + 1, '#') + " " + heading_text(heading) + "\n";
    }
    case Block::kParagraph: {
      const auto& paragraph = block.paragraph();
      const std::string text = guard_line_start(spans_markdown(paragraph.spans()));
      switch (paragraph.style()) {
        case kansli::ir::Paragraph::SUBTITLE: return "*" + text + "*\n";
        case kansli::ir::Paragraph::QUOTE: return "> " + text + "\n";
        default: return text + "\n";  // NORMAL, DECISION (starts bold), NOTE, unknown styles
      }
    }
    case Block::kList: {
      const auto& list = block.list();
      std::string out;
      uint32_t number = list.start() == 0 ? 1 : list.start();
      for (const auto& item : list.items())
        out += (list.ordered() ? std::to_string(number++) + ". " : "- ") + guard_line_start(spans_markdown(item.spans())) + "\n";
      return out;
    }
    case Block::kTable: return table_markdown(block.table());
    case Block::kSignatures: {
      const auto& signatures = block.signatures();
      std::string out = "**" + escape(signatures.label()) + "**\n";
      // An escaped line of underscores (not a thematic break): the line to
      // sign on, then name and role on lines of their own.
      std::string line;
      for (int i = 0; i < 30; ++i) line += "\\_";
      for (const auto& signatory : signatures.signatories()) {
        out += "\n" + line + "\\\n" + escape(signatory.name());
        if (!signatory.role().empty()) out += "\\\n" + escape(signatory.role());
        out += "\n";
      }
      return out;
    }
    case Block::kPageBreak: return "* * *\n";
    case Block::kTableOfContents: {
      std::string out = "**" + escape(block.table_of_contents().title()) + "**\n\n";
      for (const auto& other : document.blocks())
        if (other.has_heading() && other.heading().in_toc())
          out += "- [" + heading_text(other.heading()) + "](#" + other.heading().anchor() + ")\n";
      return out;
    }
    default: return {};  // A block kind newer than this exporter: skipped.
  }
}

std::string render_markdown(const kansli::ExportRequest& request) {
  for (const auto& [key, value] : request.options)
    throw kansli::ExportError("unknown option '" + key + "' (the markdown exporter has none)");
  std::string out;
  for (const auto& block : request.ir.blocks()) {
    const std::string text = block_markdown(block, request.ir);
    if (text.empty()) continue;
    if (!out.empty()) out += "\n";
    out += text;
  }
  for (const auto& footnote : request.ir.footnotes())
    out += "\n[^" + std::to_string(footnote.number()) + "]: " + spans_markdown(footnote.spans()) + "\n";
  return out;
}

}  // namespace

KANSLI_DEFINE_EXPORTER(render_markdown, "markdown", "Markdown (GitHub Flavored)", "1.0.0", "md", "text/markdown")
