// PDF exporter: lays the document IR out on A4 pages with libharu, with
// subset, embedded Liberation fonts, and leaves one empty signature field
// per signatory so that a signing service can sign the file as it is.
// Output is PDF/A-2a in intent (XMP, sRGB output intent, embedded fonts, no
// encryption or JavaScript) and deterministic: the same IR gives the same
// bytes.
//
// Options: font-dir=<dir> (the Liberation TrueType files),
//          icc-profile=<file> (the output intent's RGB profile),
//          tagged=yes|no (default yes; no: no structure tree, for
//            benchmarks only, the file is then not PDF/UA),
//          object-streams=yes|no (default yes: the file is rewritten with
//            compressed object streams, object_streams.hpp).
#include <fmt/format.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <kansli/exporter_support.hpp>
#include <memory>

#include "fonts.hpp"
#include "layout.hpp"
#include "logo.hpp"
#include "object_helpers.hpp"
#include "object_streams.hpp"
#include "outline.hpp"
#include "pdfa_metadata.hpp"
#include "signature_fields.hpp"
#include "tagging.hpp"

namespace kansli::pdf {
namespace {

struct ErrorState {
  HPDF_STATUS code = 0;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) noexcept {
  auto* state = static_cast<ErrorState*>(user);
  if (state->code == 0) {
    state->code = code;
    state->detail = detail;
  }
}

void check(const ErrorState& state, const char* what) {
  if (state.code != 0)
    throw ExportError(fmt::format("libharu failed while {} (error 0x{:04X}, detail {})", what,
                                  static_cast<unsigned>(state.code), static_cast<unsigned>(state.detail)));
}

// Writes text operators straight into a page's content stream: the fonts
// are kansli's own objects (fonts.hpp), which libharu's text functions do
// not know. Positions are relative (Td) like libharu's, tracked as written
// so that rounding never accumulates.
class TextWriter {
 public:
  explicit TextWriter(HPDF_Page page) : page_(page) {}
  void font(HPDF_Font font, double size) {
    const char* name = HPDF_Page_GetLocalFontName(page_, font);
    if (!name) throw ExportError("libharu cannot add a font to a page");
    write(fmt::format("/{} {} Tf\n", name, number(size)));
  }
  void show(double x, double y, const std::string& codes) {
    const double dx = round(x - x_), dy = round(y - y_);
    x_ += dx;
    y_ += dy;
    write(fmt::format("{} {} Td\n{} Tj\n", number(dx), number(dy), codes));
  }

 private:
  static double round(double v) { return std::round(v * 1000) / 1000; }
  static std::string number(double v) {
    std::string s = fmt::format("{:.3f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
  }
  void write(const std::string& ops) {
    HPDF_Stream_Write(static_cast<HPDF_PageAttr>(page_->attr)->stream,
                      reinterpret_cast<const HPDF_BYTE*>(ops.data()), static_cast<HPDF_UINT>(ops.size()));
  }
  HPDF_Page page_;
  double x_ = 0, y_ = 0;  // the start of the current line, as written
};

// The file as libharu writes it, in pieces of 1 MiB: a string that doubled
// as it grew would hold up to three times the file while libharu's objects
// are still there.
using Pieces = std::vector<std::string>;
constexpr size_t kPieceSize = 1 << 20;

HPDF_STATUS append_to_pieces(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
  auto& pieces = *static_cast<Pieces*>(stream->attr);
  while (size > 0) {
    if (pieces.empty() || pieces.back().size() == kPieceSize) pieces.emplace_back().reserve(kPieceSize);
    const size_t n = std::min<size_t>(size, kPieceSize - pieces.back().size());
    pieces.back().append(reinterpret_cast<const char*>(data), n);
    data += n;
    size -= static_cast<HPDF_UINT>(n);
  }
  return HPDF_OK;
}

// A finished page's content stream, compressed at once rather than when the
// file is saved: a long document then holds about a quarter of its pages'
// content in memory (libharu keeps every page until it saves).
void compress_now(HPDF_Page page) {
  HPDF_Stream stream = static_cast<HPDF_PageAttr>(page->attr)->stream;
  std::string content(stream->size, '\0');
  HPDF_UINT32 size = stream->size;
  HPDF_Stream_Seek(stream, 0, HPDF_SEEK_SET);
  HPDF_Stream_Read(stream, reinterpret_cast<HPDF_BYTE*>(content.data()), &size);
  content.resize(size);
  set_compressed_data(static_cast<HPDF_PageAttr>(page->attr)->contents, deflate(content));
}

void paint(HPDF_Doc doc, FontSet& body_fonts, FontSet* heading_fonts, LayoutResult& layout,
           std::vector<HPDF_Page>& pages, std::vector<SignatureField>& fields, Tagger& tagger,
           const ir::Labels& labels, const ErrorState& errors, const ir::HouseStyle& style,
           const PreparedLogo& prepared_logo) {
  HPDF_Image logo = logo_image(doc, style, prepared_logo);
  check(errors, "loading the logo");
  auto fonts_of = [&](const TextOp& t) -> FontSet& {
    return t.heading_face && heading_fonts ? *heading_fonts : body_fonts;
  };
  // Measure every text once more so that each font's subset surely holds
  // every character drawn with it (fonts are embedded on first use below).
  for (const auto& p : layout.pages)
    for (const auto& t : p.texts) fonts_of(t).width(t.style, t.text, t.size);
  for (size_t i = 0; i < layout.pages.size(); ++i) {
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetWidth(page, kPageWidth);
    HPDF_Page_SetHeight(page, kPageHeight);
    pages.push_back(page);
  }
  for (size_t i = 0; i < layout.pages.size(); ++i) {
    const Page& p = layout.pages[i];
    HPDF_Page page = pages[i];
    tagger.begin_artifact(page);  // fills and rules
    for (const auto& r : p.rects) {
      HPDF_Page_SetRGBFill(page, r.fill.r, r.fill.g, r.fill.b);
      HPDF_Page_Rectangle(page, r.x, r.y, r.w, r.h);
      HPDF_Page_Fill(page);
    }
    for (const auto& r : p.rules) {
      HPDF_Page_SetLineWidth(page, r.width);
      HPDF_Page_SetRGBStroke(page, r.color.r, r.color.g, r.color.b);
      HPDF_Page_MoveTo(page, r.x1, r.y1);
      HPDF_Page_LineTo(page, r.x2, r.y2);
      HPDF_Page_Stroke(page);
    }
    tagger.end(page);
    for (const auto& image : p.images) {
      if (image.figure)
        tagger.begin_figure(page, i, style.logo().alt());
      else
        tagger.begin_artifact(page);
      HPDF_Page_DrawImage(page, logo, image.x, image.y, image.w, image.h);
      tagger.end(page);
    }
    std::vector<const TextOp*> texts;
    for (const auto& t : p.texts) texts.push_back(&t);
    std::stable_sort(texts.begin(), texts.end(), [](const TextOp* a, const TextOp* b) {
      return a->group != b->group ? a->group < b->group : a->sub < b->sub;
    });
    check(errors, "drawing rules");
    HPDF_Page_BeginText(page);
    TextWriter writer(page);
    HPDF_Font font = nullptr;
    double size = 0;
    Color color{-1, -1, -1};
    for (const TextOp* t : texts) {
      auto tag = p.tags.find(t->group);
      tagger.mark(page, i, t->artifact || tag == p.tags.end() ? nullptr : &tag->second, t->group, t->sub,
                  t->reference);
      HPDF_Font f = fonts_of(*t).font(t->style);
      if (f != font || t->size != size) {
        writer.font(f, t->size);
        font = f;
        size = t->size;
      }
      if (!(t->color == color)) {
        HPDF_Page_SetRGBFill(page, t->color.r, t->color.g, t->color.b);
        color = t->color;
      }
      writer.show(t->x, t->y, fonts_of(*t).encode(t->style, t->text));
      if (errors.code != 0) check(errors, fmt::format("drawing text \"{}\"", t->text).c_str());
    }
    tagger.close(page);
    HPDF_Page_EndText(page);
    compress_now(page);
    for (const auto& l : p.links) {
      const HPDF_Rect r{static_cast<HPDF_REAL>(l.x), static_cast<HPDF_REAL>(l.y),
                        static_cast<HPDF_REAL>(l.x + l.w), static_cast<HPDF_REAL>(l.y + l.h)};
      HPDF_Annotation a = nullptr;
      if (!l.target.empty() && l.target[0] == '#') {
        auto it = layout.anchors.find(l.target.substr(1));
        if (it == layout.anchors.end()) continue;
        HPDF_Destination dest = HPDF_Page_CreateDestination(pages[it->second.page]);
        // FitH: libharu refuses XYZ with zoom 0 ("keep the zoom").
        HPDF_Destination_SetFitH(dest, std::min(kPageHeight, it->second.y + 20));
        a = HPDF_Page_CreateLinkAnnot(page, r, dest);
      } else {
        a = HPDF_Page_CreateURILinkAnnot(page, r, l.target.c_str());
      }
      HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
      set_print_flag(a);
      if (a) {
        std::string contents = l.contents.empty() ? l.target : l.contents;
        // A footnote mark says which footnote it leads to: "Fotnot 3".
        const std::string& label = labels.footnote_reference();
        if (l.reference && label.find("{number}") != std::string::npos)
          contents = label.substr(0, label.find("{number}")) + l.contents +
                     label.substr(label.find("{number}") + std::string("{number}").size());
        HPDF_Dict_Add(a, "Contents", text_string(doc, contents));
        auto tag = p.tags.find(l.group);
        tagger.add_annotation(a, i, "Link", tag == p.tags.end() ? nullptr : &tag->second, l.group, l.sub,
                              l.reference);
      }
      check(errors, "adding a link");
    }
    for (const auto& f : p.fields) fields.push_back({page, f.x, f.y, f.w, f.h, f.name, f.tooltip});
    // What is drawn is no longer needed (tags and fields are, below): a long
    // document never holds all its pages twice, as layout and as PDF.
    Page& done = layout.pages[i];
    std::vector<TextOp>().swap(done.texts);
    std::vector<RuleOp>().swap(done.rules);
    std::vector<RectOp>().swap(done.rects);
    std::vector<LinkOp>().swap(done.links);
    if (done.fields.empty()) std::map<long, GroupTag>().swap(done.tags);
  }
}

// From this many pages on, memory freed between the phases of a render is
// given back to the system at once (malloc_trim), for a lower peak.
constexpr size_t kLongDocumentPages = 100;

std::string render_pdf(ExportRequest& request) {
  for (const auto& [key, value] : request.options)
    if (key != "font-dir" && key != "icc-profile" && key != "tagged" && key != "object-streams")
      throw ExportError("unknown option '" + key +
                        "' (known: font-dir, icc-profile, tagged, object-streams)");
  auto yes_no = [&](const std::string& key) {
    const std::string value = request.option(key, "yes");
    if (value != "yes" && value != "no")
      throw ExportError("option " + key + "=" + value + ": expected yes or no");
    return value == "yes";
  };
  const bool tagged = yes_no("tagged");
  const bool object_streams = yes_no("object-streams");
  const std::string font_dir = request.option("font-dir", KANSLI_PDF_FONT_DIR);
  const std::string icc = request.option("icc-profile", KANSLI_PDF_ICC_PROFILE);
  const ir::Document& ir = request.ir;
  const PreparedLogo prepared_logo = prepare_logo(ir.style());  // meanwhile, the layout

  ErrorState errors;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc(HPDF_New(on_error, &errors),
                                                                             &HPDF_Free);
  if (!doc) throw ExportError("libharu cannot create a document");
  HPDF_UseUTFEncodings(doc.get());
  HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
  check(errors, "setting up the document");

  FontFiles files = FontFiles::liberation(font_dir);
  if (const auto& face = ir.style().body_typeface(); !face.regular().empty()) {
    // The house style's typeface (issue 15), checked by the core.
    files.regular = face.regular();
    files.bold = face.bold();
    files.italic = face.italic();
    files.bold_italic = face.bold_italic();
  }
  FontSet fonts(doc.get(), files);
  // The house style's heading typeface, when it is not the body's.
  std::unique_ptr<FontSet> heading_fonts;
  if (const auto& face = ir.style().heading_typeface();
      !face.regular().empty() && face.regular() != files.regular)
    heading_fonts = std::make_unique<FontSet>(
        doc.get(), FontFiles{face.regular(), face.bold(), face.italic(), face.bold_italic(), files.mono});
  LayoutResult layout = lay_out(ir, fonts, heading_fonts.get(), {});
  const bool has_toc = std::any_of(ir.blocks().begin(), ir.blocks().end(),
                                   [](const ir::Block& b) { return b.has_table_of_contents(); });
  if (has_toc) {  // again, now with page numbers; only the anchors of the first pass are kept
    const auto anchors = std::move(layout.anchors);
    layout = {};
    layout = lay_out(ir, fonts, heading_fonts.get(), anchors);
  }
  check(errors, "loading fonts");

  std::vector<HPDF_Page> pages;
  std::vector<SignatureField> fields;
  Tagger tagger(doc.get(), tagged);
  paint(doc.get(), fonts, heading_fonts.get(), layout, pages, fields, tagger, ir.labels(), errors, ir.style(),
        prepared_logo);
  check(errors, "drawing the pages");

  const auto widgets = add_signature_fields(doc.get(), fields);
  for (size_t k = 0, w = 0; k < layout.pages.size(); ++k)
    for (const auto& f : layout.pages[k].fields) {
      auto tag = layout.pages[k].tags.find(f.group);
      tagger.add_annotation(widgets[w++], k, "Form",
                            tag == layout.pages[k].tags.end() ? nullptr : &tag->second, f.group, f.sub);
    }
  // All drawn and tagged: the pages go, and what they held goes back to the
  // system before the document's last objects are made and it is written.
  // A heap walk per trim: worth it only for a long document's peak, not in
  // a batch of short ones.
  const bool long_document = pages.size() >= kLongDocumentPages;
  std::vector<Page>().swap(layout.pages);
  if (long_document) ::malloc_trim(0);
  std::map<std::string, std::pair<size_t, double>> anchors;
  for (const auto& [anchor, where] : layout.anchors)
    anchors[anchor] = {where.page, std::min(kPageHeight, where.y + 20)};
  tagger.finish(pages, ir.metadata().language());
  const Outline outline(doc.get(), ir, anchors, pages);  // until saved
  add_metadata(doc.get(), ir.metadata(), ir.SerializeAsString(), tagged);
  add_output_intent(doc.get(), icc);
  check(errors, "adding document metadata");
  // Laid out, painted, tagged and outlined: nothing below reads the IR (the
  // tagger and the outline keep copies), so its memory goes before the
  // file is written, the peak of a long document.
  request.ir = ir::Document();

  // Straight into pieces, not into libharu's memory stream first (one copy
  // of the file less at the peak).
  Pieces pieces;
  doc->stream = HPDF_CallbackWriter_New(doc->mmgr, append_to_pieces, &pieces);
  if (!doc->stream || HPDF_SaveToStream(doc.get()) != HPDF_OK) check(errors, "writing the PDF");
  check(errors, "writing the PDF");
  // Written: libharu's objects go before the file is put together and
  // packed, not after.
  doc.reset();
  if (long_document) ::malloc_trim(0);  // freed in small pieces, so not given back by itself
  size_t size = 0;
  for (const auto& piece : pieces) size += piece.size();
  std::string bytes;
  bytes.reserve(size);
  for (auto& piece : pieces) {
    bytes += piece;
    std::string().swap(piece);
  }
  Pieces().swap(pieces);
  if (long_document) ::malloc_trim(0);  // the pieces, before packing
  return object_streams ? pack_object_streams(bytes) : bytes;
}

}  // namespace
}  // namespace kansli::pdf

KANSLI_DEFINE_EXPORTER(kansli::pdf::render_pdf, "pdf", "PDF (libharu)", "1.0.0", "pdf", "application/pdf")
