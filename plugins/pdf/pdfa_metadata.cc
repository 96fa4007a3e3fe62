#include "pdfa_metadata.hpp"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>

#include <fstream>
#include <iterator>
#include <kansli/exporter_support.hpp>

#include "object_helpers.hpp"

namespace kansli::pdf {
namespace {

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
  date = HPDF_Date{t->year,   t->month, t->day,          t->hour,          t->minute,
                   t->second, t->zone,  t->offset_hours, t->offset_minutes};
  return true;
}

}  // namespace

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
    xmp_date += date.ind == 'Z' ? std::string("Z")
                                : fmt::format("{}{:02}:{:02}", date.ind, date.off_hour, date.off_minutes);
  }

  std::string xmp =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
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
    xmp +=
        "<dc:language><rdf:Bag><rdf:li>" + xml_escape(m.language()) + "</rdf:li></rdf:Bag></dc:language>\n";
  xmp +=
      "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
      "<xmp:CreatorTool>kansli</xmp:CreatorTool>\n";
  if (dated)
    xmp += "<xmp:CreateDate>" + xmp_date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + xmp_date +
           "</xmp:ModifyDate>\n";
  xmp +=
      "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
      "<pdf:Producer>" +
      xml_escape(producer) + "</pdf:Producer>\n";
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
  if (icc.size() < 128 || icc.compare(36, 4, "acsp") != 0)
    throw ExportError("not an ICC profile: " + icc_path);
  HPDF_Dict profile = new_stream(doc, icc, true);
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
