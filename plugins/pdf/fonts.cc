#include "fonts.hpp"

#include <fmt/format.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <kansli/exporter_support.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "object_helpers.hpp"
#include "to_unicode.hpp"
#include "utf8.hpp"

namespace kansli::pdf {
namespace {

// A font file read and parsed once per process, shared by every document and
// thread: HarfBuzz objects made immutable are safe to query from several
// threads, and the descriptor values are computed once. Only fonts that
// loaded are kept (a missing file is looked for again next time). The
// entries live until the plugin is unloaded.
struct ParsedFont {
  std::string path;
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;
  double units_per_em = 1000;
  // The font descriptor, in thousandths of an em.
  std::string postscript_name;
  int bbox[4] = {0, 0, 0, 0};
  int ascent = 0, descent = 0, cap_height = 0, x_height = 0, stem_v = 0;
  double italic_angle = 0;
  int flags = 0;

  ParsedFont() = default;
  ParsedFont(const ParsedFont&) = delete;
  ParsedFont& operator=(const ParsedFont&) = delete;
  ~ParsedFont() {
    if (font) hb_font_destroy(font);
    if (face) hb_face_destroy(face);
    if (blob) hb_blob_destroy(blob);
  }
  int thousandths(double units) const { return static_cast<int>(std::lround(units * 1000 / units_per_em)); }
};

// Big-endian integer at `offset` of a font table, 0 past its end.
int32_t table_int(hb_face_t* face, hb_tag_t tag, unsigned offset, unsigned bytes) {
  hb_blob_t* blob = hb_face_reference_table(face, tag);
  unsigned int size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob, &size));
  uint32_t v = 0;
  if (offset + bytes <= size)
    for (unsigned i = 0; i < bytes; ++i) v = v << 8 | data[offset + i];
  hb_blob_destroy(blob);
  if (bytes == 2) return static_cast<int16_t>(v);
  return static_cast<int32_t>(v);
}

// A PDF name from the font's PostScript name (printable ASCII without PDF
// delimiters), else from the file name.
std::string pdf_name(std::string name, const std::string& path) {
  if (name.empty()) name = path.substr(path.find_last_of('/') + 1);
  std::string out;
  for (char c : name)
    if (c > 0x20 && c < 0x7F && std::string_view("()<>[]{}/%#").find(c) == std::string_view::npos) out += c;
  return out.empty() ? "Font" : out;
}

std::unique_ptr<ParsedFont> parse(const std::string& path) {
  auto f = std::make_unique<ParsedFont>();
  f->path = path;
  f->blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!f->blob) throw ExportError(fmt::format("font not found or unreadable: {}", path));
  f->face = hb_face_create(f->blob, 0);
  if (hb_face_get_glyph_count(f->face) == 0) throw ExportError(fmt::format("not a TrueType font: {}", path));
  hb_face_make_immutable(f->face);
  f->font = hb_font_create(f->face);
  hb_font_make_immutable(f->font);
  f->units_per_em = hb_face_get_upem(f->face);

  char name[128];
  unsigned int length = sizeof name;
  if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &length, name) == 0)
    length = 0;
  f->postscript_name = pdf_name(std::string(name, length), path);
  const hb_tag_t head = HB_TAG('h', 'e', 'a', 'd');
  for (int i = 0; i < 4; ++i) f->bbox[i] = f->thousandths(table_int(f->face, head, 36 + 2 * i, 2));
  hb_position_t v = 0;
  auto metric = [&](hb_ot_metrics_tag_t tag) {
    return hb_ot_metrics_get_position(f->font, tag, &v) ? f->thousandths(v) : 0;
  };
  f->ascent = metric(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER);
  f->descent = metric(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER);
  f->cap_height = metric(HB_OT_METRICS_TAG_CAP_HEIGHT);
  f->x_height = metric(HB_OT_METRICS_TAG_X_HEIGHT);
  f->italic_angle = std::round(hb_style_get_value(f->font, HB_STYLE_TAG_SLANT_ANGLE) * 10) / 10;
  const double weight = hb_style_get_value(f->font, HB_STYLE_TAG_WEIGHT);
  // No font records its stems; the usual estimate from the weight class.
  f->stem_v = static_cast<int>(10 + 220 * std::pow((weight - 50) / 900, 2));
  const bool fixed_pitch = table_int(f->face, HB_TAG('p', 'o', 's', 't'), 12, 4) != 0;
  const bool italic = f->italic_angle != 0 || hb_style_get_value(f->font, HB_STYLE_TAG_ITALIC) != 0;
  f->flags = 32 /* nonsymbolic */ | (fixed_pitch ? 1 : 0) | (italic ? 64 : 0) | (weight >= 600 ? 262144 : 0);
  return f;
}

std::mutex cache_mutex;

const ParsedFont& parsed_font(const std::string& path) {
  static std::map<std::string, std::unique_ptr<ParsedFont>> fonts;
  std::lock_guard lock(cache_mutex);
  auto& slot = fonts[path];
  if (!slot) {
    try {
      slot = parse(path);
    } catch (...) {
      fonts.erase(path);
      throw;
    }
  }
  return *slot;
}

// The character code of each character: its Unicode value in the BMP (so
// that the codes a page shows read as text, as libharu's UTF-8 fonts did),
// else the highest code no character of the BMP here uses.
std::vector<std::pair<uint16_t, char32_t>> character_codes(const std::u32string& chars) {
  std::vector<std::pair<uint16_t, char32_t>> codes;
  uint32_t spare = 0xFFFE;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) {
    if (*it < 0xFFFF) continue;
    while (spare > 0 && std::binary_search(chars.begin(), chars.end(), static_cast<char32_t>(spare))) --spare;
    if (spare == 0) throw ExportError("too many different characters in one font style");
    codes.emplace_back(static_cast<uint16_t>(spare--), *it);
  }
  for (char32_t c : chars)
    if (c < 0xFFFF) codes.emplace_back(static_cast<uint16_t>(c), c);
  std::sort(codes.begin(), codes.end());
  return codes;
}

// What a document embeds for one font and one set of characters, the
// streams already compressed: made once, then shared by every document that
// uses exactly these characters of this font.
struct Subset {
  std::vector<std::pair<uint16_t, char32_t>> codes;  // ascending by code
  std::vector<int> widths;                           // of each code
  std::string font_file;                             // Flate
  size_t font_file_length = 0;
  std::string cid_to_gid;  // Flate
  std::string to_unicode;  // Flate
};

std::shared_ptr<const Subset> make_subset(const ParsedFont& font, const std::u32string& chars) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) throw ExportError("out of memory (hb_subset_input_create_or_fail)");
  // Without TrueType hinting (about half of Liberation's glyph data); PDF
  // viewers rasterise well without it.
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  // A PDF draws glyphs by id: text shaping tables are never read there, and
  // closing the glyph set over GSUB/GPOS cost half of the subsetting.
  hb_set_t* dropped = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx"})
    hb_set_add(dropped, hb_tag_from_string(tag, 4));
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t cp : chars) hb_set_add(unicodes, cp);
  hb_face_t* face = hb_subset_or_fail(font.face, input);
  hb_subset_input_destroy(input);
  if (!face) throw ExportError(fmt::format("cannot subset font {}", font.path));
  hb_blob_t* blob = hb_face_reference_blob(face);
  hb_font_t* subset_font = hb_font_create(face);
  auto subset = std::make_shared<Subset>();
  subset->codes = character_codes(chars);
  unsigned int size = 0;
  const char* data = hb_blob_get_data(blob, &size);
  subset->font_file = deflate(std::string(data, size));
  subset->font_file_length = size;
  // The glyph of each code, two bytes each up to the highest code used;
  // unused codes draw glyph 0 (.notdef).
  std::string map(subset->codes.empty() ? 0 : 2 * (subset->codes.back().first + 1), '\0');
  for (const auto& [code, c] : subset->codes) {
    hb_codepoint_t gid = 0;
    hb_font_get_nominal_glyph(subset_font, c, &gid);
    map[2 * code] = static_cast<char>(gid >> 8);
    map[2 * code + 1] = static_cast<char>(gid & 0xFF);
    hb_codepoint_t full = 0;
    hb_font_get_nominal_glyph(font.font, c, &full);
    subset->widths.push_back(font.thousandths(hb_font_get_glyph_h_advance(font.font, full)));
  }
  subset->cid_to_gid = deflate(map);
  subset->to_unicode = deflate(to_unicode_cmap(subset->codes));
  hb_font_destroy(subset_font);
  hb_blob_destroy(blob);
  hb_face_destroy(face);
  return subset;
}

std::shared_ptr<const Subset> subset_of(const ParsedFont& font, const std::u32string& chars) {
  // Bounded: a batch of similar documents hits; a batch of different ones
  // starts over now and then.
  static std::map<std::pair<const ParsedFont*, std::u32string>, std::shared_ptr<const Subset>> subsets;
  const auto key = std::make_pair(&font, chars);
  {
    std::lock_guard lock(cache_mutex);
    if (auto it = subsets.find(key); it != subsets.end()) return it->second;
  }
  auto subset = make_subset(font, chars);  // outside the lock: other threads go on
  std::lock_guard lock(cache_mutex);
  if (subsets.size() >= 256) subsets.clear();
  return subsets.emplace(key, std::move(subset)).first->second;
}

HPDF_Dict indirect_dict(HPDF_Doc doc) {
  HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
  if (!d || HPDF_Xref_Add(doc->xref, d) != HPDF_OK) throw ExportError("out of memory (PDF object)");
  return d;
}

}  // namespace

struct LoadedFont {
  const ParsedFont* parsed = nullptr;
  HPDF_Font font = nullptr;
  std::set<char32_t> mapped;                     // codepoints measured in this style: the subset
  std::unordered_map<char32_t, double> advance;  // in em, by codepoint
  // The same for the first 256 code points, most of Swedish text, without
  // hashing; negative: not measured yet.
  std::array<double, 256> latin_advance;
  LoadedFont() {
    latin_advance.fill(-1);
    latin_code.fill(-1);
  }
  std::unordered_map<char32_t, uint16_t> code;  // the character code (and CID) of each, once embedded
  std::array<int32_t, 256> latin_code;          // the same for the first 256; negative: none
};

FontFiles FontFiles::liberation(const std::string& dir) {
  return {dir + "/LiberationSans-Regular.ttf", dir + "/LiberationSans-Bold.ttf",
          dir + "/LiberationSans-Italic.ttf", dir + "/LiberationSans-BoldItalic.ttf",
          dir + "/LiberationMono-Regular.ttf"};
}

const std::string& FontFiles::path(FontStyle style) const {
  switch (style) {
    case FontStyle::bold: return bold;
    case FontStyle::italic: return italic;
    case FontStyle::bold_italic: return bold_italic;
    case FontStyle::mono: return mono;
    default: return regular;
  }
}

FontSet::FontSet(HPDF_Doc doc, FontFiles files) : doc_(doc), files_(std::move(files)) {
  load(FontStyle::regular);  // always used (page furniture); fail early
}

FontSet::~FontSet() = default;

HPDF_Font FontSet::font(FontStyle style) {
  LoadedFont& f = load(style);
  if (!f.font) embed(f, style);
  return f.font;
}

double FontSet::width(FontStyle style, std::string_view text, double size) {
  LoadedFont& f = load(style);
  double em = 0;
  common::for_each_code_point(text, [&](char32_t cp) {
    if (cp < f.latin_advance.size() && f.latin_advance[cp] >= 0) {
      em += f.latin_advance[cp];
      return;
    }
    auto it = f.advance.find(cp);
    if (it == f.advance.end()) {
      hb_codepoint_t gid = 0;
      if (!hb_font_get_nominal_glyph(f.parsed->font, cp, &gid))
        throw ExportError(fmt::format("the font {} has no glyph for U+{:04X} in \"{}\"", f.parsed->path,
                                      static_cast<uint32_t>(cp), std::string(text)));
      it = f.advance.emplace(cp, hb_font_get_glyph_h_advance(f.parsed->font, gid) / f.parsed->units_per_em)
               .first;
      if (f.font) throw ExportError("internal error: text measured after its font was embedded");
      f.mapped.insert(cp);
      if (cp < f.latin_advance.size()) f.latin_advance[cp] = it->second;
    }
    em += it->second;
  });
  return em * size;
}

std::string FontSet::encode(FontStyle style, std::string_view text) {
  font(style);
  const LoadedFont& f = *fonts_[static_cast<size_t>(style)];
  // A literal string of two-byte codes, half the bytes of a hex string (and
  // so half the content stream to compress). Inside it only the
  // delimiters, the escape and the line ends need a backslash: an
  // unescaped CR would be read as LF.
  // At most four bytes per code point (two, each escaped), and each code
  // point takes at least one byte of `text`.
  std::string out(4 * text.size() + 2, '\0');
  char* at = out.data();
  *at++ = '(';
  auto put = [&at](unsigned char byte) {
    switch (byte) {
      case '(':
      case ')':
      case '\\':
        *at++ = '\\';
        *at++ = static_cast<char>(byte);
        break;
      case '\r':
        *at++ = '\\';
        *at++ = 'r';
        break;
      case '\n':
        *at++ = '\\';
        *at++ = 'n';
        break;
      default: *at++ = static_cast<char>(byte);
    }
  };
  common::for_each_code_point(text, [&](char32_t cp) {
    int32_t code = cp < f.latin_code.size() ? f.latin_code[cp] : -1;
    if (code < 0) {
      auto it = f.code.find(cp);
      if (it == f.code.end()) throw ExportError("internal error: text drawn that was never measured");
      code = it->second;
    }
    put(static_cast<unsigned char>(code >> 8));
    put(static_cast<unsigned char>(code & 0xFF));
  });
  *at++ = ')';
  out.resize(static_cast<size_t>(at - out.data()));
  return out;
}

LoadedFont& FontSet::load(FontStyle style) {
  auto& slot = fonts_[static_cast<size_t>(style)];
  if (slot) return *slot;
  auto f = std::make_unique<LoadedFont>();
  f->parsed = &parsed_font(files_.path(style));
  slot = std::move(f);
  return *slot;
}

void FontSet::embed(LoadedFont& f, FontStyle style) {
  // All text is measured during layout, before anything is drawn: the
  // subset holds exactly the characters measured in this style.
  const auto subset = subset_of(*f.parsed, std::u32string(f.mapped.begin(), f.mapped.end()));
  for (const auto& [code, c] : subset->codes) {
    f.code.emplace(c, code);
    if (c < f.latin_code.size()) f.latin_code[c] = code;
  }
  const ParsedFont& p = *f.parsed;
  HPDF_MMgr mmgr = doc_->mmgr;

  // Subset tag: six capitals, fixed per style, so output stays deterministic.
  std::string name = "KANSLA+" + p.postscript_name;
  name[5] = static_cast<char>('A' + static_cast<int>(style));
  HPDF_Dict type0 = indirect_dict(doc_);
  HPDF_Dict cid_font = indirect_dict(doc_);
  HPDF_Dict descriptor = indirect_dict(doc_);
  HPDF_Array descendants = HPDF_Array_New(mmgr);
  HPDF_Array_Add(descendants, cid_font);
  HPDF_Dict_AddName(type0, "Type", "Font");
  HPDF_Dict_AddName(type0, "Subtype", "Type0");
  HPDF_Dict_AddName(type0, "BaseFont", name.c_str());
  HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
  HPDF_Dict_Add(type0, "DescendantFonts", descendants);
  HPDF_Dict_Add(type0, "ToUnicode", new_compressed_stream(doc_, subset->to_unicode));

  HPDF_Dict_AddName(cid_font, "Type", "Font");
  HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2");
  HPDF_Dict_AddName(cid_font, "BaseFont", name.c_str());
  HPDF_Dict system_info = HPDF_Dict_New(mmgr);
  HPDF_Dict_Add(system_info, "Registry", HPDF_String_New(mmgr, "Adobe", nullptr));
  HPDF_Dict_Add(system_info, "Ordering", HPDF_String_New(mmgr, "Identity", nullptr));
  HPDF_Dict_AddNumber(system_info, "Supplement", 0);
  HPDF_Dict_Add(cid_font, "CIDSystemInfo", system_info);
  HPDF_Dict_Add(cid_font, "FontDescriptor", descriptor);
  // /W [first [w w ...] first [w ...] ...], one run per range of consecutive codes.
  HPDF_Array widths = HPDF_Array_New(mmgr);
  HPDF_Array run = nullptr;
  for (size_t i = 0; i < subset->codes.size(); ++i) {
    if (i == 0 || subset->codes[i].first != subset->codes[i - 1].first + 1) {
      HPDF_Array_AddNumber(widths, subset->codes[i].first);
      run = HPDF_Array_New(mmgr);
      HPDF_Array_Add(widths, run);
    }
    HPDF_Array_AddNumber(run, subset->widths[i]);
  }
  HPDF_Dict_Add(cid_font, "W", widths);
  HPDF_Dict_Add(cid_font, "CIDToGIDMap", new_compressed_stream(doc_, subset->cid_to_gid));

  HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
  HPDF_Dict_AddName(descriptor, "FontName", name.c_str());
  HPDF_Dict_AddNumber(descriptor, "Flags", p.flags);
  HPDF_Array bbox = HPDF_Array_New(mmgr);
  for (int v : p.bbox) HPDF_Array_AddNumber(bbox, v);
  HPDF_Dict_Add(descriptor, "FontBBox", bbox);
  HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(p.italic_angle));
  HPDF_Dict_AddNumber(descriptor, "Ascent", p.ascent);
  HPDF_Dict_AddNumber(descriptor, "Descent", p.descent);
  HPDF_Dict_AddNumber(descriptor, "CapHeight", p.cap_height);
  HPDF_Dict_AddNumber(descriptor, "XHeight", p.x_height);
  HPDF_Dict_AddNumber(descriptor, "StemV", p.stem_v);
  HPDF_Dict font_file = new_compressed_stream(doc_, subset->font_file);
  HPDF_Dict_AddNumber(font_file, "Length1", static_cast<HPDF_INT32>(subset->font_file_length));
  HPDF_Dict_Add(descriptor, "FontFile2", font_file);
  if (HPDF_GetError(doc_) != HPDF_OK)
    throw ExportError(fmt::format("cannot embed font {} (libharu error 0x{:04X})", p.path,
                                  static_cast<unsigned>(HPDF_GetError(doc_))));
  f.font = type0;
}

}  // namespace kansli::pdf
