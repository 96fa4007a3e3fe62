// The PDF's page geometry, type sizes and colours, shared by every layout
// step (typesetting, blocks, pagination, page furniture). The geometry, the
// type sizes and the accent colour come from the document's house style (IR
// Document.style, issue 15); a PageStyle built from a document without one
// is kansli's own look.
#ifndef KANSLI_PDF_PAGE_STYLE_HPP
#define KANSLI_PDF_PAGE_STYLE_HPP

#include <kansli/ir.pb.h>

#include "page.hpp"
#include "type_sizes.hpp"

namespace kansli::pdf {

inline constexpr double kBodySize = 10.5;
inline constexpr double kLeading = 1.36;  // line height / font size
inline constexpr double kFootnoteSize = 8.5;

inline constexpr Color kBlack{0, 0, 0};
inline constexpr Color kGray{0.35, 0.35, 0.35};
inline constexpr Color kRuleGray{0.6, 0.6, 0.6};
inline constexpr Color kLightFill{0.92, 0.92, 0.92};
inline constexpr Color kLinkBlue{0.05, 0.25, 0.6};

// Page geometry (points) and colours of one document. The defaults: 25 mm
// left, 20 mm right, header and footer outside the body area.
struct PageStyle {
  double left = 71;
  double right = kPageWidth - 57;
  double body_top = kPageHeight - 78;
  double body_bottom = 62;
  double header_baseline = kPageHeight - 46;
  double footer_baseline = 34;
  // Decision bars; headings too when the house style names a colour.
  Color accent{0.16, 0.29, 0.45};
  bool accent_headings = false;
  // Body text, title, headings, notes, footnotes (the DOCX's too).
  common::TypeSizes sizes;
  double text_width() const { return right - left; }
};

// The page style of `document`: its house style's margins, type sizes and
// accent colour, room for its logo and letterhead.
PageStyle page_style(const ir::Document& document);

inline double leading(double size) { return size * kLeading; }
inline double baseline_offset(double size) { return size * kLeading * 0.5 + size * 0.33; }

}  // namespace kansli::pdf

#endif
