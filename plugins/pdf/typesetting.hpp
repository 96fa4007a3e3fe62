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
};

class Typesetter {
 public:
  explicit Typesetter(FontSet& fonts) : fonts_(fonts) {}

  double width(const Piece& p) { return fonts_.width(p.style, p.text, p.size); }

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
};

// Draws `line` with its left end at `x` on `baseline`.
void draw_line(Page& page, const Line& line, double x, double baseline, long group, int sub = 0);

}  // namespace kansli::pdf

#endif
