#include "house_style.hpp"

#include <fmt/format.h>

#include <cmath>

#include "type_sizes.hpp"

namespace kansli::docx {

DocxStyle docx_style(const ir::HouseStyle& house) {
  DocxStyle style;
  const std::string& body = house.body_typeface().family();
  const std::string& heading =
      house.heading_typeface().family().empty() ? body : house.heading_typeface().family();
  if (!body.empty()) style.body_font = common::xml_safe(body);
  if (!heading.empty()) style.heading_font = common::xml_safe(heading);
  if (!house.accent_color().empty()) style.accent = style.heading_color = house.accent_color();
  const common::TypeSizes sizes = common::type_sizes(house);
  style.body_size = sizes.body;
  style.title_size = sizes.title;
  style.subtitle_size = sizes.subtitle;
  style.heading1_size = sizes.heading1;
  style.heading2_size = sizes.heading2;
  style.heading3_size = sizes.heading3;
  style.note_size = sizes.note;
  style.footnote_size = sizes.footnote;
  style.signature_role_size = sizes.signature_role;
  style.code_size = sizes.code;
  auto set = [](double& margin, double points) {
    if (points > 0) margin = points;
  };
  set(style.margin_top, house.margin_top());
  set(style.margin_right, house.margin_right());
  set(style.margin_bottom, house.margin_bottom());
  set(style.margin_left, house.margin_left());
  return style;
}

std::string logo_extension(const ir::HouseStyle& style) {
  if (!style.has_logo()) return {};
  return style.logo().media_type() == "image/jpeg" ? "jpeg" : "png";
}

void logo_paragraph(common::XmlWriter& x, const ir::Logo& logo, const std::string& relationship_id) {
  constexpr double kEmuPerPoint = 12700;
  const std::string cx = std::to_string(std::lround(logo.width() * kEmuPerPoint));
  const std::string cy = std::to_string(std::lround(logo.height() * kEmuPerPoint));
  // Single line spacing of its own: under the body's exact line height an
  // inline image is cut to that height (Word and LibreOffice both clip it).
  x.start("w:p").start("w:pPr").leaf("w:spacing",
                                     {{"w:after", "60"}, {"w:line", "240"}, {"w:lineRule", "auto"}});
  x.leaf("w:jc", {{"w:val", logo.placement() == ir::Logo::RIGHT ? "right" : "left"}}).end();
  x.start("w:r").start("w:drawing");
  x.start("wp:inline", {{"distT", "0"}, {"distB", "0"}, {"distL", "0"}, {"distR", "0"}});
  x.leaf("wp:extent", {{"cx", cx}, {"cy", cy}});
  x.leaf("wp:docPr", {{"id", "1"}, {"name", "Logotyp"}, {"descr", logo.alt()}});
  x.start("wp:cNvGraphicFramePr")
      .leaf("a:graphicFrameLocks",
            {{"xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"}, {"noChangeAspect", "1"}})
      .end();
  x.start("a:graphic", {{"xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"}});
  x.start("a:graphicData", {{"uri", "http://schemas.openxmlformats.org/drawingml/2006/picture"}});
  x.start("pic:pic", {{"xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"}});
  x.start("pic:nvPicPr").leaf("pic:cNvPr", {{"id", "0"}, {"name", "Logotyp"}, {"descr", logo.alt()}});
  x.leaf("pic:cNvPicPr").end();
  x.start("pic:blipFill").leaf("a:blip", {{"r:embed", relationship_id}});
  x.start("a:stretch").leaf("a:fillRect").end().end();
  x.start("pic:spPr").start("a:xfrm").leaf("a:off", {{"x", "0"}, {"y", "0"}});
  x.leaf("a:ext", {{"cx", cx}, {"cy", cy}}).end();
  x.start("a:prstGeom", {{"prst", "rect"}}).leaf("a:avLst").end().end();
  x.end().end().end();  // pic:pic, a:graphicData, a:graphic
  x.end().end().end();  // wp:inline, w:drawing, w:r
  x.end();              // w:p
}

void letterhead_paragraphs(common::XmlWriter& x, const ir::PageFurniture& furniture, std::string_view style) {
  for (const auto& line : furniture.letterhead()) {
    x.start("w:p")
        .start("w:pPr")
        .leaf("w:pStyle", {{"w:val", style}})
        .leaf("w:jc", {{"w:val", "left"}})
        .end();
    x.start("w:r").start("w:rPr").leaf("w:sz", {{"w:val", "15"}}).leaf("w:szCs", {{"w:val", "15"}}).end();
    x.element("w:t", line, {{"xml:space", "preserve"}}).end();
    x.end();
  }
}

}  // namespace kansli::docx
