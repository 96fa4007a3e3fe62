// House style: loading a style file, and checking a style's files before
// any exporter sees them (issue 15). Fonts are opened with HarfBuzz, the
// library the PDF exporter measures and subsets with, so a font the core
// accepts is one the exporters can use.
#include <fmt/core.h>
#include <fontconfig/fontconfig.h>
#include <google/protobuf/reflection.h>
#include <hb-ot.h>
#include <hb.h>
#include <libdeflate.h>
#include <sys/stat.h>
#include <utf8.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <future>
#include <iterator>
#include <kansli/style.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include "png_check.hpp"
#include "reference_document.hpp"
#include "text_format.hpp"
#include "utf8.hpp"

namespace kansli {

namespace pb = google::protobuf;

namespace {
void prefetch_installed_families(const model::HouseStyle& style);
}  // namespace

Result<LoadedStyle> load_style_file(const std::filesystem::path& path) {
  LoadedStyle loaded;
  loaded.file = path.string();
  Problems problems;
  auto bytes = read_input_file(loaded.file, problems);
  if (bytes) {
    loaded.positions = std::make_shared<pb::TextFormat::ParseInfoTree>();
    if (parse_text_format(*bytes, loaded.file, loaded.style, *loaded.positions, problems)) {
      prefetch_installed_families(loaded.style);
      return Result<LoadedStyle>::success(std::move(loaded));
    }
  }
  return Result<LoadedStyle>::failed(Failure::invalid_input, std::move(problems));
}

LoadedStyle effective_style(const LoadedDocument& document, const std::shared_ptr<const LoadedStyle>& given) {
  if (given) return *given;
  LoadedStyle out;
  out.file = document.file;
  out.style = document.document.organisation().style();
  // Positions are shared, not copied: the document outlives the render.
  out.positions = std::shared_ptr<pb::TextFormat::ParseInfoTree>(
      std::shared_ptr<pb::TextFormat::ParseInfoTree>{}, document.positions.get());
  const auto* organisation = model::Document::descriptor()->FindFieldByName("organisation");
  out.prefix = {{organisation}, {organisation->message_type()->FindFieldByName("style")}};
  return out;
}

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

// Problems of one style, at its fields.
class Checker {
 public:
  Checker(const LoadedStyle& style) : style_(style) {
    const std::filesystem::path file(style.file);
    folder_ = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  }

  // The field at the dotted path `names` below the style ("logo.path").
  FieldPath at(std::string_view names) const {
    FieldPath path = style_.prefix;
    const pb::Descriptor* message = model::HouseStyle::descriptor();
    size_t pos = 0;
    while (pos <= names.size()) {
      const size_t dot = std::min(names.find('.', pos), names.size());
      const auto* field = message->FindFieldByName(std::string(names.substr(pos, dot - pos)));
      path.push_back({field});
      message = field->message_type();
      pos = dot + 1;
    }
    return path;
  }
  void fail(std::string_view field, std::string message) {
    problems.push_back(problem_at(style_.file, style_.positions.get(), at(field), std::move(message)));
  }
  // An absolute path for a path written in the style.
  std::string resolve(const std::string& path) const {
    return std::filesystem::absolute(folder_ / std::filesystem::path(path)).lexically_normal().string();
  }

  Problems problems;

 private:
  const LoadedStyle& style_;
  std::filesystem::path folder_;
};

// A set of characters for one walk over a whole document: a bit per code
// point of the Basic Multilingual Plane, a tree above it, and the list of
// members in the order first seen (what the glyph check goes through).
class CharacterSet {
 public:
  void add(char32_t c) {
    if (c < 0x10000 ? !bmp_[c] && (bmp_[c] = true, true) : astral_.insert(c).second) members_.push_back(c);
  }
  bool contains_ascii(char32_t c) const { return bmp_[c]; }  // c < 0x80
  const std::vector<char32_t>& members() const { return members_; }

 private:
  std::bitset<0x10000> bmp_;
  std::set<char32_t> astral_;
  std::vector<char32_t> members_;
};

// Adds the printable characters of `text` to `all`, and to `headings` when
// given. Invalid UTF-8 (never in a composed IR) adds nothing past it.
void add_text(std::string_view text, CharacterSet& all, CharacterSet* headings) {
  for (auto it = text.begin(); it != text.end();) {
    char32_t c = static_cast<unsigned char>(*it);
    if (c < 0x80) {
      ++it;
      if (c < 0x20) continue;
      if (!all.contains_ascii(c)) all.add(c);  // the common case, kept short
      if (headings && !headings->contains_ascii(c)) headings->add(c);
      continue;
    } else {
      try {
        c = utf8::next(it, text.end());
      } catch (const utf8::exception&) {
        return;
      }
    }
    if (c < 0x20) continue;
    all.add(c);
    if (headings) headings->add(c);
  }
}

// Every character a document prints: the text of its blocks, footnotes,
// page furniture and labels (not link targets, anchors or field names),
// and what exporters draw of their own (digits of page numbers, list
// bullets, leader dots).
// `headings` gets the characters of headings only. One walk over the IR.
void collect_text(const pb::Message& message, CharacterSet& all, CharacterSet& headings, bool in_heading) {
  const pb::Reflection* reflection = message.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  const bool heading = in_heading || message.GetDescriptor() == ir::Heading::descriptor();
  for (const auto* field : fields) {
    if (field->type() == pb::FieldDescriptor::TYPE_MESSAGE) {
      if (field->message_type() == ir::Metadata::descriptor() ||
          field->message_type() == ir::HouseStyle::descriptor())
        continue;
      if (!field->is_repeated()) {
        collect_text(reflection->GetMessage(message, field), all, headings, heading);
        continue;
      }
      const int count = reflection->FieldSize(message, field);
      for (int i = 0; i < count; ++i)
        collect_text(reflection->GetRepeatedMessage(message, field, i), all, headings, heading);
    } else if (field->type() == pb::FieldDescriptor::TYPE_STRING) {
      if (field->name() == "link" || field->name() == "anchor" || field->name() == "field_name") continue;
      std::string scratch;
      const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
      for (int i = 0; i < count; ++i)
        add_text(field->is_repeated() ? reflection->GetRepeatedStringReference(message, field, i, &scratch)
                                      : reflection->GetStringReference(message, field, &scratch),
                 all, heading ? &headings : nullptr);
    }
  }
}

// The image's size in pixels, when `bytes` start as a PNG or JPEG.
struct ImageInfo {
  std::string media_type;
  uint32_t width = 0, height = 0;
};

uint32_t big_endian(std::string_view b, size_t at, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
  return v;
}

ImageInfo image_info(std::string_view b) {
  ImageInfo info;
  if (b.size() >= 24 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8) &&
      b.substr(12, 4) == "IHDR") {
    info.media_type = "image/png";
    info.width = big_endian(b, 16, 4);
    info.height = big_endian(b, 20, 4);
  } else if (b.size() >= 4 && b.substr(0, 3) == "\xFF\xD8\xFF") {
    // Walk the JPEG segments to the first start-of-frame (SOFn).
    for (size_t at = 2; at + 9 < b.size() && static_cast<unsigned char>(b[at]) == 0xFF;) {
      const unsigned marker = static_cast<unsigned char>(b[at + 1]);
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        info.media_type = "image/jpeg";
        info.height = big_endian(b, at + 5, 2);
        info.width = big_endian(b, at + 7, 2);
        break;
      }
      at += 2 + big_endian(b, at + 2, 2);
    }
  }
  return info;
}

// png_problem, asked once per process for the same bytes: a batch checks
// the house's logo for every document, and inflating it costs more than
// comparing its bytes.
std::string checked_png_problem(const std::string& bytes) {
  static std::mutex mutex;
  static std::map<std::string, std::string> answers;  // bytes -> problem
  {
    std::lock_guard lock(mutex);
    if (auto it = answers.find(bytes); it != answers.end()) return it->second;
  }
  std::string problem = png_problem(bytes);
  std::lock_guard lock(mutex);
  if (answers.size() >= 8) answers.clear();  // a house has one logo, a batch a few
  answers.emplace(bytes, problem);
  return problem;
}

void check_logo(Checker& check, const model::Logo& logo, ir::Logo& out) {
  if (logo.path().empty()) return check.fail("logo.path", "a logo needs the path of a PNG or JPEG file");
  const std::string path = check.resolve(logo.path());
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path))
    return check.fail("logo.path", fmt::format("cannot read the logo {}", path));
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  std::string bytes;
  // One byte past the limit tells a file over it; a file that grows while
  // read is cut there too.
  bytes.resize(std::min<uintmax_t>(size_error ? kMaxLogoBytes + 1 : size, kMaxLogoBytes + 1));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(in.gcount()));
  if (bytes.size() > kMaxLogoBytes)
    return check.fail("logo.path",
                      fmt::format("the logo {} is larger than {} bytes (2 MiB)", path, kMaxLogoBytes));
  const ImageInfo info = image_info(bytes);
  if (info.media_type.empty() || info.width == 0 || info.height == 0)
    return check.fail("logo.path", fmt::format("the logo {} is neither a PNG nor a JPEG image", path));
  if (uint64_t{info.width} * info.height > kMaxLogoPixels)
    return check.fail("logo.path", fmt::format("the logo {} has {}×{} pixels, more than {} in all", path,
                                               info.width, info.height, kMaxLogoPixels));
  if (info.media_type == "image/png")
    if (const auto problem = checked_png_problem(bytes); !problem.empty())
      return check.fail("logo.path", fmt::format("the logo {} is a damaged PNG: {}", path, problem));
  if (logo.alt().empty()) check.fail("logo.alt", "a logo needs a text alternative (alt)");
  const double height_mm = logo.height_mm() == 0 ? 12 : logo.height_mm();
  if (height_mm < 5 || height_mm > 20) check.fail("logo.height_mm", "a logo is 5 to 20 mm high");
  out.set_data(std::move(bytes));
  out.set_media_type(info.media_type);
  out.set_alt(logo.alt());
  out.set_height(height_mm * kPointsPerMm);
  out.set_width(out.height() * info.width / info.height);
  out.set_pixel_width(info.width);
  out.set_pixel_height(info.height);
  out.set_placement(logo.placement() == model::Logo::RIGHT ? ir::Logo::RIGHT : ir::Logo::LEFT);
}

struct FaceDeleter {
  void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};

std::string family_name(hb_face_t* face) {
  for (hb_ot_name_id_t id : {HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_OT_NAME_ID_FONT_FAMILY}) {
    unsigned size = 0;
    if (hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, nullptr) == 0) continue;
    std::string name(size + 1, '\0');
    size = static_cast<unsigned>(name.size());
    hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, name.data());
    name.resize(size);
    if (!name.empty()) return name;
  }
  return {};
}

struct FontDeleter {
  void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};

// A font file opened and checked: its face, a font to ask for glyphs
// (immutable, so safe from several threads), its family name, or what is
// wrong with it.
struct OpenedFont {
  std::unique_ptr<hb_face_t, FaceDeleter> face;
  std::unique_ptr<hb_font_t, FontDeleter> font;
  std::string family;
  std::string problem;
};

std::shared_ptr<const OpenedFont> open_font_file(const std::string& path) {
  auto opened = std::make_shared<OpenedFont>();
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!blob) {
    opened->problem = fmt::format("cannot read the font file {}", path);
    return opened;
  }
  opened->face.reset(hb_face_create(blob, 0));
  hb_blob_destroy(blob);
  hb_face_t* face = opened->face.get();
  if (hb_face_get_glyph_count(face) == 0) {
    opened->problem = fmt::format("{} is not a TrueType or OpenType font", path);
    return opened;
  }
  hb_blob_t* glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
  const bool outlines = hb_blob_get_length(glyf) > 0;
  hb_blob_destroy(glyf);
  if (!outlines) {
    opened->problem =
        fmt::format("{} has no TrueType outlines (glyf); kansli embeds TrueType-flavoured fonts", path);
    return opened;
  }
  opened->family = family_name(face);
  opened->font.reset(hb_font_create(face));
  hb_font_make_immutable(opened->font.get());
  return opened;
}

// A font file, opened once per process: a batch checks the same files for
// every document. Kept by path, size and modification time, so that a file
// replaced between two renders is read again. Null after a problem at
// `field`.
std::shared_ptr<const OpenedFont> open_font(Checker& check, const std::string& field,
                                            const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) {
    check.fail(field, fmt::format("cannot read the font file {}", path));
    return nullptr;
  }
  using Key = std::tuple<std::string, off_t, time_t, long>;
  const Key key{path, status.st_size, status.st_mtim.tv_sec, status.st_mtim.tv_nsec};
  static std::mutex mutex;
  static std::map<Key, std::shared_ptr<const OpenedFont>> opened;
  std::shared_ptr<const OpenedFont> font;
  {
    std::lock_guard lock(mutex);
    if (auto it = opened.find(key); it != opened.end()) font = it->second;
  }
  if (!font) {
    font = open_font_file(path);
    std::lock_guard lock(mutex);
    if (opened.size() >= 64) opened.clear();  // a few families per house
    opened.emplace(key, font);
  }
  if (!font->problem.empty()) {
    check.fail(field, font->problem);
    return nullptr;
  }
  return font;
}

struct PatternDeleter {
  void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};

// Fontconfig configurations, built once per process and kept (fontconfig
// is thread-safe). Reading the system's (/etc/fonts: some fifty XML files)
// costs about 10 ms, more than all other checks of a style; the standard
// font folders with their caches alone cost under 1 ms. A family is looked
// up there first, and in the system's configuration (folders of its own,
// the user's) only when not found. Null when fontconfig cannot load one.
FcConfig* standard_folders() {
  static FcConfig* const config = [] {
    static constexpr char kConfig[] =
        "<?xml version=\"1.0\"?><fontconfig>"
        "<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
        "<dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>"
        "<cachedir>/var/cache/fontconfig</cachedir><cachedir prefix=\"xdg\">fontconfig</cachedir>"
        "</fontconfig>";
    FcConfig* c = FcConfigCreate();
    if (c && FcConfigParseAndLoadFromMemory(c, reinterpret_cast<const FcChar8*>(kConfig), FcFalse) &&
        FcConfigBuildFonts(c))
      return c;
    if (c) FcConfigDestroy(c);
    return static_cast<FcConfig*>(nullptr);
  }();
  return config;
}

FcConfig* system_configuration() {
  static FcConfig* const config = FcInitLoadConfigAndFonts();
  return config;
}

// The faces `config` knows whose family (under any of the names a font
// gives it) is `family`; kept for the process's life.
FcFontSet* faces_of(FcConfig* config, const std::string& family) {
  static std::mutex mutex;
  static std::map<std::pair<FcConfig*, std::string>, FcFontSet*> known;
  std::lock_guard lock(mutex);
  FcFontSet*& faces = known[{config, family}];
  if (faces) return faces;
  faces = FcFontSetCreate();
  if (!faces) throw std::bad_alloc();
  const FcFontSet* fonts = FcConfigGetFonts(config, FcSetSystem);
  for (int i = 0; fonts && i < fonts->nfont; ++i) {
    FcChar8* name = nullptr;
    for (int k = 0; FcPatternGetString(fonts->fonts[i], FC_FAMILY, k, &name) == FcResultMatch; ++k)
      if (FcStrCmpIgnoreCase(name, reinterpret_cast<const FcChar8*>(family.c_str())) == 0) {
        FcPatternReference(fonts->fonts[i]);
        FcFontSetAdd(faces, fonts->fonts[i]);
        break;
      }
  }
  return faces;
}

// The font `config` matches for `family` in one style, when of that family;
// `found` gets the family's name as the font spells it, `offered` the
// family of another font matched instead.
std::unique_ptr<FcPattern, PatternDeleter> match_family(FcConfig* config, const std::string& family,
                                                        bool bold, bool italic, std::string& found,
                                                        std::string& offered) {
  std::unique_ptr<FcPattern, PatternDeleter> pattern(FcPatternCreate());
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddInteger(pattern.get(), FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern.get(), FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
  FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());
  FcResult result = FcResultNoMatch;
  // Among the family's own faces when it has any (a few, against every font
  // installed): fontconfig's best match is of the family asked for when
  // there is one, as the family weighs more than any other property.
  FcFontSet* faces = faces_of(config, family);
  std::unique_ptr<FcPattern, PatternDeleter> match(
      faces->nfont > 0 ? FcFontSetMatch(config, &faces, 1, pattern.get(), &result)
                       : FcFontMatch(config, pattern.get(), &result));
  // A font lists its family under one or more names (localised, typographic).
  FcChar8* name = nullptr;
  for (int i = 0; match && FcPatternGetString(match.get(), FC_FAMILY, i, &name) == FcResultMatch; ++i) {
    if (i == 0) offered = reinterpret_cast<const char*>(name);
    if (FcStrCmpIgnoreCase(name, reinterpret_cast<const FcChar8*>(family.c_str())) == 0) {
      found = reinterpret_cast<const char*>(name);
      return match;
    }
  }
  return nullptr;
}

// The installed font file of `family` in one style, as fontconfig matches
// it; empty after a problem at `field`. Fontconfig always matches some font
// (its aliases and its default); one of another family is refused. `found`
// gets the family's name as the font spells it.
// What fontconfig answered for one family and style: the font file, or
// the problem.
struct InstalledFont {
  std::string file, found, problem;
};

InstalledFont look_up_installed_font(const std::string& family, bool bold, bool italic) {
  InstalledFont font;
  std::string offered;
  std::unique_ptr<FcPattern, PatternDeleter> match;
  for (auto* config : {&standard_folders, &system_configuration})  // the second only when needed
    if (!match && config()) match = match_family(config(), family, bold, italic, font.found, offered);
  FcChar8* file = nullptr;
  if (!match || FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch) {
    font.problem =
        fmt::format("the typeface family '{}' is not installed{}; install it or give its font files by path",
                    family, offered.empty() ? "" : fmt::format(" (fontconfig offers '{}')", offered));
    return font;
  }
  int index = 0;
  FcPatternGetInteger(match.get(), FC_INDEX, 0, &index);
  if (index != 0) {
    font.problem = fmt::format(
        "the installed '{}' is face {} of the font collection {}; give a font "
        "file of one face by path",
        family, index, reinterpret_cast<const char*>(file));
    return font;
  }
  font.file = reinterpret_cast<const char*>(file);
  return font;
}

// What fontconfig answers for the four styles of a family, in the order
// regular, bold, italic, bold italic.
using FamilyFonts = std::array<InstalledFont, 4>;

// The answers for `family`: asked once per process (a match costs about
// 0.2 ms, and a batch asks the same questions for every document), on a
// thread of its own when `how` is std::launch::async, else by the first
// caller of get().
std::shared_future<FamilyFonts> family_fonts(const std::string& family, std::launch how) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_future<FamilyFonts>> answers;
  std::lock_guard lock(mutex);
  if (auto it = answers.find(family); it != answers.end()) return it->second;
  auto answer = std::async(how, [family] {
    FamilyFonts fonts;
    for (size_t i = 0; i < fonts.size(); ++i) fonts[i] = look_up_installed_font(family, i & 1, i & 2);
    return fonts;
  });
  return answers.emplace(family, answer.share()).first->second;
}

// The installed font file of `family` in style `style` (an index of
// FamilyFonts); empty after a problem at `field`. `found` gets the family's
// name as the font spells it.
std::string installed_font(Checker& check, const std::string& field, const std::string& family, size_t style,
                           std::string& found) {
  const InstalledFont& font = family_fonts(family, std::launch::deferred).get()[style];
  if (!font.problem.empty()) {
    check.fail(field, font.problem);
    return {};
  }
  found = font.found;
  return font.file;
}

// Starts asking fontconfig for the families `style` names without font
// files, while the document is loaded and composed.
void prefetch_installed_families(const model::HouseStyle& style) {
  for (const model::Typeface* typeface : {&style.body_typeface(), &style.heading_typeface()})
    if (typeface->regular().empty() && !typeface->family().empty())
      family_fonts(typeface->family(), std::launch::async);
}

void check_typeface(Checker& check, const std::string& name, const model::Typeface& typeface,
                    const std::vector<char32_t>& used, ir::Typeface& out) {
  // Without a regular file the family is found installed, style by style.
  const bool installed = typeface.regular().empty();
  if (installed && typeface.family().empty())
    return check.fail(name + ".regular", "a typeface needs its family name or its regular font file");
  struct Style {
    const char* field;
    const std::string* path;
  };
  // In the order of FamilyFonts.
  const Style styles[] = {{"regular", &typeface.regular()},
                          {"bold", &typeface.bold()},
                          {"italic", &typeface.italic()},
                          {"bold_italic", &typeface.bold_italic()}};
  std::string paths[4];
  std::set<std::string> checked;
  std::string family = typeface.family();
  for (size_t i = 0; i < 4; ++i) {
    const Style& style = styles[i];
    std::string field = name + "." + style.field;
    if (!style.path->empty()) {
      paths[i] = check.resolve(*style.path);
    } else if (installed) {
      field = name + ".family";
      std::string found;
      paths[i] = installed_font(check, field, typeface.family(), i, found);
      if (paths[i].empty()) return;
      if (i == 0) family = found;
    } else {
      paths[i] = paths[0];  // the regular file
    }
    if (!checked.insert(paths[i]).second) continue;  // one file, checked once
    const auto font = open_font(check, field, paths[i]);
    if (!font) continue;
    if (i == 0 && family.empty()) family = font->family;
    for (char32_t c : used) {
      hb_codepoint_t glyph = 0;
      if (!hb_font_get_nominal_glyph(font->font.get(), c, &glyph)) {
        check.fail(field, fmt::format("the font {} has no glyph for U+{:04X}, which the document uses",
                                      paths[i], static_cast<uint32_t>(c)));
        break;
      }
    }
  }
  out.set_family(family);
  out.set_regular(paths[0]);
  out.set_bold(paths[1]);
  out.set_italic(paths[2]);
  out.set_bold_italic(paths[3]);
}

// read_reference_document (reference_document.hpp), from the module
// libkansli_reference_document.so beside this library, loaded on first use
// and kept for the process's life. Returns what is wrong, as the function
// does, or that the module cannot be loaded.
std::string read_reference_document_from_module(const std::string& path, ir::ReferenceDocument& out) {
  using Read = void(const std::string*, ir::ReferenceDocument*, std::string*);
  static std::string load_error;
  static Read* const read = []() -> Read* {
    std::error_code ec;
    const auto module = boost::dll::this_line_location(ec).parent_path() / "libkansli_reference_document.so";
    try {
      static const boost::dll::shared_library library(module, boost::dll::load_mode::rtld_now);
      return &library.get<Read>("kansli_read_reference_document");
    } catch (const std::exception& e) {
      load_error = fmt::format(
          "cannot read Word reference documents: kansli's module {} does not load ({}); "
          "reinstall kansli",
          module.string(), e.what());
      return nullptr;
    }
  }();
  if (!read) return load_error;
  std::string error;
  read(&path, &out, &error);
  return error;
}

// The Word reference document (reference_document.hpp): read once here, so
// the DOCX exporter gets its parts in the IR and reads no file.
void check_reference_document(Checker& check, const model::HouseStyle& style, ir::HouseStyle& out) {
  if (style.reference_document().empty()) return;
  const std::string error = read_reference_document_from_module(check.resolve(style.reference_document()),
                                                                *out.mutable_reference_document());
  if (!error.empty()) check.fail("reference_document", error);
}

// A size or length written in the style, `what` between `low` and `high`
// (0: unset); in `unit`. NaN and infinities are out of range.
double checked_range(Checker& check, std::string_view field, double value, double low, double high,
                     std::string_view what, std::string_view unit) {
  if (value != 0 && !(value >= low && value <= high))
    check.fail(field, fmt::format("{} is {} to {} {}, not {}", what, low, high, unit, value));
  return value;
}

}  // namespace

Problems apply_house_style(const LoadedStyle& loaded, ir::Document& document) {
  const model::HouseStyle& style = loaded.style;
  Checker check(loaded);
  ir::HouseStyle out;
  if (style.has_logo()) check_logo(check, style.logo(), *out.mutable_logo());
  if (style.has_body_typeface() || style.has_heading_typeface()) {
    CharacterSet all, headings;
    collect_text(document, all, headings, false);
    for (char32_t c : std::u32string_view(U"0123456789.\u2022"))
      all.add(c);                                                           // page numbers, leaders, bullets
    for (char32_t c : std::u32string_view(U"0123456789")) headings.add(c);  // footnote marks
    if (style.has_body_typeface())
      check_typeface(check, "body_typeface", style.body_typeface(), all.members(),
                     *out.mutable_body_typeface());
    if (style.has_heading_typeface())
      check_typeface(check, "heading_typeface", style.heading_typeface(), headings.members(),
                     *out.mutable_heading_typeface());
  }
  if (!style.accent_color().empty()) {
    const std::string& c = style.accent_color();
    if (c.size() != 7 || c[0] != '#' || c.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos)
      check.fail("accent_color", fmt::format("'{}' is not a colour written #RRGGBB", c));
    else
      for (char h : c.substr(1)) out.mutable_accent_color()->push_back(static_cast<char>(std::toupper(h)));
  }
  if (style.has_margins()) {
    const std::pair<const char*, double> margins[] = {{"margins.top_mm", style.margins().top_mm()},
                                                      {"margins.bottom_mm", style.margins().bottom_mm()},
                                                      {"margins.left_mm", style.margins().left_mm()},
                                                      {"margins.right_mm", style.margins().right_mm()}};
    for (const auto& [field, mm] : margins) checked_range(check, field, mm, 10, 60, "a margin", "mm");
    out.set_margin_top(style.margins().top_mm() * kPointsPerMm);
    out.set_margin_bottom(style.margins().bottom_mm() * kPointsPerMm);
    out.set_margin_left(style.margins().left_mm() * kPointsPerMm);
    out.set_margin_right(style.margins().right_mm() * kPointsPerMm);
  }
  check_reference_document(check, style, out);
  if (style.has_sizes()) {
    // Rounded to the half point, Word's unit, so PDF and DOCX set one size.
    auto half_points = [](double pt) { return std::round(pt * 2) / 2; };
    const model::TypeSizes& sizes = style.sizes();
    out.set_body_size(half_points(checked_range(check, "sizes.body_pt", sizes.body_pt(), kMinBodySize,
                                                kMaxBodySize, "the body size", "pt")));
    const std::pair<const char*, double> headings[] = {{"sizes.title_pt", sizes.title_pt()},
                                                       {"sizes.heading1_pt", sizes.heading1_pt()},
                                                       {"sizes.heading2_pt", sizes.heading2_pt()},
                                                       {"sizes.heading3_pt", sizes.heading3_pt()}};
    for (const auto& [field, pt] : headings)
      checked_range(check, field, pt, kMinHeadingSize, kMaxHeadingSize, "a title or heading size", "pt");
    out.set_title_size(half_points(sizes.title_pt()));
    out.set_heading1_size(half_points(sizes.heading1_pt()));
    out.set_heading2_size(half_points(sizes.heading2_pt()));
    out.set_heading3_size(half_points(sizes.heading3_pt()));
  }
  if (!check.problems.empty()) return std::move(check.problems);
  if (out.ByteSizeLong() > 0) *document.mutable_style() = std::move(out);
  return {};
}

}  // namespace kansli
