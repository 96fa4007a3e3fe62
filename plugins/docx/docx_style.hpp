// Every typographic value of the DOCX in one place: typefaces, sizes, line
// height, paragraph spacing, indents, page margins and colours. The
// defaults equal the PDF's (plugins/pdf/page_style.hpp and the spacing in
// plugins/pdf/blocks.cc, tables.cc), so that a DOCX opened in Word or
// LibreOffice breaks into the same pages as the PDF. A house style fills
// one of these; nothing else in the exporter holds a size or a face.
//
// Plain data: no ownership, no errors, safe to share between threads.
#ifndef KANSLI_DOCX_STYLE_HPP
#define KANSLI_DOCX_STYLE_HPP

#include <cmath>
#include <string>

namespace kansli::docx {

struct DocxStyle {
  // Typefaces (w:rFonts), by family name.
  std::string body_font = "Liberation Sans";
  std::string heading_font = "Liberation Sans";
  std::string code_font = "Liberation Mono";

  // Page, in points: A4, the PDF's margins (25 mm left, 20 mm right).
  double page_width = 595.276;
  double page_height = 841.89;
  double margin_top = 78;
  double margin_bottom = 62;
  double margin_left = 71;
  double margin_right = 57;
  // Distance of the header's top and the footer's bottom from the page edge.
  double header_distance = 37;
  double footer_distance = 31;

  // Line height as a multiple of the type size (the PDF's kLeading).
  double line_height = 1.36;

  // Type sizes, points.
  double body_size = 10.5;
  double title_size = 20;
  double subtitle_size = 12;
  double heading1_size = 12.5;
  double heading2_size = 11;
  double heading3_size = 10.5;
  double note_size = 9;
  double footnote_size = 8.5;
  double furniture_size = 8.5;  // page header and footer
  double signature_role_size = 9.5;
  double code_size = 10;

  // Space before (and after) paragraphs, points.
  double paragraph_before = 6;
  double title_after = 2;
  double subtitle_before = 2;
  double subtitle_after = 8;
  double heading1_before = 15;
  double heading1_after = 2;
  double heading2_before = 11;
  double heading3_before = 8;
  double quote_before = 8;
  double decision_before = 9;
  double decision_after = 3;
  double note_before = 5;
  double list_first_before = 6;
  double list_item_before = 2;
  double caption_before = 10;
  double table_before = 8;         // above a table's first row
  double table_row_padding = 1.5;  // above and below a row's text (no rules)
  double ruled_row_padding = 3;    // the same in a DATA or FINANCIAL table
  double table_column_gap = 12;    // between columns (no rules)
  double ruled_column_gap = 8;
  double signature_label_before = 22;
  double signature_space = 36;      // room to sign above the line
  double signature_row_before = 4;  // above the first row of signatories
  double signature_row_gap = 16;    // between rows of signatories
  double signature_name_before = 4;
  double signature_column_gap = 30;

  // Indents, points.
  double heading_number_width = 44;  // "§ 18" then the title
  double quote_indent = 22;          // left and right
  double decision_indent = 12;
  double decision_bar_width = 2.25;
  double list_indent = 22;
  double footnote_indent = 14;

  // Colours, RRGGBB.
  std::string text_color = "000000";
  std::string gray = "595959";       // subtitle, notes, field labels, furniture
  std::string rule_gray = "999999";  // the rule under the page header
  std::string accent = "294A73";     // the bar of a decision
  std::string heading_color;         // title and headings; empty: the text colour
  std::string link_color = "0D4099";
  std::string light_fill = "EBEBEB";  // header row of a DATA table

  // Conversions for WordprocessingML.
  static int twips(double points) { return static_cast<int>(std::lround(points * 20)); }
  static int half_points(double points) { return static_cast<int>(std::lround(points * 2)); }
  // Exact line height of text set in `size`, twips.
  int line_twips(double size) const { return twips(size * line_height); }
  // Width of the text column, twips.
  int text_width() const { return twips(page_width) - twips(margin_left) - twips(margin_right); }
};

}  // namespace kansli::docx

#endif
