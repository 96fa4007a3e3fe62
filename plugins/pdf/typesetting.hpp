// Typesetting: breaks IR spans into lines of a given width, measuring every
// word with the exporter's fonts. A line is a list of runs (text of one
// look at an x offset) plus the footnotes referenced on it.
#ifndef KANSLI_PDF_TYPESETTING_HPP
#define KANSLI_PDF_TYPESETTING_HPP

#include <kansli/ir.pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "page_style.hpp"

namespace kansli::pdf {

// Text of one look, measured.
struct Piece {
  std::string text;
  FontStyle style = FontStyle::regular;
  double size = kBodySize;
  double rise = 0;
  std::string link;
  Color color;
  double width = 0;
  int part = 0;  // added to the text's sub (a run-in heading's part 0, the rest 1)
  bool heading_face = false;  // the heading typeface's font set, not the body's
};

struct Run {
  Piece piece;
  double x = 0;
};

struct Line {
  std::vector<Run> runs;
  double width = 0;
  std::vector<uint32_t> footnotes;  // referenced on this line
};

struct TextStyle {
  double size = kBodySize;
  bool bold = false;
  bool italic = false;
  Color color = kBlack;
  bool heading_face = false;  // the house style's heading typeface
};

class Typesetter {
 public:
  // `heading_fonts`: the house style's heading typeface; null: the body's.
  explicit Typesetter(FontSet& fonts, FontSet* heading_fonts = nullptr)
      : fonts_(fonts), heading_fonts_(heading_fonts) {}

  double width(const Piece& p) { return fonts_for(p).width(p.style, p.text, p.size); }
  FontSet& fonts_for(const Piece& p) { return p.heading_face && heading_fonts_ ? *heading_fonts_ : fonts_; }

  // Breaks `spans` into lines no wider than `max_width` (a word wider than
  // that is broken between characters). Always at least one line.
  // `lead_spans` > 0: the first lead_spans spans are part 0 (a run-in
  // heading), the others part 1 (Piece::part).
  std::vector<Line> lines(const google::protobuf::RepeatedPtrField<ir::Span>& spans, const TextStyle& base,
                          double max_width, int lead_spans = 0);
  // Lays out plain text in one style.
  std::vector<Line> lines(const std::string& text, const TextStyle& style, double max_width);

 private:
  FontSet& fonts_;
  FontSet* heading_fonts_;
};

// Draws `line` with its left end at `x` on `baseline`.
void draw_line(Page& page, const Line& line, double x, double baseline, long group, int sub = 0);

}  // namespace kansli::pdf

#endif
