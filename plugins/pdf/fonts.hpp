// The PDF exporter's fonts: TrueType files from one directory. Layout
// measures text with HarfBuzz on the full font and records, per style, each
// character it measured; drawing then embeds each used style once, subset
// with hb-subset to exactly those characters. libharu writes the same
// advances into /W, so measured and drawn text agree. Unused styles cost
// nothing.
#ifndef KANSLI_PDF_FONTS_HPP
#define KANSLI_PDF_FONTS_HPP

#include <hpdf.h>
#include <kansli/exporter_support.hpp>

#include <array>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace kansli::pdf {

enum class FontStyle { regular, bold, italic, bold_italic, mono, count };

// One style's font; owned by FontSet.
struct LoadedFont;

class FontSet {
 public:
  // `dir` holds the font files. Throws ExportError when a file is missing or
  // unreadable, or is not a TrueType font (checked for the regular style at
  // once, for the others when first used).
  FontSet(HPDF_Doc doc, std::string dir);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // The libharu font of a style, embedding it on first use; measure all text
  // of that style first.
  HPDF_Font font(FontStyle style);
  // Width in points of UTF-8 `text` at `size`. Throws ExportError naming the
  // character when the style's font has no glyph for it.
  double width(FontStyle style, std::string_view text, double size);
  // The file name used for a style ("LiberationSans-Bold.ttf").
  static const char* file_name(FontStyle style);
  // The characters each loaded font maps (for the ToUnicode and CIDSet the
  // exporter writes), by font.
  std::map<HPDF_Font, std::set<char32_t>> loaded_fonts() const;

 private:
  LoadedFont& load(FontStyle style);
  void embed(LoadedFont& font, FontStyle style);
  HPDF_Doc doc_;
  std::string dir_;
  std::array<std::unique_ptr<LoadedFont>, static_cast<size_t>(FontStyle::count)> fonts_;
};


}  // namespace kansli::pdf

#endif
