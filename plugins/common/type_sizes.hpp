// The type sizes the built-in exporters share (issue 15): kansli's own, or
// those of the document's house style (IR HouseStyle.*_size), so that the PDF
// and the DOCX set every text alike and break into the same pages. Private to
// plugins/; plain values, a pure function, safe on any thread.
#ifndef KANSLI_PLUGINS_COMMON_TYPE_SIZES_HPP
#define KANSLI_PLUGINS_COMMON_TYPE_SIZES_HPP

#include <kansli/ir.pb.h>

#include <cmath>

namespace kansli::common {

// Sizes in points. The page header and footer are not here: they keep
// their size whatever the body's.
struct TypeSizes {
  double body = 10.5;
  double title = 20;
  double subtitle = 12;
  double heading1 = 12.5;
  double heading2 = 11;
  double heading3 = 10.5;  // and deeper levels
  double note = 9;
  double footnote = 8.5;
  double signature_role = 9.5;
  double code = 10;  // DOCX; the PDF sets code in the size of its text
};

// The sizes of `style`: a size it gives as is; every other one kansli's own,
// scaled by the style's body size over 10.5 and rounded to the half point
// (Word's unit, so the DOCX gets the PDF's sizes exactly).
inline TypeSizes type_sizes(const ir::HouseStyle& style) {
  TypeSizes s;
  if (style.body_size() > 0) {
    const double scale = style.body_size() / s.body;
    for (double* size : {&s.body, &s.title, &s.subtitle, &s.heading1, &s.heading2, &s.heading3, &s.note,
                         &s.footnote, &s.signature_role, &s.code})
      *size = std::round(*size * scale * 2) / 2;
    s.body = style.body_size();
  }
  for (auto [size, given] :
       {std::pair{&s.title, style.title_size()}, std::pair{&s.heading1, style.heading1_size()},
        std::pair{&s.heading2, style.heading2_size()}, std::pair{&s.heading3, style.heading3_size()}})
    if (given > 0) *size = given;
  return s;
}

}  // namespace kansli::common

#endif
