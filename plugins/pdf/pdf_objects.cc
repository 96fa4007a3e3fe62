#include "pdf_objects.hpp"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <kansli/exporter_support.hpp>

#include "fonts.hpp"

namespace kansli::pdf {
namespace {

// A PDF text string: PDFDocEncoding when every character has the same code
// there as in Latin-1 (shorter), else UTF-16BE with a byte order mark.
void* text_string(HPDF_Doc doc, const std::string& utf8) {
  const std::u32string chars = decode_utf8(utf8);
  if (std::all_of(chars.begin(), chars.end(),
                  [](char32_t c) { return (c >= 0x20 && c <= 0x7E) || (c >= 0xA1 && c <= 0xFF && c != 0xAD); })) {
    std::string latin1;
    for (char32_t c : chars) latin1 += static_cast<char>(c);
    return HPDF_String_New(doc->mmgr, latin1.c_str(), nullptr);
  }
  std::string bytes = "\xFE\xFF";
  for (char32_t c : decode_utf8(utf8)) {
    auto unit = [&](uint32_t u) {
      bytes += static_cast<char>(u >> 8);
      bytes += static_cast<char>(u & 0xFF);
    };
    if (c >= 0x10000) {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      unit(c);
    }
  }
  return HPDF_Binary_New(doc->mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()), bytes.size());
}

HPDF_Array rect(HPDF_Doc doc, double x, double y, double w, double h) {
  HPDF_Array r = HPDF_Array_New(doc->mmgr);
  HPDF_Array_AddReal(r, x);
  HPDF_Array_AddReal(r, y);
  HPDF_Array_AddReal(r, x + w);
  HPDF_Array_AddReal(r, y + h);
  return r;
}

HPDF_Dict new_stream(HPDF_Doc doc, const std::string& content, bool compress) {
  HPDF_Dict d = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (!d) throw ExportError("out of memory (PDF stream)");
  if (compress) d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  HPDF_Stream_Write(d->stream, reinterpret_cast<const HPDF_BYTE*>(content.data()), content.size());
  return d;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Metadata.created -> HPDF_Date; false when it does not parse.
bool parse_rfc3339(const std::string& text, HPDF_Date& date) {
  const auto t = parse_timestamp(text);
  if (!t) return false;
  date = HPDF_Date{t->year, t->month, t->day, t->hour, t->minute, t->second, t->zone, t->offset_hours,
                   t->offset_minutes};
  return true;
}

}  // namespace

void add_outline(HPDF_Doc doc, const ir::Document& document,
                 const std::map<std::string, std::pair<size_t, double>>& anchors, const std::vector<HPDF_Page>& pages) {
  std::vector<std::pair<uint32_t, HPDF_Outline>> parents;  // level, outline
  for (const auto& block : document.blocks()) {
    if (!block.has_heading() || !block.heading().in_toc()) continue;
    const auto& h = block.heading();
    auto at = anchors.find(h.anchor());
    if (at == anchors.end() || at->second.first >= pages.size()) continue;
    std::string title = h.number().empty() ? "" : h.number() + " ";
    for (const auto& span : h.spans()) title += span.text();
    while (!parents.empty() && parents.back().first >= h.level()) parents.pop_back();
    // libharu writes the title bytes as given; replace it with a proper
    // UTF-16 text string.
    HPDF_Outline outline = HPDF_CreateOutline(doc, parents.empty() ? nullptr : parents.back().second, "", nullptr);
    if (!outline) return;
    HPDF_Dict_Add(outline, "Title", text_string(doc, title));
    HPDF_Destination dest = HPDF_Page_CreateDestination(pages[at->second.first]);
    HPDF_Destination_SetFitH(dest, at->second.second);
    HPDF_Outline_SetDestination(outline, dest);
    HPDF_Outline_SetOpened(outline, HPDF_TRUE);
    parents.emplace_back(h.level(), outline);
  }
}

void set_print_flag(HPDF_Annotation annotation) {
  if (annotation) HPDF_Dict_AddNumber(annotation, "F", 4);
}

void add_signature_fields(HPDF_Doc doc, const std::vector<SignatureField>& fields) {
  if (fields.empty()) return;
  HPDF_Array all = HPDF_Array_New(doc->mmgr);
  for (const auto& f : fields) {
    HPDF_Dict w = HPDF_Dict_New(doc->mmgr);
    HPDF_Xref_Add(doc->xref, w);
    HPDF_Dict_AddName(w, "Type", "Annot");
    HPDF_Dict_AddName(w, "Subtype", "Widget");
    HPDF_Dict_AddName(w, "FT", "Sig");
    HPDF_Dict_Add(w, "T", text_string(doc, f.name));
    HPDF_Dict_Add(w, "Rect", rect(doc, f.x, f.y, f.w, f.h));
    HPDF_Dict_AddNumber(w, "F", 4);
    HPDF_Dict_Add(w, "P", f.page);
    // An empty appearance: PDF/A-2 wants one on every widget; the signing
    // service draws its own when it signs.
    HPDF_Dict look = new_stream(doc, "", false);
    HPDF_Dict_AddName(look, "Type", "XObject");
    HPDF_Dict_AddName(look, "Subtype", "Form");
    HPDF_Dict_Add(look, "BBox", rect(doc, 0, 0, f.w, f.h));
    HPDF_Dict ap = HPDF_Dict_New(doc->mmgr);
    HPDF_Dict_Add(ap, "N", look);
    HPDF_Dict_Add(w, "AP", ap);
    auto annots = static_cast<HPDF_Array>(HPDF_Dict_GetItem(f.page, "Annots", HPDF_OCLASS_ARRAY));
    if (!annots) {
      annots = HPDF_Array_New(doc->mmgr);
      HPDF_Dict_Add(f.page, "Annots", annots);
    }
    HPDF_Array_Add(annots, w);
    HPDF_Array_Add(all, w);
  }
  HPDF_Dict form = HPDF_Dict_New(doc->mmgr);
  HPDF_Xref_Add(doc->xref, form);
  HPDF_Dict_Add(form, "Fields", all);
  HPDF_Dict_Add(doc->catalog, "AcroForm", form);
}

void add_metadata(HPDF_Doc doc, const ir::Metadata& m, const std::string& content) {
  HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "kansli");  // creates the info dictionary
  const char* producer_c = HPDF_GetInfoAttr(doc, HPDF_INFO_PRODUCER);
  const std::string producer = producer_c ? producer_c : "";
  HPDF_Dict info = doc->info;
  std::string keywords;
  for (const auto& k : m.keywords()) keywords += (keywords.empty() ? "" : ", ") + k;
  if (!m.title().empty()) HPDF_Dict_Add(info, "Title", text_string(doc, m.title()));
  if (!m.author().empty()) HPDF_Dict_Add(info, "Author", text_string(doc, m.author()));
  if (!m.subject().empty()) HPDF_Dict_Add(info, "Subject", text_string(doc, m.subject()));
  if (!keywords.empty()) HPDF_Dict_Add(info, "Keywords", text_string(doc, keywords));
  HPDF_Date date{};
  const bool dated = parse_rfc3339(m.created(), date);
  std::string xmp_date;
  if (dated) {
    HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, date);
    xmp_date = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", date.year, date.month, date.day, date.hour,
                           date.minutes, date.seconds);
    xmp_date += date.ind == 'Z' ? std::string("Z") : fmt::format("{}{:02}:{:02}", date.ind, date.off_hour, date.off_minutes);
  }

  std::string xmp = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                    "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                    "</rdf:Description>\n"
                    "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                    "<dc:format>application/pdf</dc:format>\n";
  if (!m.title().empty())
    xmp += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(m.title()) +
           "</rdf:li></rdf:Alt></dc:title>\n";
  if (!m.author().empty())
    xmp += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(m.author()) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!m.subject().empty())
    xmp += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(m.subject()) +
           "</rdf:li></rdf:Alt></dc:description>\n";
  if (!m.language().empty())
    xmp += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(m.language()) + "</rdf:li></rdf:Bag></dc:language>\n";
  xmp += "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
         "<xmp:CreatorTool>kansli</xmp:CreatorTool>\n";
  if (dated) xmp += "<xmp:CreateDate>" + xmp_date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + xmp_date + "</xmp:ModifyDate>\n";
  xmp += "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
         "<pdf:Producer>" + xml_escape(producer) + "</pdf:Producer>\n";
  if (!keywords.empty()) xmp += "<pdf:Keywords>" + xml_escape(keywords) + "</pdf:Keywords>\n";
  xmp += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  HPDF_Dict meta = new_stream(doc, xmp, false);  // uncompressed: readable by archive tools
  HPDF_Dict_AddName(meta, "Type", "Metadata");
  HPDF_Dict_AddName(meta, "Subtype", "XML");
  HPDF_Dict_Add(doc->catalog, "Metadata", meta);
  if (!m.language().empty()) HPDF_Dict_Add(doc->catalog, "Lang", text_string(doc, m.language()));

  // The document ID: an MD5 of the content (the serialized IR), so the same
  // input always gives the same ID (libharu would only add one for encryption).
  HPDF_MD5_CTX ctx;
  HPDF_MD5Init(&ctx);
  HPDF_MD5Update(&ctx, reinterpret_cast<const HPDF_BYTE*>(content.data()), content.size());
  HPDF_BYTE digest[16];
  HPDF_MD5Final(digest, &ctx);
  HPDF_Array id = HPDF_Array_New(doc->mmgr);
  HPDF_Array_Add(id, HPDF_Binary_New(doc->mmgr, digest, 16));
  HPDF_Array_Add(id, HPDF_Binary_New(doc->mmgr, digest, 16));
  HPDF_Dict_Add(doc->trailer, "ID", id);
}

void add_output_intent(HPDF_Doc doc, const std::string& icc_path) {
  std::ifstream in(icc_path, std::ios::binary);
  if (!in) throw ExportError("ICC profile not found or unreadable: " + icc_path);
  std::string icc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (icc.size() < 128 || icc.compare(36, 4, "acsp") != 0) throw ExportError("not an ICC profile: " + icc_path);
  HPDF_Dict profile = new_stream(doc, icc, true);
  HPDF_Dict_AddNumber(profile, "N", 3);
  HPDF_Dict intent = HPDF_Dict_New(doc->mmgr);
  HPDF_Xref_Add(doc->xref, intent);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(doc->mmgr, "sRGB IEC61966-2.1", nullptr));
  HPDF_Dict_Add(intent, "Info", HPDF_String_New(doc->mmgr, "sRGB IEC61966-2.1", nullptr));
  HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  HPDF_Array intents = HPDF_Array_New(doc->mmgr);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(doc->catalog, "OutputIntents", intents);
}

void fix_fonts(HPDF_Doc doc, const std::map<HPDF_Font, std::set<char32_t>>& fonts) {
  for (const auto& [font, codes] : fonts) {
    // libharu's UTF-8 Type0 fonts use the Unicode value as the character
    // code and the CID; CIDToGIDMap maps it to the glyph. Its ToUnicode is a
    // placeholder ("begincidrange") that strict readers reject.
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<char32_t> bmp;
    for (char32_t c : codes)
      if (c < 0x10000) bmp.push_back(c);
    for (size_t i = 0; i < bmp.size(); i += 100) {
      const size_t n = std::min<size_t>(100, bmp.size() - i);
      cmap += fmt::format("{} beginbfchar\n", n);
      for (size_t k = i; k < i + n; ++k)
        cmap += fmt::format("<{:04X}> <{:04X}>\n", static_cast<uint32_t>(bmp[k]), static_cast<uint32_t>(bmp[k]));
      cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    auto old = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
    if (old && old->stream) {
      // Rewrite libharu's stream in place (a replacement would leave the old
      // object in the file).
      HPDF_MemStream_FreeData(old->stream);
      HPDF_Stream_Write(old->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()), cmap.size());
      old->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
      for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"}) HPDF_Dict_RemoveElement(old, key);
    } else {
      HPDF_Dict_Add(font, "ToUnicode", new_stream(doc, cmap, true));
    }

  }
}

}  // namespace kansli::pdf
