// House style (issue 15, proto/kansli/style.proto): a style file loaded for
// render time, and the checks that turn a style into the IR's. A style is
// data, validated like a document: every problem names the file and the
// field, with line and column when the style is written in text format.
// Values are plain; loading and checking are reentrant. What is costly and
// the same for every document (fontconfig's answers, font files, a logo's
// check) is kept per process; a family named without files is asked of
// fontconfig on a thread of its own from load_style_file on, so that the
// answer is ready when apply_house_style needs it.
#ifndef KANSLI_STYLE_HPP
#define KANSLI_STYLE_HPP

#include <kansli/ir.pb.h>
#include <kansli/style.pb.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <kansli/load.hpp>
#include <kansli/problem.hpp>
#include <kansli/result.hpp>
#include <memory>
#include <string>

namespace kansli {

// The largest logo file kansli embeds (2 MiB): a header image, not a photo.
inline constexpr std::size_t kMaxLogoBytes = 2 * 1024 * 1024;
// The most pixels a logo may have (4 Mi): a PNG of 2 MiB can inflate to
// gigabytes. A logo 20 mm high and 180 mm wide at 600 dpi has 2 Mi.
inline constexpr std::uint64_t kMaxLogoPixels = 4 * 1024 * 1024;

// The type sizes a style may give, in points (HouseStyle.sizes): body text
// from a footnote's size to a heading's, titles and headings up to a
// display size that still fits a line of a few words.
inline constexpr double kMinBodySize = 8;
inline constexpr double kMaxBodySize = 16;
inline constexpr double kMinHeadingSize = 8;
inline constexpr double kMaxHeadingSize = 36;

// A style and where it is written: paths in it are relative to `file`'s
// folder, and problems point into `file`.
struct LoadedStyle {
  std::string file;
  model::HouseStyle style;
  // Field places (text format); may be null.
  std::shared_ptr<google::protobuf::TextFormat::ParseInfoTree> positions;
  // Where `style` sits in the file: empty for a style file, the path to
  // organisation.style for a style inside a document.
  FieldPath prefix;
};

// Reads a style file (text format of kansli.model.HouseStyle, .txtpb):
// the style, or Failure::invalid_input with every problem at
// file:line:column.
Result<LoadedStyle> load_style_file(const std::filesystem::path& path);

// The style a document renders with: `given` (a style file) when set,
// otherwise the document's organisation.style; nullopt-like empty style
// when neither is set (LoadedStyle.style has no fields).
LoadedStyle effective_style(const LoadedDocument& document, const std::shared_ptr<const LoadedStyle>& given);

// Checks `style` and writes it into `document` (a composed IR): the logo's
// bytes and size, the font files by absolute path with their family names
// (a typeface given by family name alone found installed through
// fontconfig, and refused when fontconfig offers another family), the
// accent colour, margins and type sizes in points. Checks that each file exists
// and is readable, that the logo is a PNG or JPEG of at most
// kMaxLogoBytes, that each font file is a TrueType font (HarfBuzz finds
// glyphs and 'glyf' outlines) with a glyph for every character the
// document prints in it, that margins and sizes are within their limits.
// Returns every problem; `document` is then
// unspecified. A style without fields leaves `document` unchanged.
Problems apply_house_style(const LoadedStyle& style, ir::Document& document);

}  // namespace kansli

#endif
