// DOCX exporter: writes the document IR as an Office Open XML word-processing
// document (ISO/IEC 29500 transitional) that Word and LibreOffice open
// without repair. Looks come from named styles (docx_parts.cc), not direct
// formatting, so that a person can go on editing the document in Word.
//
// Package: [Content_Types].xml, _rels/.rels, docProps/{core,app}.xml,
// word/{document,styles,settings,numbering,footnotes,header1,footer1}.xml
// and their relationships, in that order, written by libzip with one fixed
// timestamp taken from the document: same IR, same bytes.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <kansli/exporter_support.hpp>
#include <map>
#include <numeric>
#include <set>

#include "docx_parts.hpp"
#include "heading_rank.hpp"
#include "house_style.hpp"
#include "reference_document.hpp"
#include "table_layout.hpp"
#include "timestamp.hpp"
#include "utf8.hpp"
#include "xml_writer.hpp"
#include "zip_package.hpp"

namespace kansli::docx {

using common::parse_timestamp;
using common::xml_safe;
using common::XmlWriter;

namespace {

constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kRelationshipNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelationshipsNamespace =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kHyperlinkType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

using Spans = google::protobuf::RepeatedPtrField<ir::Span>;

// The relationships of one part (document.xml or footnotes.xml): fixed ones
// first, then one per distinct hyperlink target in order of first use.
class Relationships {
 public:
  void add_fixed(std::string type, std::string target) {
    add(fmt::format("rId{}", entries_.size() + 1), std::move(type), std::move(target));
  }
  void add(std::string id, std::string type, std::string target) {
    entries_.push_back({std::move(id), std::move(type), std::move(target), false});
  }
  const std::string& hyperlink(const std::string& target) {
    auto [it, inserted] = links_.try_emplace(target, entries_.size());
    if (inserted)
      entries_.push_back({fmt::format("rId{}", entries_.size() + 1), kHyperlinkType, target, true});
    return entries_[it->second].id;
  }
  bool empty() const { return entries_.empty(); }
  std::string xml() const {
    XmlWriter x;
    x.start("Relationships", {{"xmlns", kRelationshipsNamespace}});
    for (const auto& e : entries_) {
      if (e.external)
        x.leaf("Relationship",
               {{"Id", e.id}, {"Type", e.type}, {"Target", e.target}, {"TargetMode", "External"}});
      else
        x.leaf("Relationship", {{"Id", e.id}, {"Type", e.type}, {"Target", e.target}});
    }
    return x.finish();
  }

 private:
  struct Entry {
    std::string id, type, target;
    bool external;
  };
  std::vector<Entry> entries_;
  std::map<std::string, size_t> links_;
};

// A table followed by a signature block is kept with it (in one
// unsplittable cell) up to this many rows; a longer one may break.
constexpr int kMaxKeptTableRows = 12;

// Word bookmark names: a letter first, then letters, digits and '_', at most
// 40 characters. "p-18" -> "p_18".
std::string bookmark_name(const std::string& anchor) {
  std::string name;
  for (char c : anchor) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name += alnum ? c : '_';
  }
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
    name = "a" + name;
  if (name.size() > 40) name.resize(40);
  return name;
}

// Paragraph properties beyond the style, in schema order.
struct ParagraphOptions {
  bool keep_next = false;
  bool page_break_before = false;
  int num_id = 0;             // list numbering, 0: none
  bool outline_body = false;  // leave a heading out of the table of contents
  int right_indent = 0;       // twips; DECIMAL cells stand their tail's shortfall in from the right
  ir::Column::Align align = ir::Column::LEFT;
  bool hidden = false;    // w:vanish on the paragraph mark (a visually hidden row)
  int space_before = -1;  // twips; -1: the style's
  int space_after = -1;   // twips; -1: the style's
};

// Estimates for sizing a column before a word processor measures the text:
// the average advance of a bold character of Liberation Sans (Arial's
// metrics), in em.
constexpr double kBoldCharEm = 0.6;
// The advance of the characters that follow a number's alignment point, in
// em of Liberation Sans.
double tail_em(std::string_view tail) {
  double em = 0;
  common::for_each_code_point(tail, [&](char32_t c) {
    if (c >= '0' && c <= '9')
      em += 0.556;
    else if (c == ',' || c == '.' || c == ' ' || c == 0xA0)
      em += 0.278;
    else if (c == 0x202F)
      em += 0.2;
    else if (c == '%')
      em += 0.889;
    else
      em += 0.556;
  });
  return em;
}

size_t code_points(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string spans_text(const google::protobuf::RepeatedPtrField<ir::Span>& spans) {
  std::string text;
  for (const auto& span : spans) text += span.text();
  return text;
}

// Whether the footnotes are numbered 1, 2, 3 in the order of their first
// reference in the body, as Word numbers them itself.
bool numbered_by_reference(const ir::Document& document) {
  std::set<unsigned> seen;
  unsigned next = 1;
  bool in_order = true;
  const auto scan = [&](const Spans& spans) {
    for (const auto& span : spans)
      if (span.footnote() != 0 && seen.insert(span.footnote()).second)
        in_order = in_order && span.footnote() == next++;
  };
  for (const auto& block : document.blocks()) {
    if (block.has_heading()) scan(block.heading().spans());
    if (block.has_paragraph()) scan(block.paragraph().spans());
    for (const auto& item : block.list().items()) scan(item.spans());
    for (const auto& row : block.table().rows())
      for (const auto& cell : row.cells()) scan(cell.spans());
  }
  return in_order;
}

class DocumentWriter {
 public:
  explicit DocumentWriter(const ir::Document& document) : document_(document) {
    document_rels_.add_fixed("http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
                             "styles.xml");
    document_rels_.add_fixed("http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings",
                             "settings.xml");
    document_rels_.add_fixed("http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
                             "numbering.xml");
    document_rels_.add_fixed("http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
                             "footnotes.xml");
    document_rels_.add_fixed("http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
                             "header1.xml");
    document_rels_.add_fixed("http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
                             "footer1.xml");
    if (reference_ && !reference_->theme().empty())
      document_rels_.add_fixed("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
                               "theme/theme1.xml");
    if (reference_ && !reference_->font_table().xml().empty())
      document_rels_.add_fixed(
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable", "fontTable.xml");
    for (const auto& footnote : document_.footnotes()) {
      if (footnote.number() == 0) throw ExportError("footnote with number 0 (footnotes are numbered from 1)");
      if (!footnote_numbers_.insert(footnote.number()).second)
        throw ExportError(fmt::format("footnote {} is defined twice", footnote.number()));
    }
    custom_marks_ = !numbered_by_reference(document_);
  }

  std::string write() {
    const std::string language =
        document_.metadata().language().empty() ? "sv-SE" : document_.metadata().language();
    const std::string body = document_xml();
    const std::string footnotes = footnotes_xml();
    std::vector<ZipEntry> entries;
    const std::string logo = logo_extension(document_.style());
    std::vector<std::pair<std::string, std::string>> part_types;  // the reference's parts
    if (reference_) {
      if (!reference_->theme().empty())
        part_types.push_back(
            {"word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"});
      if (!reference_->font_table().xml().empty())
        part_types.push_back(
            {"word/fontTable.xml",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"});
      for (const auto& part : reference_->media()) part_types.push_back({part.name(), part.content_type()});
    }
    entries.push_back({"[Content_Types].xml", content_types_xml(logo, part_types)});
    entries.push_back({"_rels/.rels", package_relationships_xml()});
    entries.push_back({"docProps/core.xml", core_properties_xml(document_.metadata())});
    entries.push_back({"docProps/app.xml", app_properties_xml()});
    entries.push_back({"word/document.xml", body});
    const std::string styles = styles_xml(language, style_);
    entries.push_back({"word/styles.xml", reference_ ? merge_styles(reference_->styles(), styles) : styles});
    entries.push_back({"word/settings.xml", settings_xml(language, has_toc_)});
    entries.push_back({"word/numbering.xml", numbering_xml(list_starts_, style_)});
    entries.push_back({"word/footnotes.xml", footnotes});
    entries.push_back({"word/header1.xml", with_reference(header_xml(), &ir::ReferenceDocument::header)});
    entries.push_back({"word/footer1.xml", with_reference(footer_xml(), &ir::ReferenceDocument::footer)});
    entries.push_back({"word/_rels/document.xml.rels", document_rels_.xml()});
    if (!footnote_rels_.empty()) entries.push_back({"word/_rels/footnotes.xml.rels", footnote_rels_.xml()});
    // The header's relationships: the reference's, then the house style's
    // logo (an image part of the header).
    std::string header_rels = reference_ ? reference_->header().relationships() : std::string();
    if (!logo.empty()) {
      Relationships own;
      own.add(logo_relationship(),
              "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", logo_part());
      header_rels = header_rels.empty() ? own.xml() : append_children(header_rels, own.xml());
    }
    if (!header_rels.empty()) entries.push_back({"word/_rels/header1.xml.rels", header_rels});
    if (reference_) {
      if (!reference_->footer().relationships().empty())
        entries.push_back({"word/_rels/footer1.xml.rels", reference_->footer().relationships()});
      if (!reference_->theme().empty()) entries.push_back({"word/theme/theme1.xml", reference_->theme()});
      if (!reference_->font_table().xml().empty()) {
        entries.push_back({"word/fontTable.xml", reference_->font_table().xml()});
        if (!reference_->font_table().relationships().empty())
          entries.push_back({"word/_rels/fontTable.xml.rels", reference_->font_table().relationships()});
      }
      for (const auto& part : reference_->media()) entries.push_back({part.name(), part.data()});
    }
    if (!logo.empty()) entries.push_back({"word/" + logo_part(), document_.style().logo().data()});
    return write_zip(entries, timestamp());
  }

 private:
  // The ZIP timestamp: the document's own creation time (local), else 1980.
  DosTimestamp timestamp() const {
    if (const auto t = parse_timestamp(document_.metadata().created()))
      return dos_timestamp(t->year, t->month, t->day, t->hour, t->minute, t->second);
    return {};
  }

  // A header or footer of kansli's after the reference document's own
  // content, if it has one.
  std::string with_reference(const std::string& own,
                             const ir::ReferencePart& (ir::ReferenceDocument::*part)() const) const {
    if (!reference_ || (reference_->*part)().xml().empty()) return own;
    return append_children((reference_->*part)().xml(), own);
  }
  // The logo's part and its relationship from the header: beside a
  // reference document's parts, names of their own.
  std::string logo_part() const {
    return (reference_ ? "media/kansli-logo." : "media/logo.") + logo_extension(document_.style());
  }
  std::string logo_relationship() const { return reference_ ? "rIdKansliLogo" : "rId1"; }

  static void root(XmlWriter& x, const char* name) {
    x.start(name, {{"xmlns:w", kWordNamespace}, {"xmlns:r", kRelationshipNamespace}});
  }

  // ---- runs ----------------------------------------------------------------

  // Text of a run: tabs become <w:tab/>, line ends (LF, CR LF, CR) <w:br/>.
  static void run_text(XmlWriter& x, const std::string& text) {
    size_t start = 0;
    while (start <= text.size()) {
      const size_t stop = text.find_first_of("\t\n\r", start);
      const std::string_view piece =
          std::string_view(text).substr(start, stop == std::string::npos ? std::string::npos : stop - start);
      if (!piece.empty()) x.element("w:t", piece, {{"xml:space", "preserve"}});
      if (stop == std::string::npos) break;
      x.leaf(text[stop] == '\t' ? "w:tab" : "w:br");
      start = stop + 1;
      if (text[stop] == '\r' && start < text.size() && text[start] == '\n') ++start;
    }
  }

  void span_run(XmlWriter& x, const ir::Span& span, bool in_footnote) {
    if (span.line_break()) {
      x.start("w:r").leaf("w:br").end();
      return;
    }
    if (span.footnote() != 0) {
      if (!footnote_numbers_.count(span.footnote()))
        throw ExportError(
            fmt::format("a span refers to footnote {}, which the document does not define", span.footnote()));
      x.start("w:r");
      x.start("w:rPr").leaf("w:rStyle", {{"w:val", style::kFootnoteReference}}).end();
      // A footnote cannot hold a footnote in Word: show the number instead.
      if (in_footnote) {
        x.element("w:t", std::to_string(span.footnote()));
      } else if (custom_marks_) {
        // Word numbers footnotes by reference order; a number the author
        // gave follows the reference as its own mark.
        x.leaf("w:footnoteReference",
               {{"w:customMarkFollows", "1"}, {"w:id", std::to_string(span.footnote())}});
        x.element("w:t", std::to_string(span.footnote()));
      } else {
        x.leaf("w:footnoteReference", {{"w:id", std::to_string(span.footnote())}});
      }
      x.end();
      return;
    }
    if (span.text().empty()) return;
    x.start("w:r");
    const bool styled = span.code() || !span.link().empty();
    if (styled || span.bold() || span.italic() || hidden_runs_) {
      x.start("w:rPr");
      if (!span.link().empty())
        x.leaf("w:rStyle", {{"w:val", style::kHyperlink}});
      else if (span.code())
        x.leaf("w:rStyle", {{"w:val", style::kCode}});
      if (span.bold()) x.leaf("w:b").leaf("w:bCs");
      if (span.italic()) x.leaf("w:i").leaf("w:iCs");
      if (hidden_runs_) x.leaf("w:vanish");
      x.end();
    }
    run_text(x, span.text());
    x.end();
  }

  // Runs of `spans`; consecutive spans with the same link share one
  // hyperlink. Links "#anchor" go to the bookmark of that anchor.
  void runs(XmlWriter& x, const Spans& spans, bool in_footnote = false) {
    for (int i = 0; i < spans.size();) {
      const std::string& link = spans[i].link();
      if (link.empty() || spans[i].footnote() != 0) {
        span_run(x, spans[i++], in_footnote);
        continue;
      }
      // The tooltip says where the link goes: the address, or for a link
      // inside the document the linked text.
      if (link[0] == '#') {
        std::string text;
        for (int j = i; j < spans.size() && spans[j].link() == link && spans[j].footnote() == 0; ++j)
          text += spans[j].text();
        x.start(
            "w:hyperlink",
            {{"w:anchor", bookmark_name(link.substr(1))}, {"w:tooltip", xml_safe(text)}, {"w:history", "1"}});
      } else {
        const std::string& id = (in_footnote ? footnote_rels_ : document_rels_).hyperlink(xml_safe(link));
        x.start("w:hyperlink", {{"r:id", id}, {"w:tooltip", xml_safe(link)}, {"w:history", "1"}});
      }
      while (i < spans.size() && spans[i].link() == link && spans[i].footnote() == 0)
        span_run(x, spans[i++], in_footnote);
      x.end();
    }
  }

  // ---- paragraphs ----------------------------------------------------------

  void paragraph_start(XmlWriter& x, std::string_view style, ParagraphOptions options = {}) {
    x.start("w:p");
    x.start("w:pPr");
    x.leaf("w:pStyle", {{"w:val", style}});
    if (options.keep_next) x.leaf("w:keepNext");
    if (options.page_break_before || take_page_break()) x.leaf("w:pageBreakBefore");
    if (options.num_id != 0)
      x.start("w:numPr")
          .leaf("w:ilvl", {{"w:val", "0"}})
          .leaf("w:numId", {{"w:val", std::to_string(options.num_id)}})
          .end();
    const std::string before = std::to_string(options.space_before),
                      after = std::to_string(options.space_after);
    if (options.space_before >= 0 && options.space_after >= 0)
      x.leaf("w:spacing", {{"w:before", before}, {"w:after", after}});
    else if (options.space_before >= 0)
      x.leaf("w:spacing", {{"w:before", before}});
    else if (options.space_after >= 0)
      x.leaf("w:spacing", {{"w:after", after}});
    if (options.right_indent > 0) x.leaf("w:ind", {{"w:right", std::to_string(options.right_indent)}});
    if (options.align == ir::Column::RIGHT || options.align == ir::Column::DECIMAL)
      x.leaf("w:jc", {{"w:val", "right"}});
    else if (options.align == ir::Column::CENTER)
      x.leaf("w:jc", {{"w:val", "center"}});
    if (options.outline_body) x.leaf("w:outlineLvl", {{"w:val", "9"}});
    if (options.hidden) x.start("w:rPr").leaf("w:vanish").end();
    x.end();
  }

  void paragraph(XmlWriter& x, std::string_view style, const Spans& spans, ParagraphOptions options = {}) {
    paragraph_start(x, style, options);
    runs(x, spans);
    x.end();
  }

  void text_paragraph(XmlWriter& x, std::string_view style, const std::string& text,
                      ParagraphOptions options = {}) {
    paragraph_start(x, style, options);
    if (!text.empty()) {
      x.start("w:r");
      run_text(x, text);
      x.end();
    }
    x.end();
  }

  bool take_page_break() {
    const bool pending = page_break_pending_;
    page_break_pending_ = false;
    return pending;
  }

  // Tables cannot carry pageBreakBefore: a pending break gets its own
  // paragraph.
  void flush_page_break(XmlWriter& x) {
    if (!take_page_break()) return;
    x.start("w:p").start("w:r").leaf("w:br", {{"w:type", "page"}}).end().end();
  }

  // The shared heading rule (plugins/common/heading_rank.hpp): rank 1 is
  // the Title, rank r is Heading r-1 (the styles stop at Heading 3).
  static std::string_view heading_style(unsigned rank) {
    switch (rank) {
      case 1: return style::kTitle;
      case 2: return style::kHeading1;
      case 3: return style::kHeading2;
      default: return style::kHeading3;
    }
  }

  void heading(XmlWriter& x, const ir::Heading& heading) {
    const unsigned rank = outline_.rank(heading.level());
    ParagraphOptions options;
    options.outline_body = rank > 1 && !heading.in_toc() && has_toc_;
    paragraph_start(x, heading_style(rank), options);
    const bool bookmarked = !heading.anchor().empty();
    const std::string id = std::to_string(++bookmark_id_);
    if (bookmarked) x.leaf("w:bookmarkStart", {{"w:id", id}, {"w:name", bookmark_name(heading.anchor())}});
    if (!heading.number().empty()) {
      x.start("w:r");
      run_text(x, heading.number());
      // A run-in point ("1." of minnesanteckningar) has no title to tab to.
      if (!heading.spans().empty()) x.leaf("w:tab");
      x.end();
    }
    runs(x, heading.spans());
    if (bookmarked) x.leaf("w:bookmarkEnd", {{"w:id", id}});
    x.end();
  }

  // A run-in heading ("1." of minnesanteckningar) leads the paragraph after
  // it, in bold, as in the PDF; its bookmark makes the point a link target.
  void run_in_paragraph(XmlWriter& x, const ir::Heading& heading, const ir::Paragraph& paragraph,
                        ParagraphOptions options) {
    outline_.rank(heading.level());  // the shared rule counts it, as the PDF's tags do
    paragraph_start(x, paragraph_style(paragraph.style()), options);
    const bool bookmarked = !heading.anchor().empty();
    const std::string id = std::to_string(++bookmark_id_);
    if (bookmarked) x.leaf("w:bookmarkStart", {{"w:id", id}, {"w:name", bookmark_name(heading.anchor())}});
    google::protobuf::RepeatedPtrField<ir::Span> lead;
    if (!heading.number().empty()) lead.Add()->set_text(heading.number() + " ");
    for (const auto& span : heading.spans()) *lead.Add() = span;
    if (!heading.spans().empty()) lead.Add()->set_text(" ");
    for (auto& span : lead) span.set_bold(true);
    runs(x, lead);
    if (bookmarked) x.leaf("w:bookmarkEnd", {{"w:id", id}});
    runs(x, paragraph.spans());
    x.end();
  }

  static std::string_view paragraph_style(ir::Paragraph::Style style) {
    switch (style) {
      case ir::Paragraph::SUBTITLE: return style::kSubtitle;
      case ir::Paragraph::QUOTE: return style::kQuote;
      case ir::Paragraph::DECISION: return style::kDecision;
      case ir::Paragraph::NOTE: return style::kNote;
      default: return style::kNormal;
    }
  }

  void list(XmlWriter& x, const ir::List& list) {
    ParagraphOptions options;
    if (list.ordered()) {
      list_starts_.push_back(list.start() == 0 ? 1 : list.start());
      options.num_id = static_cast<int>(kFirstListNumId + list_starts_.size() - 1);
    } else if (reference_) {
      // The reference's List Bullet may name a numbering of its own, which
      // this package does not hold.
      options.num_id = kBulletNumId;
    }
    for (int i = 0; i < list.items_size(); ++i) {
      options.keep_next = keep_with_signatures_ && i + 1 == list.items_size();
      options.space_before = i == 0 ? DocxStyle::twips(style_.list_first_before) : -1;
      paragraph(x, list.ordered() ? style::kListNumber : style::kListBullet, list.items(i).spans(), options);
    }
  }

  // ---- tables --------------------------------------------------------------

  static std::string_view table_style(ir::Table::Kind kind) {
    switch (kind) {
      case ir::Table::ATTENDANCE: return style::kAttendanceTable;
      case ir::Table::FIELDS: return style::kFieldsTable;
      case ir::Table::FINANCIAL: return style::kFinancialTable;
      default: return style::kDataTable;
    }
  }

  static std::string_view cell_style(ir::Row::Kind kind) {
    switch (kind) {
      case ir::Row::HEADER: return style::kTableHeading;
      case ir::Row::SUBTOTAL:
      case ir::Row::TOTAL: return style::kTableTotal;
      case ir::Row::GROUP: return style::kTableGroup;
      default: return style::kTableText;
    }
  }

  static unsigned span_of(const ir::Cell& cell) { return std::max(cell.column_span(), 1u); }

  void table(XmlWriter& x, const ir::Table& table) {
    // Columns: as declared, or as many as the widest row.
    size_t columns = static_cast<size_t>(table.columns_size());
    for (const auto& row : table.rows()) {
      size_t width = 0;
      for (const auto& cell : row.cells()) width += span_of(cell);
      columns = std::max(columns, width);
    }
    if (!table.caption().empty()) text_paragraph(x, style::kCaption, table.caption());
    if (columns == 0 || table.rows_size() == 0) return;
    flush_page_break(x);

    std::vector<unsigned> weights(columns, 1);
    std::vector<ir::Column::Align> aligns(columns, ir::Column::LEFT);
    for (size_t c = 0; c < static_cast<size_t>(table.columns_size()); ++c) {
      weights[c] = std::max(table.columns(static_cast<int>(c)).weight(), 1u);
      aligns[c] = table.columns(static_cast<int>(c)).align();
    }
    const unsigned total = std::accumulate(weights.begin(), weights.end(), 0u);
    // As in the PDF, columns are parted by a gap (the cells' right margin)
    // that a ruled table also keeps at its sides; an unruled table reaches
    // one gap into the right margin so that its last column's text ends at
    // the text width.
    const bool ruled = table.kind() == ir::Table::DATA || table.kind() == ir::Table::FINANCIAL;
    const int text_width = style_.text_width() + (table.kind() == ir::Table::DATA ? 0
                                                  : table.kind() == ir::Table::FINANCIAL
                                                      ? DocxStyle::twips(style_.ruled_column_gap)
                                                      : DocxStyle::twips(style_.table_column_gap));
    std::vector<int> widths(columns);
    int used = 0;
    for (size_t c = 0; c < columns; ++c) {
      widths[c] = c + 1 == columns
                      ? text_width - used
                      : static_cast<int>(static_cast<long long>(text_width) * weights[c] / total);
      used += widths[c];
    }

    // No header word breaks: widen a column to its longest header word.
    std::vector<double> need(columns, 0);
    for (const auto& row : table.rows()) {
      if (row.kind() != ir::Row::HEADER) continue;
      size_t column = 0;
      for (const auto& cell : row.cells()) {
        const std::string text = spans_text(cell.spans());
        for (size_t i = 0; span_of(cell) == 1 && column < columns && i < text.size();) {
          const size_t end = std::min(text.find(' ', i), text.size());
          need[column] = std::max(
              need[column],
              double(code_points(text.substr(i, end - i)) * kBoldCharEm * DocxStyle::twips(style_.body_size) +
                     DocxStyle::twips(ruled ? style_.ruled_column_gap : style_.table_column_gap)));
          i = end + 1;
        }
        column += span_of(cell);
      }
    }
    std::vector<double> fitted(widths.begin(), widths.end());
    common::widen_to_needs(fitted, need);
    if (!std::equal(fitted.begin(), fitted.end(), widths.begin())) {
      used = 0;
      for (size_t c = 0; c < columns; ++c) {
        widths[c] = c + 1 == columns ? text_width - used : static_cast<int>(fitted[c]);
        used += widths[c];
      }
    }
    // DECIMAL columns: right-aligned, each cell indented from the right by
    // what its tail (comma and decimals, " %", a unit) lacks of the widest
    // tail, so the commas line up. (A decimal tab stop would do it in Word,
    // but both Word and LibreOffice take the decimal character from the
    // system's locale, not the document's language.)
    std::vector<double> tail(columns, 0);
    for (const auto& row : table.rows()) {
      if (row.kind() == ir::Row::HEADER || row.kind() == ir::Row::GROUP) continue;
      size_t column = 0;
      for (const auto& cell : row.cells()) {
        if (column >= columns) break;
        if (span_of(cell) == 1 && aligns[column] == ir::Column::DECIMAL) {
          const std::string text = spans_text(cell.spans());
          tail[column] =
              std::max(tail[column], tail_em(std::string_view(text).substr(common::decimal_point(text))));
        }
        column += span_of(cell);
      }
    }

    const bool has_header = table.rows(0).kind() == ir::Row::HEADER;
    x.start("w:tbl");
    x.start("w:tblPr");
    x.leaf("w:tblStyle", {{"w:val", table_style(table.kind())}});
    x.leaf("w:tblW", {{"w:w", std::to_string(text_width)}, {"w:type", "dxa"}});
    x.leaf("w:tblLayout", {{"w:type", "fixed"}});
    x.leaf("w:tblLook", {{"w:val", has_header ? "0220" : "0200"},
                         {"w:firstRow", has_header ? "1" : "0"},
                         {"w:lastRow", "0"},
                         {"w:firstColumn", table.kind() == ir::Table::FIELDS ? "1" : "0"},
                         {"w:lastColumn", "0"},
                         {"w:noHBand", "1"},
                         {"w:noVBand", "1"}});
    x.end();
    x.start("w:tblGrid");
    for (int width : widths) x.leaf("w:gridCol", {{"w:w", std::to_string(width)}});
    x.end();

    bool leading_headers = true;
    bool first_shown = true;  // the first row drawn carries the space above the table
    int body_rows = 0;
    for (int r = 0; r < table.rows_size(); ++r) {
      const auto& row = table.rows(r);
      leading_headers = leading_headers && row.kind() == ir::Row::HEADER;
      if (row.kind() != ir::Row::HEADER) ++body_rows;
      const bool last_row = r + 1 == table.rows_size();
      // Keep with the next row: a header and the first body row (so the
      // header keeps with two body rows), every row of a FIELDS table, and
      // the last row when a signature block follows.
      const bool keep_row = row.kind() == ir::Row::HEADER || row.kind() == ir::Row::GROUP ||
                            (has_header && body_rows == 1 && !last_row) ||
                            (table.kind() == ir::Table::FIELDS && !last_row) ||
                            (last_row && keep_with_signatures_);
      x.start("w:tr");
      x.start("w:trPr").leaf("w:cantSplit");
      if (leading_headers) x.leaf("w:tblHeader");
      x.end();
      // A visually hidden header row names the columns for screen readers:
      // its text and paragraph marks are hidden (w:vanish), no rules.
      hidden_runs_ = row.visually_hidden();
      size_t column = 0;
      const auto cell = [&](const Spans* spans, unsigned span) {
        span = static_cast<unsigned>(std::min<size_t>(span, columns - column));
        int width = 0;
        for (size_t c = column; c < column + span; ++c) width += widths[c];
        x.start("w:tc");
        x.start("w:tcPr");
        x.leaf("w:tcW", {{"w:w", std::to_string(width)}, {"w:type", "dxa"}});
        if (span > 1) x.leaf("w:gridSpan", {{"w:val", std::to_string(span)}});
        if (!row.visually_hidden()) row_borders(x, row.kind());
        x.end();
        ParagraphOptions options;
        options.align = aligns[column];
        options.keep_next = keep_row;
        options.hidden = row.visually_hidden();
        const double pad = ruled ? style_.ruled_row_padding : style_.table_row_padding;
        if (ruled) options.space_before = options.space_after = DocxStyle::twips(pad);
        if (first_shown && !row.visually_hidden() && !ruled)
          options.space_before = DocxStyle::twips(pad + style_.table_before);
        const bool decimal = options.align == ir::Column::DECIMAL && span == 1 &&
                             row.kind() != ir::Row::HEADER && row.kind() != ir::Row::GROUP;
        if (decimal && spans) {
          const std::string text = spans_text(*spans);
          options.right_indent = static_cast<int>(
              (tail[column] - tail_em(std::string_view(text).substr(common::decimal_point(text)))) *
                  DocxStyle::twips(style_.body_size) +
              0.5);
        }
        if (spans) {
          paragraph(x, cell_style(row.kind()), *spans, options);
        } else {
          text_paragraph(x, cell_style(row.kind()), {}, options);
        }
        x.end();
        column += span;
      };
      for (const auto& c : row.cells()) {
        if (column >= columns) break;
        cell(&c.spans(), span_of(c));
      }
      while (column < columns) cell(nullptr, 1);  // short rows: pad with empty cells
      x.end();
      if (!row.visually_hidden()) first_shown = false;
      hidden_runs_ = false;
    }
    x.end();
  }

  // Rules that mark a row's kind: under a header, above a subtotal, above
  // and (double) below a total.
  static void row_borders(XmlWriter& x, ir::Row::Kind kind) {
    const auto rule = [&](const char* side, const char* value, const char* size) {
      x.leaf(side, {{"w:val", value}, {"w:sz", size}, {"w:space", "0"}, {"w:color", "000000"}});
    };
    switch (kind) {
      case ir::Row::HEADER:
        x.start("w:tcBorders");
        rule("w:bottom", "single", "8");
        x.end();
        break;
      case ir::Row::SUBTOTAL:
        x.start("w:tcBorders");
        rule("w:top", "single", "4");
        x.end();
        break;
      case ir::Row::TOTAL:
        x.start("w:tcBorders");
        rule("w:top", "single", "4");
        rule("w:bottom", "double", "6");
        x.end();
        break;
      default: break;
    }
  }

  // ---- signatures ----------------------------------------------------------

  // Opens a table that only lays out (signatures, keeping together): its
  // style, full width, fixed layout, no conditional formatting.
  static void layout_table_start(XmlWriter& x, std::string_view table_style, int width) {
    x.start("w:tbl");
    x.start("w:tblPr");
    x.leaf("w:tblStyle", {{"w:val", table_style}});
    x.leaf("w:tblW", {{"w:w", std::to_string(width)}, {"w:type", "dxa"}});
    x.leaf("w:tblLayout", {{"w:type", "fixed"}});
    x.leaf("w:tblLook", {{"w:val", "0000"},
                         {"w:firstRow", "0"},
                         {"w:lastRow", "0"},
                         {"w:firstColumn", "0"},
                         {"w:lastColumn", "0"},
                         {"w:noHBand", "1"},
                         {"w:noVBand", "1"}});
    x.end();
  }

  // A label, then the signatories two to a row: an empty line to sign on,
  // the name and the role under it.
  void signatures(XmlWriter& x, const ir::SignatureBlock& block) {
    ParagraphOptions keep;
    keep.keep_next = true;
    if (!block.label().empty()) text_paragraph(x, style::kSignatureLabel, block.label(), keep);
    if (block.signatories_size() == 0) return;
    flush_page_break(x);
    // Two columns parted by a gap (the cells' right margin), the second
    // reaching one gap into the right margin.
    const int table_width = style_.text_width() + DocxStyle::twips(style_.signature_column_gap);
    const int half = table_width / 2;
    layout_table_start(x, style::kSignatureTable, table_width);
    x.start("w:tblGrid")
        .leaf("w:gridCol", {{"w:w", std::to_string(half)}})
        .leaf("w:gridCol", {{"w:w", std::to_string(table_width - half)}})
        .end();
    for (int i = 0; i < block.signatories_size(); i += 2) {
      x.start("w:tr");
      x.start("w:trPr").leaf("w:cantSplit").end();
      for (int k = i; k < i + 2; ++k) {
        x.start("w:tc");
        x.start("w:tcPr")
            .leaf("w:tcW", {{"w:w", std::to_string(k == i ? half : table_width - half)}, {"w:type", "dxa"}})
            .end();
        if (k < block.signatories_size()) {
          const auto& signatory = block.signatories(k);
          // The line to sign on, bookmarked with the signature field's name.
          ParagraphOptions line;
          line.space_before = DocxStyle::twips(
              style_.signature_space - 1 + (i == 0 ? style_.signature_row_before : style_.signature_row_gap));
          paragraph_start(x, style::kSignatureLine, line);
          if (!signatory.field_name().empty()) {
            const std::string id = std::to_string(++bookmark_id_);
            x.leaf("w:bookmarkStart", {{"w:id", id}, {"w:name", bookmark_name(signatory.field_name())}});
            x.leaf("w:bookmarkEnd", {{"w:id", id}});
          }
          x.end();
          text_paragraph(x, style::kSignatureName, signatory.name());
          text_paragraph(x, style::kSignatureRole, signatory.role());
        } else {
          text_paragraph(x, style::kNormal, {});
        }
        x.end();
      }
      x.end();
    }
    x.end();
  }

  // A table and the signature block after it, kept on one page: LibreOffice
  // ignores keepNext from a table's last row, so both go into the one cell
  // of an unsplittable borderless table (style Sammanhållning), which Word
  // and LibreOffice move to the next page whole.
  void table_with_signatures(XmlWriter& x, const ir::Table& inner, const ir::SignatureBlock& block) {
    flush_page_break(x);
    const int width = style_.text_width() + DocxStyle::twips(style_.table_column_gap);
    const std::string w = std::to_string(width);
    layout_table_start(x, style::kKeepTogetherTable, width);
    x.start("w:tblGrid").leaf("w:gridCol", {{"w:w", w}}).end();
    x.start("w:tr").start("w:trPr").leaf("w:cantSplit").end();
    x.start("w:tc").start("w:tcPr").leaf("w:tcW", {{"w:w", w}, {"w:type", "dxa"}}).end();
    table(x, inner);
    signatures(x, block);
    text_paragraph(x, style::kCellEnd, {});  // a cell ends with a paragraph
    x.end().end().end();
  }

  // ---- table of contents ---------------------------------------------------

  // A TOC field whose cached result lists the headings with in_toc (without
  // page numbers, which only a layout knows); Word refreshes it on open.
  void table_of_contents(XmlWriter& x, const ir::TableOfContents& toc) {
    if (!toc.title().empty()) text_paragraph(x, style::kTocHeading, toc.title());
    std::vector<const ir::Heading*> entries;
    for (const auto& block : document_.blocks())
      if (block.has_heading() && block.heading().in_toc() && block.heading().level() >= 1)
        entries.push_back(&block.heading());
    const auto field_start = [&] {
      x.start("w:r").leaf("w:fldChar", {{"w:fldCharType", "begin"}}).end();
      x.start("w:r")
          .element("w:instrText", " TOC \\o \"1-3\" \\h \\z \\u ", {{"xml:space", "preserve"}})
          .end();
      x.start("w:r").leaf("w:fldChar", {{"w:fldCharType", "separate"}}).end();
    };
    const auto field_end = [&] { x.start("w:r").leaf("w:fldChar", {{"w:fldCharType", "end"}}).end(); };
    if (entries.empty()) {
      paragraph_start(x, style::toc(1));
      field_start();
      field_end();
      x.end();
      return;
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      const auto& heading = *entries[i];
      paragraph_start(x, style::toc(std::min(heading.level(), 3u)));
      if (i == 0) field_start();
      std::string text;
      for (const auto& span : heading.spans())
        if (span.footnote() == 0) text += span.line_break() ? " " : span.text();
      const bool linked = !heading.anchor().empty();
      if (linked) {
        // The tooltip names the entry, as the link says it.
        const std::string tooltip = heading.number().empty() ? text : heading.number() + " " + text;
        x.start("w:hyperlink", {{"w:anchor", bookmark_name(heading.anchor())},
                                {"w:tooltip", xml_safe(tooltip)},
                                {"w:history", "1"}});
      }
      x.start("w:r");
      if (!heading.number().empty()) {
        run_text(x, heading.number());
        x.leaf("w:tab");
      }
      run_text(x, text);
      x.end();
      if (linked) x.end();
      if (i + 1 == entries.size()) field_end();
      x.end();
    }
  }

  // ---- parts ---------------------------------------------------------------

  std::string document_xml() {
    for (const auto& block : document_.blocks())
      if (block.has_table_of_contents()) has_toc_ = true;
    XmlWriter x;
    root(x, "w:document");
    x.start("w:body");
    bool ends_with_table = false;
    for (int b = 0; b < document_.blocks_size(); ++b) {
      const auto& block = document_.blocks(b);
      ends_with_table = false;
      // A signature block never stands alone: the block before keeps its
      // last paragraph (two lines, with widow control) with it.
      const bool run_in = block.has_heading() && block.heading().run_in() &&
                          b + 1 < document_.blocks_size() && document_.blocks(b + 1).has_paragraph();
      if (run_in) ++b;
      keep_with_signatures_ = b + 1 < document_.blocks_size() && document_.blocks(b + 1).has_signatures();
      ParagraphOptions keep;
      keep.keep_next = keep_with_signatures_;
      if (run_in) {
        run_in_paragraph(x, block.heading(), document_.blocks(b).paragraph(), keep);
        continue;
      }
      switch (block.content_case()) {
        case ir::Block::kHeading: heading(x, block.heading()); break;
        case ir::Block::kParagraph:
          paragraph(x, paragraph_style(block.paragraph().style()), block.paragraph().spans(), keep);
          break;
        case ir::Block::kList: list(x, block.list()); break;
        case ir::Block::kTable:
          if (keep_with_signatures_ && block.table().rows_size() <= kMaxKeptTableRows) {
            table_with_signatures(x, block.table(), document_.blocks(++b).signatures());
          } else {
            table(x, block.table());
          }
          ends_with_table = true;
          break;
        case ir::Block::kSignatures:
          signatures(x, block.signatures());
          ends_with_table = block.signatures().signatories_size() > 0;
          break;
        case ir::Block::kPageBreak: page_break_pending_ = true; break;
        case ir::Block::kTableOfContents: table_of_contents(x, block.table_of_contents()); break;
        case ir::Block::CONTENT_NOT_SET: break;  // a block kind newer than this exporter
      }
    }
    // Word wants a paragraph between a final table and the section.
    if (ends_with_table || page_break_pending_) text_paragraph(x, style::kNormal, {});
    x.start("w:sectPr");
    x.leaf("w:headerReference", {{"w:type", "default"}, {"r:id", "rId5"}});
    x.leaf("w:footerReference", {{"w:type", "default"}, {"r:id", "rId6"}});
    const auto tw = [](double points) { return std::to_string(DocxStyle::twips(points)); };
    x.leaf("w:pgSz", {{"w:w", tw(style_.page_width)}, {"w:h", tw(style_.page_height)}});
    x.leaf("w:pgMar", {{"w:top", tw(style_.margin_top)},
                       {"w:right", tw(style_.margin_right)},
                       {"w:bottom", tw(style_.margin_bottom)},
                       {"w:left", tw(style_.margin_left)},
                       {"w:header", tw(style_.header_distance)},
                       {"w:footer", tw(style_.footer_distance)},
                       {"w:gutter", "0"}});
    x.leaf("w:cols", {{"w:space", "708"}});
    x.end();
    return x.finish();
  }

  std::string footnotes_xml() {
    XmlWriter x;
    root(x, "w:footnotes");
    const auto separator = [&](const char* type, const char* id, const char* mark) {
      x.start("w:footnote", {{"w:type", type}, {"w:id", id}});
      x.start("w:p")
          .start("w:pPr")
          .leaf("w:spacing", {{"w:after", "0"}, {"w:line", "240"}, {"w:lineRule", "auto"}})
          .end();
      x.start("w:r").leaf(mark).end().end();
      x.end();
    };
    separator("separator", "-1", "w:separator");
    separator("continuationSeparator", "0", "w:continuationSeparator");
    for (const auto& footnote : document_.footnotes()) {
      x.start("w:footnote", {{"w:id", std::to_string(footnote.number())}});
      paragraph_start(x, style::kFootnoteText);
      x.start("w:r").start("w:rPr").leaf("w:rStyle", {{"w:val", style::kFootnoteReference}}).end();
      if (custom_marks_)
        x.element("w:t", std::to_string(footnote.number()));
      else
        x.leaf("w:footnoteRef");
      x.end();
      x.start("w:r").leaf("w:tab").end();
      runs(x, footnote.spans(), true);
      x.end();
      x.end();
    }
    return x.finish();
  }

  std::string header_xml() const {
    const auto& furniture = document_.furniture();
    XmlWriter x;
    if (document_.style().has_logo()) {
      x.start("w:hdr", {{"xmlns:w", kWordNamespace},
                        {"xmlns:r", kRelationshipNamespace},
                        {"xmlns:wp", kDrawingNamespace}});
      logo_paragraph(x, document_.style().logo(), logo_relationship());
    } else {
      root(x, "w:hdr");
    }
    x.start("w:p").start("w:pPr").leaf("w:pStyle", {{"w:val", style::kHeader}});
    // A reference document's header style need not stop a tab at the
    // right margin, where the header's right part stands.
    if (reference_)
      x.start("w:tabs")
          .leaf("w:tab", {{"w:val", "right"}, {"w:pos", std::to_string(style_.text_width())}})
          .end();
    x.end();
    x.start("w:r");
    run_text(x, furniture.header_left());
    if (!furniture.header_right().empty()) {
      x.leaf("w:tab");
      run_text(x, furniture.header_right());
    }
    x.end();
    x.end();
    if (furniture.letterhead_place() == ir::PageFurniture::HEADER)
      letterhead_paragraphs(x, furniture, style::kHeader);
    return x.finish();
  }

  // "Sida {page} av {pages}" with PAGE and NUMPAGES fields in place of the
  // placeholders.
  std::string footer_xml() const {
    XmlWriter x;
    root(x, "w:ftr");
    if (document_.furniture().letterhead_place() == ir::PageFurniture::FOOTER)
      letterhead_paragraphs(x, document_.furniture(), style::kFooter);
    x.start("w:p").start("w:pPr").leaf("w:pStyle", {{"w:val", style::kFooter}}).end();
    const std::string label = document_.furniture().footer_page_label();
    const auto field = [&](const char* instruction) {
      x.start("w:r").leaf("w:fldChar", {{"w:fldCharType", "begin"}}).end();
      x.start("w:r").element("w:instrText", instruction, {{"xml:space", "preserve"}}).end();
      x.start("w:r").leaf("w:fldChar", {{"w:fldCharType", "separate"}}).end();
      x.start("w:r").start("w:rPr").leaf("w:noProof").end().element("w:t", "1").end();
      x.start("w:r").leaf("w:fldChar", {{"w:fldCharType", "end"}}).end();
    };
    size_t pos = 0;
    while (pos < label.size()) {
      const size_t page = label.find("{page}", pos), pages = label.find("{pages}", pos);
      const size_t next = std::min(page, pages);
      const std::string literal =
          label.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
      if (!literal.empty()) {
        x.start("w:r");
        run_text(x, literal);
        x.end();
      }
      if (next == std::string::npos) break;
      if (next == pages) {
        field(" NUMPAGES ");
        pos = next + 7;
      } else {
        field(" PAGE ");
        pos = next + 6;
      }
    }
    x.end();
    return x.finish();
  }

  const ir::Document& document_;
  // The house style's Word template, or null.
  const ir::ReferenceDocument* reference_ =
      document_.style().has_reference_document() ? &document_.style().reference_document() : nullptr;
  // The PDF's look (docx_style.hpp) in the house style, if any.
  const DocxStyle style_ = docx_style(document_.style());
  Relationships document_rels_, footnote_rels_;
  std::set<unsigned> footnote_numbers_;
  std::vector<unsigned> list_starts_;
  int bookmark_id_ = 0;
  common::HeadingOutline outline_;  // ranks the headings in document order
  bool hidden_runs_ = false;        // the runs being written belong to a visually hidden row
  bool page_break_pending_ = false;
  bool has_toc_ = false;
  bool keep_with_signatures_ = false;  // the block being written is followed by a SignatureBlock
  bool custom_marks_ = false;          // footnote numbers are not Word's (1, 2, ... by reference)
};

std::string render_docx(const ExportRequest& request) {
  for (const auto& [key, value] : request.options)
    throw ExportError("unknown option '" + key + "' (the docx exporter takes no options)");
  return DocumentWriter(request.ir).write();
}

}  // namespace

}  // namespace kansli::docx

KANSLI_DEFINE_EXPORTER(kansli::docx::render_docx, "docx", "DOCX (Office Open XML, libzip)", "1.0.0", "docx",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
