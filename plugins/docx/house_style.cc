#include "house_style.hpp"

#include <fmt/format.h>

#include <cmath>
#include <regex>

namespace kansli::docx {
namespace {

// The w:rFonts element naming `family` for every script.
std::string fonts_element(const std::string& family) {
  const std::string f = common::xml_safe(family);
  std::string escaped;
  common::append_escaped(escaped, f, true);
  return fmt::format(R"(<w:rFonts w:ascii="{0}" w:hAnsi="{0}" w:eastAsia="{0}" w:cs="{0}"/>)", escaped);
}

bool is_heading_style(const std::string& id) {
  return id == "Title" || id == "Heading1" || id == "Heading2" || id == "Heading3" || id == "TOCHeading";
}

}  // namespace

std::string with_house_style(std::string styles, const ir::HouseStyle& style) {
  const std::string& body = style.body_typeface().family();
  const std::string& heading =
      style.heading_typeface().family().empty() ? body : style.heading_typeface().family();
  const std::string& accent = style.accent_color();
  if (body.empty() && heading.empty() && accent.empty()) return styles;
  // styles.xml is written by this exporter, one style element per
  // <w:style ...>...</w:style>, with rFonts as a leaf: a walk over those
  // elements suffices (no XML parser needed for our own part).
  static const std::regex rfonts(R"(<w:rFonts [^>]*/>)");
  static const std::regex style_id(R"re(w:styleId="([^"]*)")re");
  auto restyle = [&](std::string chunk, const std::string& id) {
    const std::string& family = is_heading_style(id) ? heading : body;
    if (!family.empty() && id != "Kod") chunk = std::regex_replace(chunk, rfonts, fonts_element(family));
    if (!accent.empty() && is_heading_style(id) && id != "TOCHeading") {
      static const std::regex color(R"(<w:color [^>]*/>)");
      chunk = std::regex_replace(chunk, color, "");
      // w:color stands before w:sz in w:rPr (schema order).
      const size_t rpr = chunk.find("<w:rPr>");
      if (rpr != std::string::npos) {
        size_t at = chunk.find("<w:sz ", rpr);
        if (at == std::string::npos) at = chunk.find("</w:rPr>", rpr);
        chunk.insert(at, fmt::format(R"(<w:color w:val="{}"/>)", accent));
      }
    }
    if (!accent.empty() && id == "Beslut") {
      static const std::regex bar(R"((<w:left [^>]*w:color=")[0-9A-Fa-f]{6}")");
      chunk = std::regex_replace(chunk, bar, "$1" + accent + "\"");
    }
    return chunk;
  };
  // The document defaults, then each style element and what lies between.
  size_t pos = styles.find("<w:style ");
  std::string out = restyle(styles.substr(0, pos), "");
  while (pos != std::string::npos) {
    size_t end = styles.find("</w:style>", pos);
    end = end == std::string::npos ? styles.size() : end + 10;
    const std::string chunk = styles.substr(pos, end - pos);
    std::smatch m;
    out += restyle(chunk, std::regex_search(chunk, m, style_id) ? m[1].str() : std::string());
    pos = styles.find("<w:style ", end);
    out += styles.substr(end, pos == std::string::npos ? std::string::npos : pos - end);
  }
  return out;
}

std::string logo_extension(const ir::HouseStyle& style) {
  if (!style.has_logo()) return {};
  return style.logo().media_type() == "image/jpeg" ? "jpeg" : "png";
}

void logo_paragraph(common::XmlWriter& x, const ir::Logo& logo, const std::string& relationship_id) {
  constexpr double kEmuPerPoint = 12700;
  const std::string cx = std::to_string(std::lround(logo.width() * kEmuPerPoint));
  const std::string cy = std::to_string(std::lround(logo.height() * kEmuPerPoint));
  x.start("w:p").start("w:pPr").leaf("w:spacing", {{"w:after", "60"}});
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
