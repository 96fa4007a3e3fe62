// HTML exporter: one self-contained HTML5 file per document, the form a
// public body publishes on its website. Inline CSS with a print stylesheet,
// no scripts, no external requests (a Content-Security-Policy says so to the
// browser too), and the structure WCAG 2.1 AA asks for: lang, <title>, one
// h1 and no skipped heading level, header/main/footer/nav landmarks, tables
// with caption, th and scope, footnotes linked both ways, the signature
// blocks as lists of signers. docs/html-exporter.md maps each IR block to
// its element; the heading rule there is the one PDF tags and DOCX share.
//
// Every word comes from the IR; where the IR has none (an old core), the
// structure is written without it. Text is escaped with the DOCX exporter's
// escaper (invalid UTF-8 becomes U+FFFD, control characters are dropped).
// Same IR, same bytes.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <kansli/exporter_support.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "heading_rank.hpp"
#include "xml_writer.hpp"

namespace kansli::html {

namespace {

using Spans = google::protobuf::RepeatedPtrField<ir::Span>;

// Column.Align DECIMAL (value 3, added by another change to ir.proto):
// right-aligned like RIGHT; browsers do not align on the decimal comma.
constexpr int kAlignDecimal = 3;

std::string escaped(std::string_view text) {
  std::string out;
  common::append_escaped(out, text, false);
  return out;
}

std::string attribute(std::string_view text) {
  std::string out;
  common::append_escaped(out, text, true);
  return out;
}

// A CSS string literal for the print margin boxes; '<' is escaped so that
// the text can never close the <style> element.
std::string css_string(std::string_view text) {
  std::string out = "\"";
  for (char c : common::xml_safe(text)) {
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (c == '<')
      out += "\\3c ";
    else if (c == '\n' || c == '\r' || c == '\t')
      out += ' ';
    else
      out += c;
  }
  return out + "\"";
}

// The footer label "Sida {page} av {pages}" as CSS content with page counters.
std::string css_page_label(const std::string& label) {
  std::string out;
  size_t pos = 0;
  while (pos < label.size()) {
    const size_t page = label.find("{page}", pos), pages = label.find("{pages}", pos);
    const size_t next = std::min(page, pages);
    const std::string literal = label.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    if (!literal.empty()) out += (out.empty() ? "" : " ") + css_string(literal);
    if (next == std::string::npos) break;
    out += (out.empty() ? "" : " ") + std::string(next == pages ? "counter(pages)" : "counter(page)");
    pos = next + (next == pages ? 7 : 6);
  }
  return out;
}

// Plain text of spans (footnote marks left out), for titles and tooltips.
std::string plain_text(const Spans& spans) {
  std::string text;
  for (const auto& span : spans)
    if (span.footnote() == 0) text += span.line_break() ? " " : span.text();
  return text;
}

std::string heading_text(const ir::Heading& heading) {
  const std::string text = plain_text(heading.spans());
  if (heading.number().empty()) return text;
  return text.empty() ? heading.number() : heading.number() + " " + text;
}

// Only links a reader can follow without running anything: the web, mail,
// phone, and anchors in this document.
bool safe_link(const std::string& link) {
  const size_t colon = link.find(':');
  if (colon == std::string::npos) return false;
  std::string scheme = link.substr(0, colon);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return scheme == "https" || scheme == "http" || scheme == "mailto" || scheme == "tel";
}

// The visible form of a link target: without the scheme ("mailto:", "https://").
std::string shown_target(const std::string& link) {
  for (const char* prefix : {"https://", "http://", "mailto:", "tel:"})
    if (link.rfind(prefix, 0) == 0) return link.substr(std::string_view(prefix).size());
  return link;
}

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { margin: 0; font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
.page-header, main, .page-footer { max-width: 48rem; margin: 0 auto; padding: 0 1.25rem; }
.page-header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem; padding-top: .75rem; padding-bottom: .5rem; border-bottom: 1px solid #b8b8b8; font-size: .875rem; color: #4a4a4a; }
.page-footer { margin-top: 3rem; padding-top: .5rem; padding-bottom: 1.5rem; border-top: 1px solid #b8b8b8; font-size: .875rem; color: #4a4a4a; }
.page-header p, .page-footer p { margin: 0; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; }
h1 { font-size: 2rem; margin: 2rem 0 .25rem; }
h2 { font-size: 1.375rem; margin: 2.25rem 0 .5rem; }
h3 { font-size: 1.125rem; margin: 1.75rem 0 .5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
h3, h4, h5, h6 { font-style: italic; }
.heading-number { display: inline-block; min-width: 3.5rem; margin-right: .5rem; }
h1 .heading-number, .run-in .heading-number, .toc .heading-number { min-width: 0; margin-right: 0; }
.run-in { display: inline; font-size: 1rem; font-style: normal; margin: 0 .5rem 0 0; }
.run-in + p { display: inline; }
.run-in + p::after { content: ""; display: block; margin-bottom: 1rem; }
.subtitle { margin-top: 0; font-size: 1.125rem; color: #4a4a4a; }
blockquote { margin: 1rem 0 1rem 1.5rem; padding-left: 1rem; border-left: 3px solid #b8b8b8; font-style: italic; }
.decision { margin: 1rem 0 1.25rem; padding-left: .75rem; border-left: 4px solid #1f4e79; }
.note { font-size: .875rem; }
code { font-family: "Liberation Mono", "Courier New", monospace; font-size: .9em; }
a { color: #0b4f8a; }
a:focus-visible { outline: 2px solid #0b4f8a; outline-offset: 2px; }
table { width: 100%; margin: 1rem 0; border-collapse: collapse; }
caption { padding-bottom: .25rem; text-align: left; font-weight: bold; }
th, td { padding: .2rem .75rem .2rem 0; text-align: left; vertical-align: top; }
thead th { font-weight: bold; vertical-align: bottom; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.center { text-align: center; }
table.data th, table.data td { padding: .25rem .5rem; border: 1px solid #8c8c8c; }
table.data thead th { background: #ececec; }
table.fields th { width: 30%; font-weight: bold; }
table.attendance th { width: 40%; }
table.financial thead th, table.financial thead td { border-bottom: 2px solid #1a1a1a; }
table.financial th, table.financial td { padding-right: .5rem; }
tr.group > th { padding-top: .75rem; font-weight: bold; font-style: italic; }
tr.group.depth-2 > th { padding-left: 1rem; }
tr.group.depth-3 > th { padding-left: 2rem; }
tr.subtotal > th, tr.subtotal > td { font-weight: bold; border-top: 1px solid #1a1a1a; }
tr.total > th, tr.total > td { font-weight: bold; border-top: 1px solid #1a1a1a; border-bottom: 3px double #1a1a1a; }
.toc ol { margin: 0; padding-left: 0; list-style: none; }
.toc ol ol { padding-left: 1.5rem; }
.toc li { margin: .25rem 0; }
.signature-block { margin-top: 2rem; break-inside: avoid; }
.signature-label { margin: 0 0 .5rem; font-weight: bold; }
.signatories { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1.5rem 2rem; margin: 0; padding: 0; list-style: none; }
.signature-line { height: 3rem; margin-bottom: .25rem; border-bottom: 1px solid #1a1a1a; }
.signatory p { margin: 0; }
.signatory-role { font-size: .875rem; color: #4a4a4a; }
.signature-record { margin-top: 3rem; padding-top: .5rem; border-top: 1px solid #b8b8b8; }
.footnotes { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid #b8b8b8; font-size: .875rem; }
.footnotes ol { padding-left: 1.5rem; }
.fn-ref a { text-decoration: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
@media print {
  body { font-size: 10.5pt; }
  .page-header, .page-footer { display: none; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  a.shows-target::after { content: " (" attr(href) ")"; font-size: .9em; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }
  tr, .signatory, table.fields, blockquote, .decision { break-inside: avoid; }
  thead { display: table-header-group; }
  .page-break { break-before: page; }
  .signature-record { border-top: 0; }
}
)css";

// Bytes as base64 (RFC 4648), for the logo's data: URI. Written here: no
// Debian-packaged library in the tree offers it outside a detail namespace.
std::string base64(std::string_view bytes) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t v = 0;
    for (size_t k = 0; k < 3; ++k) v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0);
    for (size_t k = 0; k < 4; ++k) out += k <= n ? kDigits[(v >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

// The house style's typefaces, accent colour and logo size as CSS; empty
// without a house style.
std::string house_style_css(const ir::HouseStyle& style) {
  std::string css;
  const auto family = [](const std::string& name) {
    return css_string(name) + ", Arial, Helvetica, sans-serif";
  };
  if (!style.body_typeface().family().empty())
    css += "body { font-family: " + family(style.body_typeface().family()) + "; }\n";
  if (!style.heading_typeface().family().empty())
    css += "h1, h2, h3, h4, h5, h6 { font-family: " + family(style.heading_typeface().family()) + "; }\n";
  if (style.accent_color().size() == 6) css += "h1, h2, h3 { color: #" + style.accent_color() + "; }\n";
  if (style.has_logo()) {
    // The logo on a line of its own atop the header, at the placement's
    // side; in print too (the rest of the header goes to the page margins).
    css +=
        ".page-header .logo { flex-basis: 100%; } .page-header .logo img { height: auto; max-width: 100%; "
        "}\n";
    if (style.logo().placement() == ir::Logo::RIGHT) css += ".page-header .logo { text-align: right; }\n";
    css +=
        "@media print { .page-header { display: flex; padding: 0 0 .5rem; border: 0; } .page-header > "
        ":not(.logo) { display: none; } }\n";
  }
  return css;
}

// The @page margins: the house style's (points, 0: the default) in mm;
// "22mm 20mm" without margins in the style.
std::string page_margins(const ir::HouseStyle& style) {
  if (style.margin_top() <= 0 && style.margin_right() <= 0 && style.margin_bottom() <= 0 &&
      style.margin_left() <= 0)
    return "22mm 20mm";
  const auto mm = [](double points, double default_mm) {
    return fmt::format("{:g}mm", points > 0 ? std::round(points * 25.4 / 72 * 10) / 10 : default_mm);
  };
  return mm(style.margin_top(), 22) + " " + mm(style.margin_right(), 20) + " " +
         mm(style.margin_bottom(), 22) + " " + mm(style.margin_left(), 20);
}

// The letterhead lines, one paragraph each.
std::string letterhead_html(const ir::PageFurniture& furniture) {
  std::string out;
  for (const auto& line : furniture.letterhead())
    out += "<p class=\"letterhead\">" + escaped(line) + "</p>\n";
  return out;
}

// The look of the print margin boxes (page header, page label).
constexpr const char* kMarginFont = "font: 8.5pt \"Liberation Sans\", Arial, sans-serif; color: #404040;";

class HtmlWriter {
 public:
  explicit HtmlWriter(const ir::Document& document) : document_(document) {
    for (const auto& footnote : document_.footnotes()) {
      if (footnote.number() == 0) throw ExportError("footnote with number 0 (footnotes are numbered from 1)");
      if (!footnotes_.emplace(footnote.number(), &footnote).second)
        throw ExportError(fmt::format("footnote {} is defined twice", footnote.number()));
    }
    plan();
  }

  std::string write() {
    const auto& metadata = document_.metadata();
    const auto& furniture = document_.furniture();
    std::string body;
    main(body);

    std::string& o = out_;
    const std::string language = metadata.language().empty() ? "sv-SE" : metadata.language();
    o += "<!DOCTYPE html>\n<html lang=\"" + attribute(language) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    const ir::HouseStyle& house = document_.style();
    o += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
         "'unsafe-inline'";
    if (house.has_logo()) o += "; img-src data:";  // the logo, inline
    o += "\">\n";
    o += "<title>" + escaped(title_) + "</title>\n";
    if (!metadata.author().empty())
      o += "<meta name=\"author\" content=\"" + attribute(metadata.author()) + "\">\n";
    if (!metadata.subject().empty())
      o += "<meta name=\"description\" content=\"" + attribute(metadata.subject()) + "\">\n";
    std::string keywords;
    for (const auto& keyword : metadata.keywords()) keywords += (keywords.empty() ? "" : ", ") + keyword;
    if (!keywords.empty()) o += "<meta name=\"keywords\" content=\"" + attribute(keywords) + "\">\n";
    o += "<meta name=\"generator\" content=\"kansli\">\n";
    o += "<style>";
    o += kStyle;
    o += house_style_css(house);
    // Print: the page furniture in the page margins, the page label with
    // page counters.
    o += "@page { size: A4; margin: " + page_margins(house) + ";";
    if (!furniture.header_left().empty())
      o += " @top-left { content: " + css_string(furniture.header_left()) + "; " + kMarginFont + " }";
    if (!furniture.header_right().empty())
      o += " @top-right { content: " + css_string(furniture.header_right()) + "; " + kMarginFont + " }";
    if (const std::string label = css_page_label(furniture.footer_page_label()); !label.empty())
      o += " @bottom-right { content: " + label + "; " + kMarginFont + " }";
    o += " }\n</style>\n</head>\n<body>\n";
    const bool letterhead_on_top = furniture.letterhead_place() == ir::PageFurniture::HEADER;
    if (!furniture.header_left().empty() || !furniture.header_right().empty() || house.has_logo() ||
        (letterhead_on_top && furniture.letterhead_size() > 0)) {
      o += "<header class=\"page-header\">\n";
      if (house.has_logo()) {
        const auto& logo = house.logo();
        o += "<p class=\"logo\"><img src=\"data:" + attribute(logo.media_type()) + ";base64," +
             base64(logo.data()) + "\" alt=\"" + attribute(logo.alt()) + "\" width=\"" +
             std::to_string(std::lround(logo.width() * 4 / 3)) + "\" height=\"" +
             std::to_string(std::lround(logo.height() * 4 / 3)) + "\"></p>\n";
      }
      if (!furniture.header_left().empty()) o += "<p>" + escaped(furniture.header_left()) + "</p>\n";
      if (!furniture.header_right().empty()) o += "<p>" + escaped(furniture.header_right()) + "</p>\n";
      if (letterhead_on_top) o += letterhead_html(furniture);
      o += "</header>\n";
    }
    o += body;
    if (!metadata.title().empty() || (!letterhead_on_top && furniture.letterhead_size() > 0)) {
      o += "<footer class=\"page-footer\">\n";
      if (!letterhead_on_top) o += letterhead_html(furniture);
      if (!metadata.title().empty()) o += "<p>" + escaped(metadata.title()) + "</p>\n";
      o += "</footer>\n";
    }
    o += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  // ---- planning: ranks, ids, references -----------------------------------

  void plan() {
    // Anchors of the IR first: links point at them.
    for (const auto& block : document_.blocks())
      if (block.has_heading() && !block.heading().anchor().empty()) {
        if (!used_ids_.insert(block.heading().anchor()).second)
          throw ExportError(fmt::format("two headings have the anchor '{}'", block.heading().anchor()));
      }
    common::HeadingOutline outline;  // the heading rule of docs/html-exporter.md
    bool has_title = false;
    for (int i = 0; i < document_.blocks_size(); ++i) {
      const auto& block = document_.blocks(i);
      if (block.has_heading()) {
        const auto& heading = block.heading();
        has_title = has_title || heading.level() == 0;
        ranks_[i] = outline.rank(heading.level());
        heading_ids_[i] = heading.anchor().empty() ? new_id("h") : heading.anchor();
        if (!heading.anchor().empty()) anchor_titles_[heading.anchor()] = heading_text(heading);
        if (heading.level() == 0 && title_.empty()) title_ = heading_text(heading);
      } else if (block.has_table_of_contents()) {
        ranks_[i] = outline.rank_alone();
      }
    }
    // Without a title heading, the document's title is the h1 (the
    // outline already ranks level 1 as h2).
    synthetic_title_ = !has_title;
    if (!document_.metadata().title().empty()) title_ = document_.metadata().title();
  }

  // `wanted`, or `wanted`-2, -3, ... if an anchor of the IR or another
  // generated id has it.
  std::string unique_id(const std::string& wanted) {
    if (used_ids_.insert(wanted).second) return wanted;
    for (unsigned n = 2;; ++n) {
      std::string id = fmt::format("{}-{}", wanted, n);
      if (used_ids_.insert(id).second) return id;
    }
  }

  // The next id of a numbered series: "h-1", "h-2", ...
  std::string new_id(const std::string& prefix) {
    return unique_id(fmt::format("{}-{}", prefix, ++id_counters_[prefix]));
  }

  // ---- inline --------------------------------------------------------------

  void footnote_reference(std::string& o, unsigned number) {
    if (!footnotes_.count(number))
      throw ExportError(
          fmt::format("a span refers to footnote {}, which the document does not define", number));
    const std::string id = unique_id(fmt::format("fnref-{}", number));
    first_reference_.try_emplace(number, id);
    const std::string& template_label = document_.labels().footnote_reference();
    std::string label;
    if (!template_label.empty()) {
      label = template_label;
      if (const size_t at = label.find("{number}"); at != std::string::npos)
        label.replace(at, 8, std::to_string(number));
    }
    o += "<sup class=\"fn-ref\"><a href=\"#" + footnote_id(number) + "\" id=\"" + id +
         "\" role=\"doc-noteref\"";
    if (!label.empty()) o += " aria-label=\"" + attribute(label) + "\"";
    o += ">" + std::to_string(number) + "</a></sup>";
  }

  std::string footnote_id(unsigned number) {
    auto [it, inserted] = footnote_ids_.try_emplace(number);
    if (inserted) it->second = unique_id(fmt::format("fn-{}", number));
    return it->second;
  }

  void span(std::string& o, const ir::Span& span) {
    if (span.line_break()) {
      o += "<br>";
      return;
    }
    if (span.footnote() != 0) {
      footnote_reference(o, span.footnote());
      return;
    }
    if (span.text().empty()) return;
    if (span.bold()) o += "<strong>";
    if (span.italic()) o += "<em>";
    if (span.code()) o += "<code>";
    o += escaped(span.text());
    if (span.code()) o += "</code>";
    if (span.italic()) o += "</em>";
    if (span.bold()) o += "</strong>";
  }

  // Consecutive spans with the same link share one <a>. A link says where
  // it goes: its text, and a title with the target (the heading's text for
  // an anchor in this document) where the text does not show it.
  void spans(std::string& o, const Spans& spans) {
    for (int i = 0; i < spans.size();) {
      const std::string& link = spans[i].link();
      const bool internal = !link.empty() && link[0] == '#' && anchor_titles_.count(link.substr(1));
      if (link.empty() || spans[i].footnote() != 0 || (!internal && !safe_link(link))) {
        span(o, spans[i++]);
        continue;
      }
      int end = i;
      std::string text;
      while (end < spans.size() && spans[end].link() == link && spans[end].footnote() == 0)
        text += spans[end++].text();
      const std::string target = internal ? anchor_titles_.at(link.substr(1)) : shown_target(link);
      const bool shows_target = text.find(target) != std::string::npos;
      o += "<a href=\"" + attribute(link) + "\"";
      if (!shows_target) {
        o += " title=\"" + attribute(target) + "\"";
        if (!internal) o += " class=\"shows-target\"";
      }
      o += ">";
      for (; i < end; ++i) span(o, spans[i]);
      o += "</a>";
    }
  }

  // ---- blocks --------------------------------------------------------------

  // Sections follow the outline: a heading of rank r (r >= 2) closes the
  // open sections of rank >= r and opens its own.
  void open_section(std::string& o, unsigned rank, const ir::Heading& heading, const std::string& id) {
    close_sections(o, rank);
    if (heading.kind() == ir::Heading::SIGNATURE_RECORD)
      o += "<section class=\"signature-record\" aria-labelledby=\"" + id + "\">\n";
    else
      o += "<section>\n";
    open_sections_.push_back(rank);
  }

  void close_sections(std::string& o, unsigned rank) {
    while (!open_sections_.empty() && open_sections_.back() >= rank) {
      o += "</section>\n";
      open_sections_.pop_back();
    }
  }

  void heading(std::string& o, int index, const ir::Heading& heading) {
    const unsigned rank = ranks_.at(index);
    const std::string& id = heading_ids_.at(index);
    if (rank >= 2) open_section(o, rank, heading, id);
    std::string classes;
    if (heading.run_in()) classes = "run-in";
    o += fmt::format("<h{} id=\"{}\"", rank, attribute(id));
    if (!classes.empty()) o += " class=\"" + classes + "\"";
    o += ">";
    if (!heading.number().empty()) {
      o += "<span class=\"heading-number\">" + escaped(heading.number()) + "</span>";
      if (!plain_text(heading.spans()).empty()) o += " ";
    }
    spans(o, heading.spans());
    o += fmt::format("</h{}>\n", rank);
  }

  void paragraph(std::string& o, const ir::Paragraph& paragraph) {
    switch (paragraph.style()) {
      case ir::Paragraph::SUBTITLE: o += "<p class=\"subtitle\">"; break;
      case ir::Paragraph::QUOTE: o += "<blockquote><p>"; break;
      case ir::Paragraph::DECISION: o += "<p class=\"decision\">"; break;
      case ir::Paragraph::NOTE: o += "<p class=\"note\">"; break;
      default: o += "<p>"; break;
    }
    spans(o, paragraph.spans());
    o += paragraph.style() == ir::Paragraph::QUOTE ? "</p></blockquote>\n" : "</p>\n";
  }

  void list(std::string& o, const ir::List& list) {
    if (list.items_size() == 0) return;
    if (!list.ordered())
      o += "<ul>\n";
    else if (list.start() > 1)
      o += fmt::format("<ol start=\"{}\">\n", list.start());
    else
      o += "<ol>\n";
    for (const auto& item : list.items()) {
      o += "<li>";
      spans(o, item.spans());
      o += "</li>\n";
    }
    o += list.ordered() ? "</ol>\n" : "</ul>\n";
  }

  static unsigned span_of(const ir::Cell& cell) { return std::max(cell.column_span(), 1u); }

  static const char* table_class(ir::Table::Kind kind) {
    switch (kind) {
      case ir::Table::ATTENDANCE: return "attendance";
      case ir::Table::FIELDS: return "fields";
      case ir::Table::FINANCIAL: return "financial";
      default: return "data";
    }
  }

  static const char* row_class(ir::Row::Kind kind) {
    switch (kind) {
      case ir::Row::SUBTOTAL: return "subtotal";
      case ir::Row::TOTAL: return "total";
      case ir::Row::GROUP: return "group";
      default: return nullptr;
    }
  }

  // A table: leading HEADER rows in <thead> (th scope="col"), the first
  // row_header_columns cells of a body row as th scope="row". With GROUP
  // rows, every cell names its headers (column headers, the groups it lies
  // in, its row header) in a headers attribute, so that nesting reads
  // exactly; each top-level group opens a <tbody>.
  void table(std::string& o, const ir::Table& table, const std::string* label_id) {
    size_t columns = static_cast<size_t>(table.columns_size());
    for (const auto& row : table.rows()) {
      size_t width = 0;
      for (const auto& cell : row.cells()) width += span_of(cell);
      columns = std::max(columns, width);
    }
    if (columns == 0 || table.rows_size() == 0) {
      if (!table.caption().empty()) o += "<p class=\"caption\">" + escaped(table.caption()) + "</p>\n";
      return;
    }
    std::vector<std::string> align(columns);
    for (size_t c = 0; c < static_cast<size_t>(table.columns_size()); ++c) {
      const int a = table.columns(static_cast<int>(c)).align();
      align[c] = a == ir::Column::RIGHT || a == kAlignDecimal ? "num"
                 : a == ir::Column::CENTER                    ? "center"
                                                              : "";
    }
    unsigned row_headers = table.row_header_columns();
    if (row_headers == 0 && table.kind() != ir::Table::DATA) row_headers = 1;
    bool grouped = false, depths_known = false;
    for (const auto& row : table.rows()) {
      grouped = grouped || row.kind() == ir::Row::GROUP;
      depths_known = depths_known || row.group_depth() != 0;
    }

    o += fmt::format("<table class=\"{}\"", table_class(table.kind()));
    if (table.caption().empty() && label_id) o += " aria-labelledby=\"" + attribute(*label_id) + "\"";
    o += ">\n";
    if (!table.caption().empty()) o += "<caption>" + escaped(table.caption()) + "</caption>\n";

    std::vector<std::vector<std::string>> column_headers(columns);  // ids, when grouped
    std::vector<std::pair<unsigned, std::string>> groups;           // open groups: depth, id
    int r = 0;
    bool in_head = false, in_body = false;
    const auto cell_classes = [&](size_t column, bool hidden) {
      std::string classes = align[column];
      if (hidden) classes += classes.empty() ? "visually-hidden" : " visually-hidden";
      return classes.empty() ? std::string() : " class=\"" + classes + "\"";
    };
    for (; r < table.rows_size() && table.rows(r).kind() == ir::Row::HEADER; ++r) {
      if (!in_head) o += "<thead>\n", in_head = true;
      const auto& row = table.rows(r);
      o += "<tr>";
      size_t column = 0;
      for (const auto& cell : row.cells()) {
        if (column >= columns) break;
        const unsigned span = static_cast<unsigned>(std::min<size_t>(span_of(cell), columns - column));
        const std::string colspan = span > 1 ? fmt::format(" colspan=\"{}\"", span) : "";
        if (plain_text(cell.spans()).empty()) {
          o += "<td" + colspan + cell_classes(column, false) + "></td>";
        } else {
          std::string id;
          if (grouped) {
            id = new_id("th");
            for (size_t c = column; c < column + span; ++c) column_headers[c].push_back(id);
          }
          o += "<th" + (id.empty() ? "" : " id=\"" + id + "\"") + " scope=\"" +
               (span > 1 ? "colgroup" : "col") + "\"" + colspan +
               cell_classes(column, row.visually_hidden()) + ">";
          spans(o, cell.spans());
          o += "</th>";
        }
        column += span;
      }
      for (; column < columns; ++column) o += "<td></td>";
      o += "</tr>\n";
    }
    if (in_head) o += "</thead>\n";

    for (; r < table.rows_size(); ++r) {
      const auto& row = table.rows(r);
      const bool group = row.kind() == ir::Row::GROUP;
      unsigned depth = row.group_depth();
      if (group) {
        if (!depths_known || depth == 0) depth = 1;
        while (!groups.empty() && groups.back().first >= depth) groups.pop_back();
      } else if (depths_known) {
        while (!groups.empty() && groups.back().first > depth) groups.pop_back();
      }
      if ((group && depth == 1) || !in_body) {
        if (in_body) o += "</tbody>\n";
        o += "<tbody>\n";
        in_body = true;
      }
      std::string classes;
      if (const char* kind = row_class(row.kind())) classes = kind;
      if (group) classes += fmt::format(" depth-{}", depth);
      o += classes.empty() ? "<tr>" : "<tr class=\"" + classes + "\">";
      if (group) {
        const std::string id = new_id("th");
        o += "<th id=\"" + id + "\" scope=\"rowgroup\"" +
             (columns > 1 ? fmt::format(" colspan=\"{}\"", columns) : "");
        if (depth > 1) o += headers_attribute({}, groups, {});
        o += ">";
        for (const auto& cell : row.cells()) spans(o, cell.spans());
        o += "</th></tr>\n";
        groups.emplace_back(depth, id);
        continue;
      }
      size_t column = 0;
      std::string row_header_id;
      for (const auto& cell : row.cells()) {
        if (column >= columns) break;
        const unsigned span = static_cast<unsigned>(std::min<size_t>(span_of(cell), columns - column));
        const std::string colspan = span > 1 ? fmt::format(" colspan=\"{}\"", span) : "";
        const bool is_header = column < row_headers && !plain_text(cell.spans()).empty();
        std::vector<std::string> own_headers;
        for (size_t c = column; c < column + span; ++c)
          for (const auto& id : column_headers[c])
            if (std::find(own_headers.begin(), own_headers.end(), id) == own_headers.end())
              own_headers.push_back(id);
        if (is_header) {
          std::string id;
          if (grouped) row_header_id = id = new_id("th");
          o += "<th" + (id.empty() ? "" : " id=\"" + id + "\"") + " scope=\"row\"" + colspan +
               cell_classes(column, false);
          if (grouped) o += headers_attribute(own_headers, groups, {});
          o += ">";
          spans(o, cell.spans());
          o += "</th>";
        } else {
          o += "<td" + colspan + cell_classes(column, false);
          if (grouped) o += headers_attribute(own_headers, groups, row_header_id);
          o += ">";
          spans(o, cell.spans());
          o += "</td>";
        }
        column += span;
      }
      for (; column < columns; ++column) o += "<td></td>";
      o += "</tr>\n";
    }
    if (in_body) o += "</tbody>\n";
    o += "</table>\n";
  }

  static std::string headers_attribute(const std::vector<std::string>& columns,
                                       const std::vector<std::pair<unsigned, std::string>>& groups,
                                       const std::string& row_header) {
    std::string ids;
    for (const auto& id : columns) ids += (ids.empty() ? "" : " ") + id;
    for (const auto& [depth, id] : groups) ids += (ids.empty() ? "" : " ") + id;
    if (!row_header.empty()) ids += (ids.empty() ? "" : " ") + row_header;
    return ids.empty() ? std::string() : " headers=\"" + ids + "\"";
  }

  // A group of signers under its label: each signer's line, name and role
  // together in one list item, read in order.
  void signatures(std::string& o, const ir::SignatureBlock& block) {
    o += "<div class=\"signature-block\"";
    std::string label_id;
    if (!block.label().empty()) {
      label_id = new_id("signatures");
      o += " role=\"group\" aria-labelledby=\"" + label_id + "\"";
    }
    o += ">\n";
    if (!label_id.empty())
      o += "<p class=\"signature-label\" id=\"" + label_id + "\">" + escaped(block.label()) + "</p>\n";
    if (block.signatories_size() > 0) {
      o += "<ul class=\"signatories\">\n";
      for (const auto& signatory : block.signatories()) {
        o += "<li class=\"signatory\"";
        if (!signatory.field_name().empty())
          o += " data-signature-field=\"" + attribute(signatory.field_name()) + "\"";
        o += "><div class=\"signature-line\"></div>";
        if (!signatory.name().empty())
          o += "<p class=\"signatory-name\">" + escaped(signatory.name()) + "</p>";
        if (!signatory.role().empty())
          o += "<p class=\"signatory-role\">" + escaped(signatory.role()) + "</p>";
        o += "</li>\n";
      }
      o += "</ul>\n";
    }
    o += "</div>\n";
  }

  // The table of contents: a nav landmark with nested lists by rank.
  void table_of_contents(std::string& o, int index, const ir::TableOfContents& toc) {
    const unsigned rank = ranks_.at(index);
    close_sections(o, rank);
    std::string title_id;
    o += "<nav class=\"toc\"";
    if (!toc.title().empty()) {
      title_id = new_id("toc");
      o += " aria-labelledby=\"" + title_id + "\"";
    }
    o += ">\n";
    if (!title_id.empty())
      o += fmt::format("<h{0} id=\"{1}\">{2}</h{0}>\n", rank, title_id, escaped(toc.title()));
    unsigned depth = 0, base = 0;
    for (int i = 0; i < document_.blocks_size(); ++i) {
      const auto& block = document_.blocks(i);
      if (!block.has_heading() || !block.heading().in_toc() || block.heading().level() == 0) continue;
      const auto& heading = block.heading();
      const unsigned entry_rank = ranks_.at(i);
      if (base == 0) base = entry_rank;
      const unsigned want = std::clamp(entry_rank >= base ? entry_rank - base + 1 : 1u, 1u, depth + 1);
      if (want > depth) {
        o += depth == 0 ? "<ol>\n" : "\n<ol>\n";
        depth = want;
      } else {
        o += "</li>\n";
        for (; depth > want; --depth) o += "</ol>\n</li>\n";
      }
      o += "<li><a href=\"#" + attribute(heading_ids_.at(i)) + "\">";
      if (!heading.number().empty()) {
        o += "<span class=\"heading-number\">" + escaped(heading.number()) + "</span>";
        if (!plain_text(heading.spans()).empty()) o += " ";
      }
      o += escaped(plain_text(heading.spans())) + "</a>";
    }
    if (depth > 0) {
      o += "</li>\n";
      for (; depth > 1; --depth) o += "</ol>\n</li>\n";
      o += "</ol>\n";
    }
    o += "</nav>\n";
  }

  void footnotes(std::string& o) {
    if (document_.footnotes_size() == 0) return;
    close_sections(o, 2);
    const auto& labels = document_.labels();
    o += "<section class=\"footnotes\" role=\"doc-endnotes\"";
    std::string title_id;
    if (!labels.footnotes_title().empty()) {
      title_id = new_id("footnotes");
      o += " aria-labelledby=\"" + title_id + "\"";
    }
    o += ">\n";
    if (!title_id.empty())
      o += fmt::format("<h{0} id=\"{1}\">{2}</h{0}>\n", 2, title_id, escaped(labels.footnotes_title()));
    o += "<ol>\n";
    for (const auto& footnote : document_.footnotes()) {
      o += fmt::format("<li id=\"{}\" value=\"{}\">", footnote_id(footnote.number()), footnote.number());
      spans(o, footnote.spans());
      if (auto it = first_reference_.find(footnote.number()); it != first_reference_.end()) {
        // Without a label from the IR the back link shows an arrow, a
        // symbol rather than a word.
        const std::string& back = labels.footnote_back_link();
        o += " <a href=\"#" + it->second + "\" role=\"doc-backlink\">" +
             (back.empty() ? "\xe2\x86\xa9" : escaped(back)) + "</a>";
      }
      o += "</li>\n";
    }
    o += "</ol>\n</section>\n";
  }

  void main(std::string& o) {
    o += "<main>\n";
    if (synthetic_title_ && !title_.empty()) o += "<h1>" + escaped(title_) + "</h1>\n";
    bool page_break = false;
    const std::string* previous_heading = nullptr;
    for (int i = 0; i < document_.blocks_size(); ++i) {
      const auto& block = document_.blocks(i);
      if (page_break && block.content_case() != ir::Block::kPageBreak) {
        o += "<div class=\"page-break\"></div>\n";
        page_break = false;
      }
      const std::string* heading_before = previous_heading;
      previous_heading = nullptr;
      switch (block.content_case()) {
        case ir::Block::kHeading:
          heading(o, i, block.heading());
          previous_heading = &heading_ids_.at(i);
          break;
        case ir::Block::kParagraph: paragraph(o, block.paragraph()); break;
        case ir::Block::kList: list(o, block.list()); break;
        case ir::Block::kTable: table(o, block.table(), heading_before); break;
        case ir::Block::kSignatures: signatures(o, block.signatures()); break;
        case ir::Block::kPageBreak: page_break = i > 0; break;
        case ir::Block::kTableOfContents: table_of_contents(o, i, block.table_of_contents()); break;
        case ir::Block::CONTENT_NOT_SET: break;  // a block kind newer than this exporter
      }
    }
    footnotes(o);
    close_sections(o, 0);
    o += "</main>\n";
  }

  const ir::Document& document_;
  std::string out_;
  std::string title_;
  bool synthetic_title_ = false;
  std::map<unsigned, const ir::Footnote*> footnotes_;
  std::map<int, unsigned> ranks_;           // block index -> heading rank
  std::map<int, std::string> heading_ids_;  // block index -> id
  std::map<std::string, std::string> anchor_titles_;
  std::set<std::string> used_ids_;
  std::map<std::string, unsigned> id_counters_;
  std::map<unsigned, std::string> footnote_ids_, first_reference_;
  std::vector<unsigned> open_sections_;
};

std::string render_html(const ExportRequest& request) {
  for (const auto& [key, value] : request.options)
    throw ExportError("unknown option '" + key + "' (the html exporter takes no options)");
  return HtmlWriter(request.ir).write();
}

}  // namespace

}  // namespace kansli::html

KANSLI_DEFINE_EXPORTER(kansli::html::render_html, "html", "HTML5 (accessible, self-contained)", "1.0.0",
                       "html", "text/html")
