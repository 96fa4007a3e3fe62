// What the PDF layout produces and the painter draws: A4 pages of positioned
// text, rules, filled rectangles, links and signature fields. Knows nothing
// about the IR or about PDF syntax.
#ifndef KANSLI_PDF_PAGE_HPP
#define KANSLI_PDF_PAGE_HPP

#include <map>
#include <string>
#include <vector>

#include "fonts.hpp"

namespace kansli::pdf {

// A4 in points.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.89;

struct Color {
  double r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};

struct TextOp {
  double x = 0, y = 0;  // baseline start
  FontStyle style = FontStyle::regular;
  double size = 10;
  std::string text;  // UTF-8
  Color color;
  // Content-stream order: ops are drawn sorted by (group, sub), so that the
  // text of a table cell stays together for text extraction.
  long group = 0;
  int sub = 0;
  bool artifact = false;      // decoration (leader dots), never tagged
  bool reference = false;     // a footnote mark: a Reference in the structure tree
  bool heading_face = false;  // set in the house style's heading typeface
};

// What a text group is in the structure tree (tagging.hpp): the IR block it
// belongs to (`block` < 0: untagged, an artifact) with its structure type,
// and optionally the type of the group (a table row, a list item) and of
// each of its parts (`sub`: a table cell, a signatory).
struct GroupTag {
  long block = -1;
  std::string block_role, group_role, sub_role;
  int row_headers = 0;  // the first parts of a table row are TH /Scope /Row
  std::string id;       // the block element's /ID (a Note's), unique
  // Part 0's type when it differs from sub_role: a list item's Lbl before
  // its LBody, a run-in heading's H before its P.
  std::string first_sub_role;
  // A table's header rows that are not drawn (ir::Row::visually_hidden):
  // TH elements with /ActualText and no content, before the drawn rows.
  std::vector<std::vector<std::string>> hidden_header;
  std::string list_numbering;  // an L's /ListNumbering: Decimal, Disc
  bool operator==(const GroupTag&) const = default;
};

struct RuleOp {
  double x1, y1, x2, y2, width;
  Color color;
};

struct RectOp {
  double x, y, w, h;
  Color fill;
};

// A clickable area: `target` is a URI, or "#anchor" for a heading.
struct LinkOp {
  double x, y, w, h;
  std::string target;
  std::string contents;  // what the link says (its text), for /Contents
  long group = -1;       // the text it belongs to (TextOp::group, sub)
  int sub = 0;
  bool reference = false;  // a footnote mark's link: in the mark's Reference element
};

// An empty signature field on a signature line.
struct FieldOp {
  double x, y, w, h;
  std::string name;
  std::string tooltip;  // the signatory's name and role, for /TU
  long group = -1;      // the signatory's text (TextOp::group, sub)
  int sub = 0;
};

// The house style's logo (IR Document.style.logo) drawn at x, y (lower
// left), w by h points: a Figure with its /Alt where `figure`, else an
// artifact (its repetition on later pages).
struct ImageOp {
  double x, y, w, h;
  bool figure = false;
};

struct Page {
  std::vector<TextOp> texts;
  std::vector<ImageOp> images;
  std::vector<RuleOp> rules;
  std::vector<RectOp> rects;
  std::vector<LinkOp> links;
  std::vector<FieldOp> fields;
  std::map<long, GroupTag> tags;  // by TextOp::group
};

struct Destination {
  size_t page = 0;
  double y = 0;
};

struct LayoutResult {
  std::vector<Page> pages;
  // Where each heading anchor landed.
  std::map<std::string, Destination> anchors;
};

}  // namespace kansli::pdf

#endif
