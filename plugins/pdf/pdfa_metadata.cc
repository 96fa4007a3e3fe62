#include "pdfa_metadata.hpp"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <kansli/exporter_support.hpp>
#include <map>
#include <mutex>
#include <string_view>
#include <tuple>

#include "object_helpers.hpp"
#include "timestamp.hpp"
#include "xml_writer.hpp"

namespace kansli::pdf {
namespace {

// Metadata.created -> HPDF_Date; false when it does not parse.
bool parse_rfc3339(const std::string& text, HPDF_Date& date) {
  const auto t = common::parse_timestamp(text);
  if (!t) return false;
  date = HPDF_Date{t->year,   t->month, t->day,          t->hour,          t->minute,
                   t->second, t->zone,  t->offset_hours, t->offset_minutes};
  return true;
}

// The XMP packet declaring PDF/A-2a (2b untagged), with the same facts as the Info
// dictionary; `date` is empty when the document has none.
std::string xmp_packet(const ir::Metadata& m, const std::string& keywords, const std::string& producer,
                       const std::string& date, bool tagged) {
  using common::XmlWriter;
  XmlWriter x(XmlWriter::Declaration::none);
  x.instruction("xpacket", "begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"").newline();
  x.start("x:xmpmeta", {{"xmlns:x", "adobe:ns:meta/"}}).newline();
  x.start("rdf:RDF", {{"xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}}).newline();
  auto description = [&](std::string_view prefix, std::string_view ns) {
    const std::string attribute = "xmlns:" + std::string(prefix);
    x.start("rdf:Description", {{"rdf:about", ""}, {attribute, ns}}).newline();
  };
  auto line = [&](std::string_view name, std::string_view text) { x.element(name, text).newline(); };
  // A property holding one array (rdf:Alt, rdf:Seq, rdf:Bag) of one item.
  auto array = [&](std::string_view name, std::string_view kind, std::string_view text, bool localized) {
    if (text.empty()) return;
    x.start(name).start(kind);
    if (localized)
      x.element("rdf:li", text, {{"xml:lang", "x-default"}});
    else
      x.element("rdf:li", text);
    x.end().end().newline();
  };
  description("pdfaid", "http://www.aiim.org/pdfa/ns/id/");
  line("pdfaid:part", "2");
  // Level A (accessible) when tagged: logical structure, Unicode for every
  // character, /Lang (ISO 19005-2, 6.8); level B otherwise.
  line("pdfaid:conformance", tagged ? "A" : "B");
  x.end().newline();
  if (tagged) {
    // PDF/UA-1 (the file is tagged, tagging.hpp), declared as PDF/A requires
    // for a schema outside XMP's own: with an extension schema description.
    description("pdfuaid", "http://www.aiim.org/pdfua/ns/id/");
    line("pdfuaid:part", "1");
    x.end().newline();
    x.start("rdf:Description", {{"rdf:about", ""},
                                {"xmlns:pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/"},
                                {"xmlns:pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"},
                                {"xmlns:pdfaProperty", "http://www.aiim.org/pdfa/ns/property#"}})
        .newline();
    x.start("pdfaExtension:schemas")
        .start("rdf:Bag")
        .start("rdf:li", {{"rdf:parseType", "Resource"}})
        .newline();
    line("pdfaSchema:schema", "PDF/UA Universal Accessibility Schema");
    line("pdfaSchema:namespaceURI", "http://www.aiim.org/pdfua/ns/id/");
    line("pdfaSchema:prefix", "pdfuaid");
    x.start("pdfaSchema:property")
        .start("rdf:Seq")
        .start("rdf:li", {{"rdf:parseType", "Resource"}})
        .newline();
    line("pdfaProperty:name", "part");
    line("pdfaProperty:valueType", "Integer");
    line("pdfaProperty:category", "internal");
    line("pdfaProperty:description", "Indicates which part of ISO 14289 is followed");
    x.end().end().end().newline();  // rdf:li, rdf:Seq, pdfaSchema:property
    x.end().end().end().newline();  // rdf:li, rdf:Bag, pdfaExtension:schemas
    x.end().newline();
  }
  description("dc", "http://purl.org/dc/elements/1.1/");
  line("dc:format", "application/pdf");
  array("dc:title", "rdf:Alt", m.title(), true);
  array("dc:creator", "rdf:Seq", m.author(), false);
  array("dc:description", "rdf:Alt", m.subject(), true);
  array("dc:language", "rdf:Bag", m.language(), false);
  x.end().newline();
  description("xmp", "http://ns.adobe.com/xap/1.0/");
  line("xmp:CreatorTool", "kansli");
  if (!date.empty()) {
    line("xmp:CreateDate", date);
    line("xmp:ModifyDate", date);
  }
  x.end().newline();
  description("pdf", "http://ns.adobe.com/pdf/1.3/");
  line("pdf:Producer", producer);
  if (!keywords.empty()) line("pdf:Keywords", keywords);
  x.end().newline();
  x.end().newline();  // rdf:RDF
  x.end().newline();  // x:xmpmeta
  x.instruction("xpacket", "end=\"w\"");
  return x.finish();
}

}  // namespace

void add_metadata(HPDF_Doc doc, const ir::Metadata& m, const std::string& content, bool tagged) {
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
    xmp_date += date.ind == 'Z' ? std::string("Z")
                                : fmt::format("{}{:02}:{:02}", date.ind, date.off_hour, date.off_minutes);
  }

  const std::string xmp = xmp_packet(m, keywords, producer, dated ? xmp_date : "", tagged);
  HPDF_Dict meta = new_stream(doc, xmp);  // uncompressed: readable by archive tools
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

namespace {

// The profile at `path`, checked and Flate-compressed, once per process for
// the same file (path, size and modification time): every document embeds
// the same bytes, and libharu's zlib compressed them again in each render
// (about 0.3 M instructions). Thread-safe.
const std::string& compressed_profile(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto modified = ec ? fs::file_time_type() : fs::last_write_time(path, ec);
  if (ec) throw ExportError("ICC profile not found or unreadable: " + path);
  static std::mutex mutex;
  static std::map<std::tuple<std::string, std::uintmax_t, fs::file_time_type>, std::string> known;
  std::lock_guard lock(mutex);
  const auto key = std::make_tuple(path, size, modified);
  if (auto it = known.find(key); it != known.end()) return it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ExportError("ICC profile not found or unreadable: " + path);
  const std::string icc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (icc.size() < 128 || icc.compare(36, 4, "acsp") != 0) throw ExportError("not an ICC profile: " + path);
  return known.emplace(key, deflate(icc, 9)).first->second;
}

}  // namespace

void add_output_intent(HPDF_Doc doc, const std::string& icc_path) {
  HPDF_Dict profile = new_compressed_stream(doc, compressed_profile(icc_path));
  HPDF_Dict_AddNumber(profile, "N", 3);
  HPDF_Dict intent = HPDF_Dict_New(doc->mmgr);
  HPDF_Xref_Add(doc->xref, intent);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                HPDF_String_New(doc->mmgr, "sRGB IEC61966-2.1", nullptr));
  HPDF_Dict_Add(intent, "Info", HPDF_String_New(doc->mmgr, "sRGB IEC61966-2.1", nullptr));
  HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  HPDF_Array intents = HPDF_Array_New(doc->mmgr);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(doc->catalog, "OutputIntents", intents);
}

}  // namespace kansli::pdf
