// The PDF's page geometry, type sizes and colours, shared by every layout
// step (typesetting, blocks, pagination, page furniture).
#ifndef KANSLI_PDF_PAGE_STYLE_HPP
#define KANSLI_PDF_PAGE_STYLE_HPP

#include "page.hpp"

namespace kansli::pdf {

// Page geometry (points): 25 mm left, 20 mm right, header and footer outside
// the body area.
inline constexpr double kLeft = 71;
inline constexpr double kRight = kPageWidth - 57;
inline constexpr double kBodyTop = kPageHeight - 78;
inline constexpr double kBodyBottom = 62;
inline constexpr double kTextWidth = kRight - kLeft;

inline constexpr double kBodySize = 10.5;
inline constexpr double kLeading = 1.36;  // line height / font size
inline constexpr double kFootnoteSize = 8.5;

inline constexpr Color kBlack{0, 0, 0};
inline constexpr Color kGray{0.35, 0.35, 0.35};
inline constexpr Color kRuleGray{0.6, 0.6, 0.6};
inline constexpr Color kLightFill{0.92, 0.92, 0.92};
inline constexpr Color kAccent{0.16, 0.29, 0.45};
inline constexpr Color kLinkBlue{0.05, 0.25, 0.6};

inline double leading(double size) { return size * kLeading; }
inline double baseline_offset(double size) { return size * kLeading * 0.5 + size * 0.33; }

}  // namespace kansli::pdf

#endif
