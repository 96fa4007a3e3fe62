#include "fonts.hpp"

#include <fmt/format.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_streams.h>

#include <kansli/exporter_support.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "utf8.hpp"

namespace kansli::pdf {

struct LoadedFont {
  std::string path;
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* hb = nullptr;
  double units_per_em = 1000;
  HPDF_Font font = nullptr;
  std::set<char32_t> mapped;                     // codepoints measured in this style: the subset
  std::unordered_map<char32_t, double> advance;  // in em, by codepoint

  ~LoadedFont() {
    if (hb) hb_font_destroy(hb);
    if (face) hb_face_destroy(face);
    if (blob) hb_blob_destroy(blob);
  }
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

std::map<HPDF_Font, std::set<char32_t>> FontSet::loaded_fonts() const {
  std::map<HPDF_Font, std::set<char32_t>> out;
  for (const auto& f : fonts_)
    if (f && f->font) out[f->font] = f->mapped;
  return out;
}

double FontSet::width(FontStyle style, std::string_view text, double size) {
  LoadedFont& f = load(style);
  double em = 0;
  for (char32_t cp : common::decode_utf8(text)) {
    auto it = f.advance.find(cp);
    if (it == f.advance.end()) {
      hb_codepoint_t gid = 0;
      if (!hb_font_get_nominal_glyph(f.hb, cp, &gid))
        throw ExportError(fmt::format("the font {} has no glyph for U+{:04X} in \"{}\"", f.path,
                                      static_cast<uint32_t>(cp), std::string(text)));
      it = f.advance.emplace(cp, hb_font_get_glyph_h_advance(f.hb, gid) / f.units_per_em).first;
      if (f.font) throw ExportError("internal error: text measured after its font was embedded");
      f.mapped.insert(cp);
    }
    em += it->second;
  }
  return em * size;
}

namespace {

// A font file read and parsed once per process, shared by every document and
// thread: HarfBuzz objects made immutable are safe to query from several
// threads. Only fonts that loaded are kept (a missing file is looked for
// again next time). The entries live until the plugin is unloaded.
struct SharedFace {
  hb_blob_t* blob;
  hb_face_t* face;
  hb_font_t* font;
  SharedFace(hb_blob_t* b, hb_face_t* f, hb_font_t* h) : blob(b), face(f), font(h) {}
  SharedFace(const SharedFace&) = delete;
  SharedFace& operator=(const SharedFace&) = delete;
  ~SharedFace() {
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
};

const SharedFace& shared_face(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<SharedFace>> faces;
  std::lock_guard lock(mutex);
  if (auto it = faces.find(path); it != faces.end()) return *it->second;
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!blob) throw ExportError(fmt::format("font not found or unreadable: {}", path));
  hb_face_t* face = hb_face_create(blob, 0);
  if (hb_face_get_glyph_count(face) == 0) {
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    throw ExportError(fmt::format("not a TrueType font: {}", path));
  }
  hb_face_make_immutable(face);
  hb_font_t* font = hb_font_create(face);
  hb_font_make_immutable(font);
  return *faces.emplace(path, std::make_unique<SharedFace>(blob, face, font)).first->second;
}

}  // namespace

LoadedFont& FontSet::load(FontStyle style) {
  auto& slot = fonts_[static_cast<size_t>(style)];
  if (slot) return *slot;
  auto f = std::make_unique<LoadedFont>();
  f->path = files_.path(style);
  const SharedFace& shared = shared_face(f->path);
  f->blob = hb_blob_reference(shared.blob);
  f->face = hb_face_reference(shared.face);
  f->hb = hb_font_reference(shared.font);
  f->units_per_em = hb_face_get_upem(f->face);
  slot = std::move(f);
  return *slot;
}

void FontSet::embed(LoadedFont& font, FontStyle style) {
  LoadedFont* f = &font;
  // Subset to exactly the characters measured in this style (all text is
  // measured during layout, before anything is drawn).
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) throw ExportError("out of memory (hb_subset_input_create_or_fail)");
  // Without TrueType hinting (about half of Liberation's glyph data); PDF
  // viewers rasterise well without it.
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t cp : f->mapped) hb_set_add(unicodes, cp);
  hb_face_t* subset = hb_subset_or_fail(f->face, input);
  hb_subset_input_destroy(input);
  if (!subset) throw ExportError(fmt::format("cannot subset font {}", f->path));
  hb_blob_t* subset_blob = hb_face_reference_blob(subset);
  unsigned int size = 0;
  const char* data = hb_blob_get_data(subset_blob, &size);

  // libharu only loads TrueType from a file; its lower-level API
  // (HPDF_TTFontDef_Load on a memory stream, as HPDF_LoadTTFontFromFile does
  // internally) takes the subset from memory without a temporary file.
  // One buffer a byte larger than the data: libharu's memory stream fails to
  // seek to exactly its end when that falls on a buffer boundary, which it
  // does for an empty glyph at the end of 'glyf' (the space, in a subset).
  HPDF_Stream stream = HPDF_MemStream_New(doc_->mmgr, size + 1);
  if (!stream || HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(data), size) != HPDF_OK) {
    hb_blob_destroy(subset_blob);
    hb_face_destroy(subset);
    throw ExportError(fmt::format("cannot load font {} into libharu (subset of {} bytes, error 0x{:04X})",
                                  f->path, size, static_cast<unsigned>(HPDF_GetError(doc_))));
  }
  hb_blob_destroy(subset_blob);
  hb_face_destroy(subset);
  HPDF_FontDef def = HPDF_TTFontDef_Load(doc_->mmgr, stream, HPDF_TRUE);  // owns the stream
  if (!def) throw ExportError(fmt::format("libharu cannot read font {}", f->path));
  if (HPDF_List_Add(doc_->fontdef_list, def) != HPDF_OK) {
    HPDF_FontDef_Free(def);
    throw ExportError("cannot register font");
  }
  // Subset tag: six capitals, fixed per style, so output stays deterministic.
  char tag[7] = "KANSLA";
  tag[5] = static_cast<char>('A' + static_cast<int>(style));
  HPDF_TTFontDef_SetTagName(def, tag);
  f->font = HPDF_GetFont(doc_, def->base_font, "UTF-8");
  if (!f->font) throw ExportError(fmt::format("libharu cannot use font {}", f->path));
}

}  // namespace kansli::pdf
