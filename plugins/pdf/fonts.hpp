// The PDF exporter's fonts: TrueType files from one directory, subset with
// hb-subset to the characters the document uses and embedded in a libharu
// document. A style is loaded the first time it is asked for, so unused
// styles cost nothing. Widths are measured with HarfBuzz on the full font;
// libharu writes the same advances into /W, so measured and drawn text agree.
#ifndef KANSLI_PDF_FONTS_HPP
#define KANSLI_PDF_FONTS_HPP

#include <hpdf.h>

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
  // `dir` holds the font files; `codepoints` every character the document
  // will draw (the subset keeps exactly these). Throws ExportError when a
  // file is missing or unreadable, or is not a TrueType font.
  FontSet(HPDF_Doc doc, std::string dir, std::set<char32_t> codepoints);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // The libharu font of a style, loading and embedding it on first use.
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
  HPDF_Doc doc_;
  std::string dir_;
  std::set<char32_t> codepoints_;
  std::array<std::unique_ptr<LoadedFont>, static_cast<size_t>(FontStyle::count)> fonts_;
};

// Decodes UTF-8; invalid bytes become U+FFFD.
std::u32string decode_utf8(std::string_view text);

}  // namespace kansli::pdf

#endif
