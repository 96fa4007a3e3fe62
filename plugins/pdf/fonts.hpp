// The PDF exporter's fonts: one TrueType/OpenType file per style. Layout
// measures text with HarfBuzz on the full font and records, per style, each
// character it measured; drawing then embeds each used style once, subset
// with hb-subset to exactly those characters, as a Type0 font whose CIDs
// number those characters (1, 2, ...) and whose /W, CIDToGIDMap and
// ToUnicode cover only them. Nothing per document is proportional to the
// size of the font or of Unicode: each font file is parsed once per process
// and a subset, once made, is reused by every document with the same
// characters. Unused styles cost nothing. A FontSet belongs to one
// document and one thread; the process-wide caches behind it are safe to use
// from several threads and are freed when the plugin is unloaded.
#ifndef KANSLI_PDF_FONTS_HPP
#define KANSLI_PDF_FONTS_HPP

#include <hpdf.h>

#include <array>
#include <kansli/exporter_support.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace kansli::pdf {

enum class FontStyle { regular, bold, italic, bold_italic, mono, count };

// The font file of each style, by path. The default is the Liberation
// family in the build's font directory (fonts-liberation2). Any TrueType or
// OpenType (glyf) files may be given; the same file may serve several styles.
struct FontFiles {
  std::string regular = std::string(KANSLI_PDF_FONT_DIR) + "/LiberationSans-Regular.ttf";
  std::string bold = std::string(KANSLI_PDF_FONT_DIR) + "/LiberationSans-Bold.ttf";
  std::string italic = std::string(KANSLI_PDF_FONT_DIR) + "/LiberationSans-Italic.ttf";
  std::string bold_italic = std::string(KANSLI_PDF_FONT_DIR) + "/LiberationSans-BoldItalic.ttf";
  std::string mono = std::string(KANSLI_PDF_FONT_DIR) + "/LiberationMono-Regular.ttf";

  // The Liberation files in `dir` (the exporter's font-dir option).
  static FontFiles liberation(const std::string& dir);
  // The path of one style.
  const std::string& path(FontStyle style) const;
};

// One style's font; owned by FontSet.
struct LoadedFont;

class FontSet {
 public:
  // `files` names each style's font file. Throws ExportError when a file is
  // missing or unreadable, or is not a TrueType font (checked for the
  // regular style at once, for the others when first used). Parsed font
  // files are shared by every FontSet in the process, by path.
  explicit FontSet(HPDF_Doc doc, FontFiles files = {});
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // The font dictionary of a style, embedding it on first use; measure all
  // text of that style first.
  HPDF_Font font(FontStyle style);
  // Width in points of UTF-8 `text` at `size`. Throws ExportError naming the
  // character when the style's font has no glyph for it.
  double width(FontStyle style, std::string_view text, double size);
  // `text` as a PDF literal string of the style's two-byte character codes,
  // for Tj; embeds the font. Throws ExportError for a character not measured.
  std::string encode(FontStyle style, std::string_view text);

 private:
  LoadedFont& load(FontStyle style);
  void embed(LoadedFont& font, FontStyle style);
  HPDF_Doc doc_;
  FontFiles files_;
  std::array<std::unique_ptr<LoadedFont>, static_cast<size_t>(FontStyle::count)> fonts_;
};

}  // namespace kansli::pdf

#endif
